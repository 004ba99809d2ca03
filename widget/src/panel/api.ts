/**
 * The only module that touches the network: the widget's settings, the chat stream and ratings
 * (docs/http-api.md). Chat and feedback requests carry a plain string body, which fetch sends as
 * `text/plain;charset=UTF-8`: a CORS "simple" request, which spares each one a preflight round
 * trip; the Worker reads the body as JSON all the same.
 */
import type { ChatMessage, DoneEvent, ErrorBody, FeedbackRequest, WidgetConfig } from "../../../worker/src/protocol";
import { type SseEvent, SseParser } from "../../../worker/src/protocol/sse-parser";

export interface StreamHandlers {
  onDelta(text: string): void;
}

/** Why a chat request failed, in the terms the panel shows the visitor. */
export class ChatError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Seconds until a retry may succeed (rate limits). */
    readonly retryAfter?: number,
    /** Whether part of the answer had already arrived. */
    readonly partial = false,
  ) {
    super(message);
  }
}

export async function fetchConfig(apiBase: string): Promise<WidgetConfig | undefined> {
  try {
    const response = await fetch(`${apiBase}/api/config`, { credentials: "omit" });
    return response.ok ? ((await response.json()) as WidgetConfig) : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a conversation somewhere that answers with our event stream (docs/http-api.md). */
export type Transport = (messages: ChatMessage[], signal: AbortSignal, handlers: StreamHandlers) => Promise<DoneEvent>;

/** The widget's transport: `POST /api/chat` as this visitor. */
export function chatTransport(apiBase: string, visitorId: () => string): Transport {
  return (messages, signal, handlers) =>
    streamAnswer(
      `${apiBase}/api/chat`,
      { body: JSON.stringify({ visitorId: visitorId(), messages }) },
      signal,
      handlers,
    );
}

/** Sends a visitor's rating of an answer; rejects if the server did not take it. */
export type FeedbackSender = (feedback: Omit<FeedbackRequest, "visitorId">) => Promise<void>;

/** The widget's feedback: `POST /api/feedback` as this visitor. */
export function feedbackSender(apiBase: string, visitorId: () => string): FeedbackSender {
  return async (feedback) => {
    const response = await fetch(`${apiBase}/api/feedback`, {
      method: "POST",
      body: JSON.stringify({ visitorId: visitorId(), ...feedback }),
      credentials: "omit",
    });
    if (!response.ok) throw await errorOf(response);
  };
}

/** POSTs `init` to `url` and streams the answer; resolves with its `done` event. */
export async function streamAnswer(
  url: string,
  init: { headers?: Record<string, string>; body: string },
  signal: AbortSignal,
  handlers: StreamHandlers,
): Promise<DoneEvent> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", ...init, credentials: "omit", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ChatError(navigator.onLine ? "network_error" : "offline", String(error));
  }
  if (!response.ok || !response.body) throw await errorOf(response);

  let done: DoneEvent | undefined;
  let received = false;
  try {
    for await (const { event, data } of readEvents(response.body)) {
      const payload = JSON.parse(data) as { text?: string; code?: string; message?: string };
      if (event === "delta" && payload.text) {
        received = true;
        handlers.onDelta(payload.text);
      } else if (event === "done") {
        done = payload as DoneEvent;
      } else if (event === "error") {
        throw new ChatError(payload.code ?? "stream_error", payload.message ?? "", undefined, received);
      }
    }
  } catch (error) {
    if (error instanceof ChatError || signal.aborted) throw error;
    throw new ChatError(navigator.onLine ? "stream_cut" : "offline", String(error), undefined, received);
  }
  if (!done) throw new ChatError("stream_cut", "The stream ended early", undefined, received);
  return done;
}

async function errorOf(response: Response): Promise<ChatError> {
  try {
    const { error } = (await response.json()) as ErrorBody;
    const retryAfter = error.retryAfter ?? Number(response.headers.get("Retry-After"));
    return new ChatError(error.code, error.message, retryAfter > 0 ? retryAfter : undefined);
  } catch {
    return new ChatError("http_error", `HTTP ${response.status}`);
  }
}

/** The events of our answer stream, read with the Worker's own SSE parser. */
async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read();
    yield* done ? parser.end() : parser.push(value);
    if (done) return;
  }
}
