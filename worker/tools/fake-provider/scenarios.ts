/**
 * How the fake provider should behave for one base URL. The scenario is encoded in the URL path,
 * `/<tag>/<scenario>/v1`, so one server can serve many tests at once and each test can read back
 * the requests made with its own tag.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the fake provider that the global setup started for this run. */
    fakeProviderOrigin: string;
    /** The recorded provider streams and what a client must see of each (their JSON sidecars). */
    providerFixtures: ProviderFixture[];
  }
}

export interface ProviderFixture {
  name: string;
  expectedText: string;
  finishReason: string | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
}

/** A request the fake provider received, as `GET /__requests/<tag>` reports it. */
export interface RecordedRequest {
  tag: string;
  scenario: Scenario;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The client closed the connection before the response was complete. */
  closedEarly: boolean;
  /** The whole response was sent (false while it is still being written). */
  complete: boolean;
}

export type Scenario =
  /**
   * A normal streamed answer that quotes the question, in awkward chunk splits (a whole JSON
   * completion when the request says `stream: false`). Its `/embeddings` answers after
   * `embeddingsDelayMs`, or with HTTP `embeddingsStatus` when that is set. With `keys` (comma-
   * separated), only those keys are accepted: others get OpenAI's 401, as a revoked key does. With
   * `rejects` (comma-separated parameters), a request that sends one of them gets the 400 that
   * OpenAI's newer models give `max_tokens`, naming it.
   */
  | {
      mode: "answer";
      text?: string;
      firstDelayMs?: number;
      gapMs?: number;
      omitUsage?: boolean;
      embeddingsStatus?: number;
      embeddingsDelayMs?: number;
      keys?: string;
      rejects?: string;
    }
  /**
   * One of the errors real providers send, with their real bodies (server.ts, `PROVIDER_ERRORS`);
   * with `times`, only the first `times` requests of a tag fail and later ones are answered.
   */
  | { mode: "error"; error: ProviderErrorName; times?: number; retryAfter?: string }
  /** A recorded stream from tests/fixtures/provider-streams, byte for byte, split awkwardly. */
  | { mode: "fixture"; name: string }
  /**
   * An HTTP error like the provider's own (401 echoes a masked key, as OpenAI does); with
   * `times`, only the first `times` requests of a tag fail and later ones are answered.
   */
  | { mode: "status"; status: number; retryAfter?: string; times?: number }
  /** Never sends response headers. */
  | { mode: "hang-before-headers" }
  /** Sends the first token, then nothing more and never closes. */
  | { mode: "hang-after-first-token" }
  /** Sends part of the answer, then destroys the connection. */
  | { mode: "cut-mid-stream" }
  /** 200 with an SSE body that contains no JSON at all. */
  | { mode: "malformed" }
  /** Part of the answer, then a named `error` event, as Groq does. */
  | { mode: "midstream-error" }
  /** An `error` payload before any token. */
  | { mode: "error-before-first-token" }
  /** 200 with an empty body. */
  | { mode: "empty" }
  /** 200 with a whole (non-streamed) JSON completion. */
  | { mode: "json" }
  /** Only keep-alive comments, forever. */
  | { mode: "comments-forever" };

/** The provider errors the "error" mode can send (their bodies are in server.ts). */
export const PROVIDER_ERROR_NAMES = [
  "invalid_api_key",
  "permission_denied",
  "insufficient_quota",
  "insufficient_credits",
  "rate_limit_exceeded",
  "model_not_found",
  "context_length_exceeded",
  "server_error",
] as const;
export type ProviderErrorName = (typeof PROVIDER_ERROR_NAMES)[number];

export function encodeScenario(scenario: Scenario): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(scenario)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return encodeURIComponent(params.toString());
}

const SIMPLE_MODES = [
  "hang-before-headers",
  "hang-after-first-token",
  "cut-mid-stream",
  "malformed",
  "midstream-error",
  "error-before-first-token",
  "empty",
  "json",
  "comments-forever",
] as const;

type SimpleMode = (typeof SIMPLE_MODES)[number];

function isSimpleMode(mode: string): mode is SimpleMode {
  return (SIMPLE_MODES as readonly string[]).includes(mode);
}

export function decodeScenario(segment: string): Scenario {
  const params = new URLSearchParams(decodeURIComponent(segment));
  const mode = params.get("mode") ?? "answer";
  const text = params.get("text");
  const retryAfter = params.get("retryAfter");
  if (isSimpleMode(mode)) return { mode };
  if (mode === "fixture") return { mode, name: params.get("name") ?? "" };
  if (mode === "error") {
    const error = params.get("error") ?? "";
    return {
      mode,
      error: (PROVIDER_ERROR_NAMES as readonly string[]).includes(error)
        ? (error as ProviderErrorName)
        : "server_error",
      ...(retryAfter !== null ? { retryAfter } : {}),
      ...(params.has("times") ? { times: Number(params.get("times")) } : {}),
    };
  }
  if (mode === "status") {
    return {
      mode,
      status: Number(params.get("status") ?? 500),
      ...(retryAfter !== null ? { retryAfter } : {}),
      ...(params.has("times") ? { times: Number(params.get("times")) } : {}),
    };
  }
  return {
    mode: "answer",
    ...(text !== null ? { text } : {}),
    ...(params.has("firstDelayMs") ? { firstDelayMs: Number(params.get("firstDelayMs")) } : {}),
    ...(params.has("gapMs") ? { gapMs: Number(params.get("gapMs")) } : {}),
    ...(params.get("omitUsage") === "true" ? { omitUsage: true } : {}),
    ...(params.has("embeddingsStatus") ? { embeddingsStatus: Number(params.get("embeddingsStatus")) } : {}),
    ...(params.has("embeddingsDelayMs") ? { embeddingsDelayMs: Number(params.get("embeddingsDelayMs")) } : {}),
    ...(params.has("keys") ? { keys: params.get("keys") ?? "" } : {}),
    ...(params.has("rejects") ? { rejects: params.get("rejects") ?? "" } : {}),
  };
}

/** The base URL a Worker should use as `OPENAI_BASE_URL` to get `scenario`, tagged `tag`. */
export function scenarioBaseUrl(origin: string, tag: string, scenario: Scenario): string {
  return `${origin}/${encodeURIComponent(tag)}/${encodeScenario(scenario)}/v1`;
}
