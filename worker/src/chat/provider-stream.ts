/**
 * The client for an OpenAI-compatible `POST /chat/completions` stream: builds the request from
 * scratch (never from the visitor's headers), enforces a timeout to the first byte and between
 * chunks, and yields one `ChunkReading` per SSE event. `cancel()` aborts the upstream fetch.
 */
import { isRecord } from "../json";
import { SseParser } from "../protocol/sse-parser";
import { IdleDeadline, withTimeout } from "../timeout";
import { type ChunkReading, readChunk } from "./completion-chunk";
import { UpstreamFailure } from "./upstream-failure";

export interface ProviderOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  maxOutputTokens: number;
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
}

export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export function buildProviderRequest(
  options: ProviderOptions,
  messages: PromptMessage[],
  signal?: AbortSignal,
): Request {
  const body = {
    model: options.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    [outputCapField(options.baseUrl)]: options.maxOutputTokens,
  };
  return new Request(`${options.baseUrl}/chat/completions`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${options.apiKey}`,
      "Content-Type": "application/json",
      Accept: "text/event-stream",
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/**
 * OpenAI's own API wants `max_completion_tokens` (its newer models reject `max_tokens`); every
 * other OpenAI-compatible server we know understands `max_tokens`, and not all know the new name.
 */
function outputCapField(baseUrl: string): "max_tokens" | "max_completion_tokens" {
  return new URL(baseUrl).hostname === "api.openai.com" ? "max_completion_tokens" : "max_tokens";
}

export class ProviderStream {
  readonly #controller: AbortController;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #idleTimeoutMs: number;
  readonly #parser = new SseParser();
  /** Silence allowed between two chunks, watched from the first read on. */
  #deadline: IdleDeadline | undefined;
  #pending: ChunkReading[];
  #ended = false;

  private constructor(
    controller: AbortController,
    reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
    idleTimeoutMs: number,
    initial: ChunkReading[] = [],
  ) {
    this.#controller = controller;
    this.#reader = reader;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#pending = initial;
  }

  /**
   * Sends the request; throws `UpstreamFailure` when the provider does not answer with a stream.
   * A 429 is retried once, after the provider's `Retry-After` when that is at most 2 s.
   */
  static async open(options: ProviderOptions, messages: PromptMessage[]): Promise<ProviderStream> {
    try {
      return await ProviderStream.#attempt(options, messages);
    } catch (err) {
      const wait = err instanceof UpstreamFailure ? rateLimitRetryDelay(err) : undefined;
      if (wait === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
      return ProviderStream.#attempt(options, messages);
    }
  }

  static async #attempt(options: ProviderOptions, messages: PromptMessage[]): Promise<ProviderStream> {
    const controller = new AbortController();
    const request = buildProviderRequest(options, messages, controller.signal);
    const response = await withTimeout(fetch(request), options.firstByteTimeoutMs, () => {
      controller.abort();
      return new UpstreamFailure("timeout");
    }).catch((err: unknown) => {
      throw err instanceof UpstreamFailure ? err : new UpstreamFailure("unreachable");
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 429) {
        throw new UpstreamFailure("provider_rate_limited", 429, parseRetryAfter(response.headers.get("Retry-After")));
      }
      throw new UpstreamFailure("provider_error", response.status);
    }
    const type = response.headers.get("Content-Type") ?? "";
    if (type.includes("application/json")) {
      // A provider that ignored `stream: true` and sent the whole completion at once.
      const reading = await readWholeCompletion(response);
      return new ProviderStream(controller, undefined, options.idleTimeoutMs, [
        reading,
        { ...reading, text: "", done: true },
      ]);
    }
    if (!response.body) throw new UpstreamFailure("provider_error", response.status);
    return new ProviderStream(controller, response.body.getReader(), options.idleTimeoutMs);
  }

  /**
   * The next event of the stream, or `null` at its end. Throws `UpstreamFailure("timeout")` after
   * `idleTimeoutMs` without a byte, and `UpstreamFailure("unreachable")` when the connection breaks.
   */
  async next(): Promise<ChunkReading | null> {
    for (;;) {
      const queued = this.#pending.shift();
      if (queued) return queued;
      if (this.#ended || !this.#reader) return null;
      const { done, value } = await this.#read(this.#reader);
      if (done) {
        this.#ended = true;
        this.#deadline?.stop();
        this.#pending = this.#parser.end().map(readChunk);
      } else {
        this.#pending = this.#parser.push(value).map(readChunk);
      }
    }
  }

  /** Aborts the upstream request (the visitor left, or the answer is complete). */
  cancel(): void {
    this.#ended = true;
    this.#deadline?.stop();
    this.#controller.abort();
  }

  async #read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamReadResult<Uint8Array>> {
    this.#deadline ??= new IdleDeadline(this.#idleTimeoutMs, () => {
      this.cancel();
      return new UpstreamFailure("timeout");
    });
    try {
      const result = await Promise.race([reader.read(), this.#deadline.expired]);
      this.#deadline.touch();
      return result;
    } catch (err) {
      this.cancel();
      throw err instanceof UpstreamFailure ? err : new UpstreamFailure("unreachable");
    }
  }
}

async function readWholeCompletion(response: Response): Promise<ChunkReading> {
  const json: unknown = await response.json().catch(() => undefined);
  const message = isRecord(json) && Array.isArray(json.choices) && isRecord(json.choices[0]) ? json.choices[0] : {};
  const asChunk = { ...(isRecord(json) ? json : {}), choices: [{ ...message, delta: message.message }] };
  const reading = readChunk({ event: "message", data: JSON.stringify(asChunk) });
  if (reading.error || (reading.text === "" && reading.finishReason === null)) {
    throw new UpstreamFailure("provider_error", response.status);
  }
  return reading;
}

/** The longest `Retry-After` worth waiting for before the one retry of a 429. */
const MAX_RETRY_WAIT_MS = 2000;
/** The pause before retrying a 429 that did not say how long to wait. */
const DEFAULT_RETRY_WAIT_MS = 500;

/** Milliseconds to wait before retrying `failure`, or `undefined` when it is not worth a retry. */
function rateLimitRetryDelay(failure: UpstreamFailure): number | undefined {
  if (failure.kind !== "provider_rate_limited") return undefined;
  if (failure.retryAfter === undefined) return DEFAULT_RETRY_WAIT_MS;
  const wait = failure.retryAfter * 1000;
  return wait <= MAX_RETRY_WAIT_MS ? wait : undefined;
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), if present and sane. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
