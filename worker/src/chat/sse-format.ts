/** Encodes the events of our own stream (CONTRACT §3): `delta`, `done`, `error`. */
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

/** Turns a sequence of events into a response body; cancelling the body calls `onCancel`. */
export function eventStream(events: AsyncGenerator<AnswerEvent>, onCancel: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await events.next();
      if (done) controller.close();
      else controller.enqueue(encodeEvent(value));
    },
    cancel() {
      onCancel();
    },
  });
}
