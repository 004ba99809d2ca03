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

/**
 * Turns a sequence of events into a response body. Cancelling the body (the visitor left, or
 * pressed Stop) calls `onCancel`; either way `onEnd` learns how the stream ended, once.
 */
export function eventStream(
  events: AsyncGenerator<AnswerEvent>,
  onCancel: () => void,
  onEnd: (end: StreamEnd) => void = () => {},
): ReadableStream<Uint8Array> {
  let last: AnswerEvent | null = null;
  let ended = false;
  const end = (how: StreamEnd) => {
    if (!ended) onEnd(how);
    ended = true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await events.next();
      if (done) {
        controller.close();
        end(last);
      } else {
        last = value;
        controller.enqueue(encodeEvent(value));
      }
    },
    cancel() {
      onCancel();
      end(null);
    },
  });
}

/**
 * A body whose bytes come from a stream not there yet: its headers can go before the answer is
 * ready. Should the stream never come, `onFailure` learns why and the body ends with an `error`
 * event. Cancelling the body cancels the stream, now or once it comes.
 */
export function eventualBody(
  pending: Promise<ReadableStream<Uint8Array> | null>,
  onFailure: (err: unknown) => void,
): ReadableStream<Uint8Array> {
  const opened = pending.then((stream) => {
    if (!stream) throw new Error("the answer has no body");
    return stream.getReader();
  });
  let failed = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let reader: ReadableStreamDefaultReader<Uint8Array>;
      try {
        reader = await opened;
      } catch (err) {
        if (!failed) onFailure(err);
        failed = true;
        const message = "Something went wrong on our side. Please try again.";
        controller.enqueue(encodeEvent({ event: "error", data: { code: "internal_error", message } }));
        controller.close();
        return;
      }
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return opened.then(
        (reader) => reader.cancel(reason),
        () => {},
      );
    },
  });
}
