/**
 * The visitor's question by meaning: its embedding, asked of the provider only when it can help
 * (the FAQ goes by retrieval and has vectors of the same model) and waited for at most
 * `QUERY_EMBEDDING_WAIT_MS`, the most it may add to the time to the first token. Without it,
 * retrieval is lexical alone.
 */
import type { EnvConfig } from "../env-config";
import type { SemanticQuery } from "../faq/retrieval";
import type { ChatMessage } from "../protocol";
import { embedTexts } from "./client";
import type { FaqVectors } from "./faq-vectors";

/** The longest a chat waits for its question's embedding (a typical answer takes 100–300 ms). */
export const QUERY_EMBEDDING_WAIT_MS = 800;

export async function semanticQuery(
  config: EnvConfig,
  messages: readonly ChatMessage[],
  vectors: FaqVectors | null | undefined,
): Promise<SemanticQuery | undefined> {
  const { apiKey, embeddingsModel } = config;
  if (!apiKey || !embeddingsModel || !vectors || vectors.model !== embeddingsModel) return undefined;
  const question = messages.findLast((m) => m.role === "user")?.content ?? "";
  try {
    const [query] = await embedTexts(
      { baseUrl: config.baseUrl, apiKey, model: embeddingsModel },
      [question],
      QUERY_EMBEDDING_WAIT_MS,
    );
    return query ? { vectors: vectors.entries, query: Float32Array.from(query) } : undefined;
  } catch (err) {
    console.warn(`question not embedded (${err instanceof Error ? err.message : "unknown"}): lexical retrieval only`);
    return undefined;
  }
}
