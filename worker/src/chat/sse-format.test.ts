import { describe, expect, it } from "vitest";
import { type AnswerEvent, type AnswerStream, encodeEvent, eventStream, type StreamEnd } from "./sse-format";

const decoder = new TextDecoder();

const delta = (text: string): AnswerEvent => ({ event: "delta", data: { text } });
const done: AnswerEvent = {
  event: "done",
  data: {
    messageId: "m1",
    finishReason: "stop",
    source: "model",
    sources: [],
    usage: { promptTokens: 1, completionTokens: 1 },
  },
};

/** An answer of `events`, recording whether it was cancelled and how it ended. */
function answerOf(...events: AnswerEvent[]): { stream: AnswerStream; cancelled: () => number; ends: StreamEnd[] } {
  let cancels = 0;
  const ends: StreamEnd[] = [];
  async function* generate() {
    yield* events;
  }
  const stream = { events: generate(), onCancel: () => cancels++, onEnd: (end: StreamEnd) => ends.push(end) };
  return { stream, cancelled: () => cancels, ends };
}

const text = (...events: AnswerEvent[]) => events.map((event) => decoder.decode(encodeEvent(event))).join("");

function later<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: Error) => void } {
  let resolve: (value: T) => void = () => {};
  let reject: (err: Error) => void = () => {};
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe("eventStream", () => {
  it("passes on every event of an answer that comes later, and says how it ended once", async () => {
    const coming = later<AnswerStream>();
    const body = eventStream(coming.promise);
    const answer = answerOf(delta("Hi"), done);
    coming.resolve(answer.stream);
    expect(await new Response(body).text()).toBe(text(delta("Hi"), done));
    expect(answer.ends).toEqual([done]);
    expect(answer.cancelled()).toBe(0);
  });

  it("ends with one internal_error event when the answer never comes, and says why once", async () => {
    const failures: unknown[] = [];
    const body = eventStream(Promise.reject(new Error("prompt failed")), (err) => failures.push(err));
    expect(await new Response(body).text()).toBe(
      text({
        event: "error",
        data: { code: "internal_error", message: "Something went wrong on our side. Please try again." },
      }),
    );
    expect(failures).toEqual([new Error("prompt failed")]);
  });

  it("cancels the answer when the body is cancelled before the answer came", async () => {
    const coming = later<AnswerStream>();
    const body = eventStream(coming.promise);
    const cancelling = body.cancel("visitor left");
    const answer = answerOf(delta("never read"), done);
    coming.resolve(answer.stream);
    await cancelling;
    expect(answer.cancelled()).toBe(1);
    expect(answer.ends).toEqual([null]);
  });

  it("cancels the answer it is reading when the body is cancelled midway", async () => {
    const answer = answerOf(delta("Hi"), delta(" there"), done);
    const reader = eventStream(answer.stream).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe(text(delta("Hi")));
    await reader.cancel("stop pressed");
    expect(answer.cancelled()).toBe(1);
    expect(answer.ends).toEqual([null]);
  });
});
