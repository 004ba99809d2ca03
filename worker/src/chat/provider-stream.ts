/**
 * The client for an OpenAI-compatible `POST /chat/completions` stream: builds the request from
 * scratch (never from the visitor's headers), enforces a timeout to the first byte and between
 * chunks, and yields one `ChunkReading` per SSE event. `cancel()` aborts the upstream fetch.
 */
import { isRecord } from "../json";
import { SseParser } from "../protocol/sse-parser";
import { IdleDeadline, withTimeout } from "../timeout";
import { type ChunkReading, readChunk } from "./completion-chunk";
import { type RequestShape, requestShape, withProviderRetries } from "./provider-compat";
import { httpFailure, UpstreamFailure } from "./upstream-failure";

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
  shape: RequestShape = requestShape(options),
): Request {
  const body = {
    model: options.model,
    messages,
    stream: true,
    ...(shape.streamOptions ? { stream_options: { include_usage: true } } : {}),
    [shape.cap]: options.maxOutputTokens,
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

export class ProviderStream {
  readonly #controller: AbortController;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #idleTimeoutMs: number;
  readonly #parser = new SseParser();
  /** Silence allowed between two chunks, watched from the first read on. */
  #deadline: IdleDeadline | undefined;
  /** The deadline passed: the read it cut short ends in a timeout. */
  #timedOut = false;
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
   * A refused parameter and a rate limit are retried once each (provider-compat.ts).
   */
  static open(options: ProviderOptions, messages: PromptMessage[]): Promise<ProviderStream> {
    return withProviderRetries(options, true, (shape) => ProviderStream.#attempt(options, messages, shape));
  }

  static async #attempt(
    options: ProviderOptions,
    messages: PromptMessage[],
    shape: RequestShape,
  ): Promise<ProviderStream> {
    const controller = new AbortController();
    const request = buildProviderRequest(options, messages, controller.signal, shape);
    const response = await withTimeout(fetch(request), options.firstByteTimeoutMs, () => {
      controller.abort();
      return new UpstreamFailure("timeout");
    }).catch((err: unknown) => {
      throw err instanceof UpstreamFailure ? err : new UpstreamFailure("unreachable");
    });
    if (!response.ok) throw await httpFailure(response);
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
    // A deadline that passes aborts the request, which ends the pending read: no race per chunk.
    this.#deadline ??= new IdleDeadline(this.#idleTimeoutMs, () => {
      this.#timedOut = true;
      this.cancel();
    });
    try {
      const result = await reader.read();
      if (this.#timedOut) throw new UpstreamFailure("timeout");
      this.#deadline.touch();
      return result;
    } catch (err) {
      this.cancel();
      if (this.#timedOut) throw new UpstreamFailure("timeout");
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
