/** Encodes the events of our own stream (docs/http-api.md): `delta`, `done`, `error`. */
import type { DeltaEvent, DoneEvent, StreamErrorEvent } from "../protocol";

const encoder = new TextEncoder();

export type AnswerEvent =
  | { event: "delta"; data: DeltaEvent }
  | { event: "done"; data: DoneEvent }
  | { event: "error"; data: StreamErrorEvent };

export function encodeEvent({ event, data }: AnswerEvent): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Headers that keep every hop from buffering or transforming the stream. */
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

/** How an answer stream ended: its final event, or `null` when the visitor went away first. */
export type StreamEnd = AnswerEvent | null;

/** The events of an answer, and what to do when its stream is cancelled or ends. */
export interface AnswerStream {
  events: AsyncGenerator<AnswerEvent>;
  /** The visitor went away, or pressed Stop. */
  onCancel?: () => void;
  /** How the stream ended; called once. */
  onEnd?: (end: StreamEnd) => void;
}

const INTERNAL_ERROR: AnswerEvent = {
  event: "error",
  data: { code: "internal_error", message: "Something went wrong on our side. Please try again." },
};

/**
 * Turns an answer's events into a response body. The answer may still be coming (a promise), so
 * that the headers can go first; should it never come, `onFailure` learns why and the body ends
 * with an `error` event. Cancelling the body (the visitor left, or pressed Stop) cancels the
 * answer, now or once it comes. One stream from the provider's bytes to the visitor's: every
 * layer between them would cost a read and a copy per chunk.
 */
export function eventStream(
  source: AnswerStream | Promise<AnswerStream>,
  onFailure: (err: unknown) => void = () => {},
): ReadableStream<Uint8Array> {
  let answer: AnswerStream | undefined;
  let last: AnswerEvent | null = null;
  let ended = false;
  const end = (stream: AnswerStream, how: StreamEnd) => {
    if (!ended) stream.onEnd?.(how);
    ended = true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        answer ??= await source;
      } catch (err) {
        onFailure(err);
        controller.enqueue(encodeEvent(INTERNAL_ERROR));
        controller.close();
        return;
      }
      const { value, done } = await answer.events.next();
      if (done) {
        controller.close();
        end(answer, last);
      } else {
        last = value;
        controller.enqueue(encodeEvent(value));
      }
    },
    cancel() {
      return Promise.resolve(source).then(
        (stream) => {
          stream.onCancel?.();
          end(stream, null);
        },
        () => {},
      );
    },
  });
}
