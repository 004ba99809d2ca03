/**
 * Every way the provider can fail ends in the documented outcome (docs/http-api.md) within
 * the timeouts: an FAQ answer when it fails before the first token (or the 502/503 of §3 with
 * `FAQ_FALLBACK=false`), an `error` event after it. The provider key never shows up in a response
 * body, a header or a log line.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Scenario } from "../../tools/fake-provider/scenarios";
import {
  chatBody,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  SITE,
  TEST_KEY,
  textOf,
  uniqueTag,
} from "../testing/harness";

/** Short timeouts so hang modes resolve quickly; the defaults are 20 s. */
const FAST = { UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "300", UPSTREAM_IDLE_TIMEOUT_MS: "300" };
const NO_FALLBACK = { ...FAST, FAQ_FALLBACK: "false" };

/** Failures before the first token, with the documented status and code when fallback is off. */
const BEFORE_FIRST_TOKEN: [name: string, scenario: Scenario, status: 502 | 503, code: string][] = [
  ["HTTP 500", { mode: "status", status: 500 }, 502, "upstream_error"],
  ["HTTP 502", { mode: "status", status: 502 }, 502, "upstream_error"],
  ["HTTP 401 echoing a masked key", { mode: "status", status: 401 }, 502, "upstream_error"],
  ["HTTP 403", { mode: "status", status: 403 }, 502, "upstream_error"],
  ["HTTP 429 with retry-after", { mode: "status", status: 429, retryAfter: "1" }, 503, "upstream_unavailable"],
  ["HTTP 429 without retry-after", { mode: "status", status: 429 }, 503, "upstream_unavailable"],
  ["a hang before the first byte", { mode: "hang-before-headers" }, 503, "upstream_unavailable"],
  ["keep-alive comments and never a token", { mode: "comments-forever" }, 503, "upstream_unavailable"],
  ["malformed SSE", { mode: "malformed" }, 502, "upstream_error"],
  ["an error payload before the first token", { mode: "error-before-first-token" }, 502, "upstream_error"],
  ["an empty 200", { mode: "empty" }, 502, "upstream_error"],
  ["a revoked key (OpenAI's 401)", { mode: "error", error: "invalid_api_key" }, 502, "upstream_error"],
  ["a spent quota (429 insufficient_quota)", { mode: "error", error: "insufficient_quota" }, 502, "upstream_error"],
  ["spent credits (402)", { mode: "error", error: "insufficient_credits" }, 502, "upstream_error"],
  [
    "a rate limit (429 rate_limit_exceeded)",
    { mode: "error", error: "rate_limit_exceeded" },
    503,
    "upstream_unavailable",
  ],
  ["an unknown model (404)", { mode: "error", error: "model_not_found" }, 502, "upstream_error"],
  ["a refused request (400)", { mode: "error", error: "context_length_exceeded" }, 502, "upstream_error"],
];

/** Failures after the first token: the answer so far, then one `error` event. */
const AFTER_FIRST_TOKEN: [name: string, scenario: Scenario, text: string | RegExp, code: string][] = [
  ["a hang between chunks", { mode: "hang-after-first-token" }, "Let ", "upstream_unavailable"],
  ["a cut mid-stream", { mode: "cut-mid-stream" }, /^This /, "upstream_unavailable"],
  ["a mid-stream error payload", { mode: "midstream-error" }, "Partial ", "upstream_error"],
];

const HANGS: ReadonlySet<Scenario["mode"]> = new Set([
  "hang-before-headers",
  "hang-after-first-token",
  "comments-forever",
]);

/** Every 8-character piece of the key: none may appear anywhere. */
const KEY_PIECES = Array.from({ length: TEST_KEY.length - 7 }, (_, i) => TEST_KEY.slice(i, i + 8));

let logs: MockInstance[];
beforeEach(() => {
  logs = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => {}),
  );
});
afterEach(() => vi.restoreAllMocks());

/** Reads the whole response and checks the key is nowhere in it, nor in anything logged. */
async function readWithoutKey(response: Response): Promise<string> {
  const everything = JSON.stringify([...response.headers]) + (await response.clone().text());
  for (const piece of KEY_PIECES) expect(everything).not.toContain(piece);
  for (const piece of KEY_PIECES) expect(JSON.stringify(logs.flatMap((spy) => spy.mock.calls))).not.toContain(piece);
  expect(everything).not.toMatch(
    /Incorrect API key|overloaded|Internal failure|Rate limit reached|current quota|Insufficient credits|does not exist|context length/,
  );
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SITE);
  return response.text();
}

/** The Worker let go of the provider's connection, whatever happened. */
async function expectReleased(tag: string, scenario: Scenario): Promise<void> {
  if (!HANGS.has(scenario.mode)) return;
  await vi.waitFor(async () => expect((await providerRequests(tag)).every((r) => r.closedEarly)).toBe(true));
}

