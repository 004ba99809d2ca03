/**
 * The client for an OpenAI-compatible `POST /embeddings` (`EMBEDDINGS_MODEL`, docs/configuration.md):
 * the vectors of a batch of texts, or an `EmbeddingFailure` saying why not. Built from scratch,
 * like the chat request; the provider's own error text is never passed on.
 */
import { isRecord } from "../json";
import { withTimeout } from "../timeout";

export interface EmbeddingOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
}

export class EmbeddingFailure extends Error {
  constructor(
    /** The provider's HTTP status, or null when it could not be reached or timed out. */
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** The embeddings of `texts`, in their order. */
export async function embedTexts(options: EmbeddingOptions, texts: string[], timeoutMs: number): Promise<number[][]> {
  const controller = new AbortController();
  const request = new Request(`${options.baseUrl}/embeddings`, {
    method: "POST",
    headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: options.model, input: texts, encoding_format: "float" }),
    signal: controller.signal,
  });
  const response = await withTimeout(fetch(request), timeoutMs, () => {
    controller.abort();
    return new EmbeddingFailure(null, `the embeddings provider did not answer within ${timeoutMs} ms`);
  }).catch((err: unknown) => {
    throw err instanceof EmbeddingFailure ? err : new EmbeddingFailure(null, "the embeddings provider is unreachable");
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new EmbeddingFailure(response.status, `the embeddings provider answered HTTP ${response.status}`);
  }
  const json: unknown = await response.json().catch(() => null);
  const data = isRecord(json) && Array.isArray(json.data) ? json.data : [];
  const vectors: number[][] = new Array(texts.length);
  for (const [position, item] of data.entries()) {
    if (!isRecord(item) || !Array.isArray(item.embedding)) continue;
    const at = typeof item.index === "number" ? item.index : position;
    if (item.embedding.every((x) => typeof x === "number")) vectors[at] = item.embedding as number[];
  }
  if (vectors.length !== texts.length || [...vectors].some((v) => !v || v.length === 0)) {
    throw new EmbeddingFailure(response.status, "the embeddings provider's answer had no vector for some texts");
  }
  return vectors;
}
