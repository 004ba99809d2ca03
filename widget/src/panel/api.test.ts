/**
 * The widget's reading of the answer stream, fed byte streams as a server could send them: any
 * line ending, comments, multi-line data, split anywhere. `fetch` is replaced by one that answers
 * with the given body, since what is under test is what the widget makes of the bytes.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatError, streamAnswer } from "./api";

const DONE = {
  messageId: "m1",
  finishReason: "stop",
  source: "model",
  usage: { promptTokens: 1, completionTokens: 2 },
  sources: [{ title: "How do I pay?", url: "https://help.shop.example/pay" }],
};

/** A response whose body arrives as `text` cut into `size`-byte pieces. */
function respondWith(text: string, size: number, init: ResponseInit = {}) {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
  vi.stubGlobal("fetch", async () => new Response(body, { headers: { "Content-Type": "text/event-stream" }, ...init }));
}

async function read(text: string, size: number) {
  respondWith(text, size);
  const deltas: string[] = [];
  const done = await streamAnswer("/api/chat", { body: "{}" }, new AbortController().signal, {
    onDelta: (delta) => deltas.push(delta),
  });
  return { text: deltas.join(""), done };
}

afterEach(() => vi.unstubAllGlobals());

describe("streamAnswer", () => {
  const streams = {
    LF: `event: delta\ndata: {"text":"héllo ☕ "}\n\nevent: delta\ndata: {"text":"😊"}\n\nevent: done\ndata: ${JSON.stringify(DONE)}\n\n`,
    CRLF: `event: delta\r\ndata: {"text":"héllo ☕ "}\r\n\r\nevent: delta\r\ndata: {"text":"😊"}\r\n\r\nevent: done\r\ndata: ${JSON.stringify(DONE)}\r\n\r\n`,
    CR: `event: delta\rdata: {"text":"héllo ☕ "}\r\revent: delta\rdata: {"text":"😊"}\r\revent: done\rdata: ${JSON.stringify(DONE)}\r\r`,
    "comments and multi-line data": `: keep-alive\n\nevent: delta\n: a comment inside\ndata: {"text":\ndata: "héllo ☕ "}\n\nevent: delta\ndata:{"text":"😊"}\n\nevent: done\ndata: ${JSON.stringify(DONE)}`,
  };

  for (const [name, stream] of Object.entries(streams)) {
    it(`reads ${name}, however the bytes are split`, async () => {
      for (const size of [1, 2, 3, 7, 64, 10_000]) {
        const { text, done } = await read(stream, size);
        expect(text, `${name} in ${size}-byte pieces`).toBe("héllo ☕ 😊");
        expect(done).toEqual(DONE);
      }
    });
  }

  it("turns an error event into a ChatError that says part of the answer came", async () => {
    respondWith(
      'event: delta\ndata: {"text":"Part"}\n\nevent: error\ndata: {"code":"upstream_error","message":"cut"}\n\n',
      5,
    );
    const failure = streamAnswer("/api/chat", { body: "{}" }, new AbortController().signal, { onDelta: () => {} });
    await expect(failure).rejects.toMatchObject({ code: "upstream_error", message: "cut", partial: true });
  });

  it("calls a stream that ends without done cut off", async () => {
    respondWith('event: delta\ndata: {"text":"Part"}\n\n', 4);
    const failure = streamAnswer("/api/chat", { body: "{}" }, new AbortController().signal, { onDelta: () => {} });
    await expect(failure).rejects.toMatchObject({ code: "stream_cut", partial: true });
  });

  it("reads an error answer's code, message and Retry-After", async () => {
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response(JSON.stringify({ error: { code: "rate_limited", message: "Slow down" } }), {
          status: 429,
          headers: { "Retry-After": "12" },
        }),
    );
    const failure = streamAnswer("/api/chat", { body: "{}" }, new AbortController().signal, { onDelta: () => {} });
    await expect(failure).rejects.toEqual(new ChatError("rate_limited", "Slow down", 12));
    await expect(failure).rejects.toMatchObject({ retryAfter: 12 });
  });
});