describe("a provider failure before the first token, with FAQ fallback (the default)", () => {
  it.each(BEFORE_FIRST_TOKEN)("%s: the visitor gets the FAQ's answer instead", async (_, scenario) => {
    const tag = uniqueTag();
    const response = await postChat(chatBody("How long does delivery take?"), providerEnv(tag, scenario, FAST));
    expect(response.status).toBe(200);
    const events = await readEvents(new Response(await readWithoutKey(response)));
    expect(textOf(events)).toContain("standard shipping (USPS Ground Advantage) takes 2–5 business days");
    expect(events.filter((e) => e.event !== "delta")).toEqual([events.at(-1)]);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { source: "faq", finishReason: "stop" } });
    await expectReleased(tag, scenario);
  });
});

describe("an unreachable provider", () => {
  it("gets the FAQ's answer, or 503 with FAQ_FALLBACK=false", async () => {
    const unreachable = { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };
    const fallback = await postChat(
      chatBody(),
      providerEnv(uniqueTag(), { mode: "answer" }, { ...FAST, ...unreachable }),
    );
    expect(fallback.status).toBe(200);
    expect((await readEvents(fallback)).at(-1)).toMatchObject({ event: "done", data: { source: "faq" } });
    const strict = await postChat(
      chatBody(),
      providerEnv(uniqueTag(), { mode: "answer" }, { ...NO_FALLBACK, ...unreachable }),
    );
    expect(strict.status).toBe(503);
    expect(((await strict.json()) as { error: { code: string } }).error.code).toBe("upstream_unavailable");
  });
});

describe("a provider failure before the first token, with FAQ_FALLBACK=false", () => {
  it.each(BEFORE_FIRST_TOKEN)("%s: answers %i %s", async (_, scenario, status, code) => {
    const tag = uniqueTag();
    const response = await postChat(chatBody(), providerEnv(tag, scenario, NO_FALLBACK));
    expect(response.status).toBe(status);
    expect(JSON.parse(await readWithoutKey(response))).toEqual({ error: { code, message: expect.any(String) } });
    await expectReleased(tag, scenario);
  });
});

describe("a provider failure after the first token", () => {
  for (const fallback of ["true", "false"]) {
    it.each(AFTER_FIRST_TOKEN)(
      `%s (FAQ_FALLBACK=${fallback}): the partial answer, then one error event`,
      async (_, scenario, text, code) => {
        const tag = uniqueTag();
        const response = await postChat(chatBody(), providerEnv(tag, scenario, { ...FAST, FAQ_FALLBACK: fallback }));
        expect(response.status).toBe(200);
        const events = await readEvents(new Response(await readWithoutKey(response)));
        expect(textOf(events)).toMatch(text);
        expect(events.filter((e) => e.event !== "delta")).toEqual([
          { event: "error", data: { code, message: expect.any(String) } },
        ]);
        expect(events.at(-1)?.event).toBe("error");
        await expectReleased(tag, scenario);
      },
    );
  }

  it("a non-streamed JSON completion still reaches the visitor", async () => {
    const response = await postChat(chatBody(), providerEnv(uniqueTag(), { mode: "json" }, NO_FALLBACK));
    const events = await readEvents(response);
    expect(textOf(events)).toMatch(/^You asked: “How long does delivery take\?”/);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { source: "model" } });
  });
});

describe("a slow provider", () => {
  it("that trickles chunks within the idle timeout is streamed to the end", async () => {
    const text = "One slow word after another.";
    const response = await postChat(chatBody(), providerEnv(uniqueTag(), { mode: "answer", text, gapMs: 150 }, FAST));
    const events = await readEvents(response);
    expect(textOf(events)).toBe(text);
    expect(events.at(-1)?.event).toBe("done");
  });
});

describe("a provider's 429", () => {
  it("is retried once after a Retry-After of at most 2 s, and the retry's answer streams", async () => {
    const tag = uniqueTag();
    const response = await postChat(
      chatBody(),
      providerEnv(tag, { mode: "status", status: 429, retryAfter: "1", times: 1 }, NO_FALLBACK),
    );
    expect(response.status).toBe(200);
    expect((await readEvents(response)).at(-1)).toMatchObject({ event: "done", data: { source: "model" } });
    expect(await providerRequests(tag)).toHaveLength(2);
  });

  it("is retried once when it gives no Retry-After", async () => {
    const tag = uniqueTag();
    const response = await postChat(chatBody(), providerEnv(tag, { mode: "status", status: 429 }, NO_FALLBACK));
    expect(response.status).toBe(503);
    expect(await providerRequests(tag)).toHaveLength(2);
  });

  it("is not retried when Retry-After is longer than 2 s", async () => {
    const tag = uniqueTag();
    const response = await postChat(
      chatBody(),
      providerEnv(tag, { mode: "status", status: 429, retryAfter: "30" }, NO_FALLBACK),
    );
    expect(response.status).toBe(503);
    expect(await providerRequests(tag)).toHaveLength(1);
  });
});
