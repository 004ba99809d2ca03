import { describe, expect, it } from "vitest";
import { type SseEvent, SseParser } from "./sse-parser";

const encoder = new TextEncoder();

/** Feeds `bytes` split at `cuts` and collects every event. */
function parseSplit(bytes: Uint8Array, cuts: number[]): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...parser.push(bytes.subarray(start, cut)));
    start = cut;
  }
  events.push(...parser.end());
  return events;
}

const STREAM =
  ": ping\r\n\r\n" +
  'data: {"text":"héllo ☕ 😊"}\r\n\r\n' +
  "event: error\n" +
  'data: {"a":1}\n\n' +
  "data: line one\rdata: line two\r\r" +
  "data:no-space\n\n" +
  "data: [DONE]\n\n";

const EXPECTED: SseEvent[] = [
  { event: "message", data: '{"text":"héllo ☕ 😊"}' },
  { event: "error", data: '{"a":1}' },
  { event: "message", data: "line one\nline two" },
  { event: "message", data: "no-space" },
  { event: "message", data: "[DONE]" },
];

describe("SseParser", () => {
  it("parses LF, CRLF and CR line endings, comments, named events and multi-line data", () => {
    expect(parseSplit(encoder.encode(STREAM), [])).toEqual(EXPECTED);
  });

  it("gives the same events wherever the bytes are split, mid-line, mid-CRLF or mid-UTF-8", () => {
    const bytes = encoder.encode(STREAM);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseSplit(bytes, [cut])).toEqual(EXPECTED);
    }
  });

  it("survives byte-by-byte delivery", () => {
    const bytes = encoder.encode(STREAM);
    expect(
      parseSplit(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
    ).toEqual(EXPECTED);
  });

  it("delivers a last event that was not followed by a blank line", () => {
    expect(parseSplit(encoder.encode('data: {"x":1}\n\ndata: {"y":2}'), [])).toEqual([
      { event: "message", data: '{"x":1}' },
      { event: "message", data: '{"y":2}' },
    ]);
  });

  it("ignores unknown fields and events without data", () => {
    expect(parseSplit(encoder.encode("id: 7\nretry: 10\n\nevent: ping\n\ndata: ok\n\n"), [])).toEqual([
      { event: "message", data: "ok" },
    ]);
  });
});
