/**
 * "Test provider": one minimal, non-streaming Chat Completions request with the configured key and
 * model, as a chat would make it (the same request shape, learned or retried: provider-compat.ts),
 * to check a key right after it was rotated. It answers whether it worked, how long it took, and
 * the model as the provider names it; never the provider's words.
 */
import { isRecord } from "../json";
import type { ProviderFailureKind } from "../protocol";
import { SseParser } from "../protocol/sse-parser";
import { withTimeout } from "../timeout";
import { withProviderRetries } from "./provider-compat";
import type { ProviderOptions } from "./provider-stream";
import { httpFailure, UpstreamFailure } from "./upstream-failure";

export interface ProviderCheck {
  ok: boolean;
  state: "ok" | ProviderFailureKind;
  latencyMs: number;
  model?: string;
}

/** Enough for the smallest answer and its envelope; a larger body is not a completion. */
const ANSWER_BYTES_MAX = 64 * 1024;
/** The answer's length: a word is all the check needs. */
const CHECK_OUTPUT_TOKENS = 16;
const CHECK_MESSAGES = [{ role: "user", content: "Reply with the single word OK." }];

/** A model name as a provider reports it (`gpt-4o-mini-2024-07-18`, `meta-llama/Llama-3.1-8B`): nothing else. */
const MODEL_NAME = /^[\w.:/@+-]{1,200}$/;

export async function checkProvider(options: ProviderOptions, now = () => Date.now()): Promise<ProviderCheck> {
  const started = now();
  try {
    const model = await withProviderRetries(options, false, (shape) =>
      attempt(options, { [shape.cap]: CHECK_OUTPUT_TOKENS }),
    );
    return { ok: true, state: "ok", latencyMs: Math.max(0, now() - started), ...(model ? { model } : {}) };
  } catch (err) {
    if (!(err instanceof UpstreamFailure)) throw err;
    return { ok: false, state: err.kind, latencyMs: Math.max(0, now() - started) };
  }
}

/** One request; resolves with the model the provider names (if it names one), or throws `UpstreamFailure`. */
async function attempt(options: ProviderOptions, cap: Record<string, number>): Promise<string | undefined> {
  const controller = new AbortController();
  const request = new Request(`${options.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${options.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: options.model, messages: CHECK_MESSAGES, stream: false, ...cap }),
    signal: controller.signal,
  });
  const timedOut = () => {
    controller.abort();
    return new UpstreamFailure("timeout");
  };
  const response = await withTimeout(fetch(request), options.firstByteTimeoutMs, timedOut).catch((err: unknown) => {
    throw err instanceof UpstreamFailure ? err : new UpstreamFailure("unreachable");
  });
  if (!response.ok) throw await httpFailure(response);
  const text = await withTimeout(readPrefix(response), options.idleTimeoutMs, timedOut).catch((err: unknown) => {
    throw err instanceof UpstreamFailure ? err : new UpstreamFailure("unreachable");
  });
  const completion = (response.headers.get("Content-Type") ?? "").includes("text/event-stream")
    ? firstEventJson(text)
    : parseJson(text);
  if (!isRecord(completion) || completion.error || !Array.isArray(completion.choices)) {
    throw new UpstreamFailure("provider_error", response.status);
  }
  return typeof completion.model === "string" && MODEL_NAME.test(completion.model) ? completion.model : undefined;
}

/** The body's first `ANSWER_BYTES_MAX` bytes, as text; the rest is let go. */
async function readPrefix(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    while (size < ANSWER_BYTES_MAX) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return text + decoder.decode();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A provider that streamed although asked not to: its first chunk names the model. */
function firstEventJson(text: string): unknown {
  const parser = new SseParser();
  for (const event of [...parser.push(new TextEncoder().encode(text)), ...parser.end()]) {
    const json = parseJson(event.data);
    if (isRecord(json)) return json;
  }
  return undefined;
}
