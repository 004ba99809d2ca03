/**
 * CONTRACT §3 and §7: every way the provider can fail ends in the contract's outcome, within the
 * timeouts, and the provider key never shows up in a response body, a header or a log line.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Scenario } from "../../../tests/fake-provider/scenarios";
import {
  chatBody,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  TEST_KEY,
  textOf,
  uniqueTag,
} from "../testing/harness";

/** Short timeouts so hang modes resolve quickly; the defaults are 20 s. */
const FAST = { UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "300", UPSTREAM_IDLE_TIMEOUT_MS: "300" };

type Outcome =
  | { status: 502 | 503; code: string }
  | { status: 200; text: string | RegExp; end: "done" | "error"; code?: string };

const MODES: [name: string, scenario: Scenario, outcome: Outcome][] = [
  ["HTTP 500", { mode: "status", status: 500 }, { status: 502, code: "upstream_error" }],
  ["HTTP 502", { mode: "status", status: 502 }, { status: 502, code: "upstream_error" }],
  ["HTTP 401 echoing a masked key", { mode: "status", status: 401 }, { status: 502, code: "upstream_error" }],
  [
    "HTTP 429 with retry-after",
    { mode: "status", status: 429, retryAfter: "1" },
    { status: 503, code: "upstream_unavailable" },
  ],
  ["HTTP 429 without retry-after", { mode: "status", status: 429 }, { status: 503, code: "upstream_unavailable" }],
  ["a hang before the first byte", { mode: "hang-before-headers" }, { status: 503, code: "upstream_unavailable" }],
  [
    "keep-alive comments and never a token",
    { mode: "comments-forever" },
    { status: 503, code: "upstream_unavailable" },
  ],
  ["malformed SSE", { mode: "malformed" }, { status: 502, code: "upstream_error" }],
  [
    "an error payload before the first token",
    { mode: "error-before-first-token" },
    { status: 502, code: "upstream_error" },
  ],
  ["an empty 200", { mode: "empty" }, { status: 502, code: "upstream_error" }],
  [
    "a hang between chunks",
    { mode: "hang-after-first-token" },
    { status: 200, text: "Let ", end: "error", code: "upstream_unavailable" },
  ],
  [
    "a cut mid-stream",
    { mode: "cut-mid-stream" },
    { status: 200, text: /^This /, end: "error", code: "upstream_unavailable" },
  ],
  [
    "a mid-stream error payload",
    { mode: "midstream-error" },
    { status: 200, text: "Partial ", end: "error", code: "upstream_error" },
  ],
  [
    "a non-streamed JSON completion",
    { mode: "json" },
    { status: 200, text: /^You asked: “How long does delivery take\?”/, end: "done" },
  ],
];

/** Every 8-character piece of the key: none may appear anywhere. */
const KEY_PIECES = Array.from({ length: TEST_KEY.length - 7 }, (_, i) => TEST_KEY.slice(i, i + 8));

function expectNoKey(text: string): void {
  for (const piece of KEY_PIECES) expect(text).not.toContain(piece);
}

describe("provider failures", () => {
  let logs: MockInstance[];
  beforeEach(() => {
    logs = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level));
  });
  afterEach(() => vi.restoreAllMocks());

  it.each(MODES)("%s ends as the contract says, without leaking the key", async (_, scenario, outcome) => {
    const tag = uniqueTag();
    const response = await postChat(chatBody(), providerEnv(tag, scenario, FAST));
    expect(response.status).toBe(outcome.status);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://shop.example");
    const headers = JSON.stringify([...response.headers]);
    const body = await response.text();
    expectNoKey(headers + body);
    expectNoKey(JSON.stringify(logs.flatMap((spy) => spy.mock.calls)));
    expect(body).not.toMatch(/Incorrect API key|overloaded|Internal failure|Rate limit reached/);

    if (outcome.status !== 200) {
      expect(JSON.parse(body)).toEqual({ error: { code: outcome.code, message: expect.any(String) } });
    } else {
      const events = await readEvents(new Response(body));
      const terminal = events.filter((e) => e.event !== "delta");
      expect(terminal).toHaveLength(1);
      expect(events.at(-1)?.event).toBe(outcome.end);
      expect(textOf(events)).toMatch(outcome.text);
      if (outcome.code) expect(events.at(-1)?.data.code).toBe(outcome.code);
    }
    // Whatever happened, the Worker let go of the provider's connection.
    const [sent] = await providerRequests(tag);
    if (sent && ["hang-before-headers", "hang-after-first-token", "comments-forever"].includes(scenario.mode)) {
      await vi.waitFor(async () => expect((await providerRequests(tag))[0]?.closedEarly).toBe(true));
    }
  });

  it("answers 503 when the provider cannot be reached at all", async () => {
    const env = providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    const response = await postChat(chatBody(), env);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("upstream_unavailable");
  });
});
