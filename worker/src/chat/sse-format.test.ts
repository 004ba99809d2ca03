import { describe, expect, it } from "vitest";
import { encodeEvent, eventualBody } from "./sse-format";

const decoder = new TextDecoder();

function streamOf(...texts: string[]): { stream: ReadableStream<Uint8Array>; cancelled: () => unknown } {
  let reason: unknown;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = texts.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
    cancel(why) {
      reason = why ?? "cancelled";
    },
  });
  return { stream, cancelled: () => reason };
}

function later<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: Error) => void } {
  let resolve: (value: T) => void = () => {};
  let reject: (err: Error) => void = () => {};
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe("eventualBody", () => {
  it("passes on every byte of a stream that comes later", async () => {
    const coming = later<ReadableStream<Uint8Array>>();
    const body = eventualBody(coming.promise, () => {});
    coming.resolve(streamOf("event: delta\n", "data: {}\n\n", "event: done\ndata: {}\n\n").stream);
    expect(await new Response(body).text()).toBe("event: delta\ndata: {}\n\nevent: done\ndata: {}\n\n");
  });

  it("ends with one internal_error event when the stream never comes, and says why once", async () => {
    const failures: unknown[] = [];
    const body = eventualBody(Promise.reject(new Error("prompt failed")), (err) => failures.push(err));
    const text = await new Response(body).text();
    expect(text).toBe(
      decoder.decode(
        encodeEvent({
          event: "error",
          data: { code: "internal_error", message: "Something went wrong on our side. Please try again." },
        }),
      ),
    );
    expect(failures).toEqual([new Error("prompt failed")]);
  });

  it("cancels the stream when the body is cancelled before the stream came", async () => {
    const coming = later<ReadableStream<Uint8Array>>();
    const body = eventualBody(coming.promise, () => {});
    const cancelling = body.cancel("visitor left");
    const { stream, cancelled } = streamOf("never read");
    coming.resolve(stream);
    await cancelling;
    expect(cancelled()).toBe("visitor left");
  });

  it("cancels the stream it is reading when the body is cancelled midway", async () => {
    const { stream, cancelled } = streamOf("event: delta\ndata: {}\n\n", "more");
    const reader = eventualBody(Promise.resolve(stream), () => {}).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe("event: delta\ndata: {}\n\n");
    await reader.cancel("stop pressed");
    expect(cancelled()).toBe("stop pressed");
  });
});
