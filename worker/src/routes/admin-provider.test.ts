/**
 * docs/operator-api.md#provider: the provider's health as the operator sees it, driven through
 * every way the fake provider fails as real ones do, with the FAQ answers visitors got meanwhile,
 * the recovery, and "Test provider". No provider error body, and no piece of the key, ever reaches
 * a response or a log line.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { Scenario } from "../../tools/fake-provider/scenarios";
import type { ProviderStatus, ProviderTestResult } from "../protocol";
import { call, json, TOKEN } from "../testing/admin";
import {
  chatBody,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  setProviderScenario,
  settled,
  TEST_KEY,
  uniqueTag,
} from "../testing/harness";

/** Short timeouts so hangs resolve quickly; the defaults are 20 s. */
const FAST = { UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "300", UPSTREAM_IDLE_TIMEOUT_MS: "300" };
const operatorEnv = (tag: string, scenario: Scenario, overrides = {}) =>
  providerEnv(tag, scenario, { ADMIN_TOKEN: TOKEN, ...FAST, ...overrides });

/** Every 8-character piece of the key, and the words of the fake provider's error messages. */
const KEY_PIECES = Array.from({ length: TEST_KEY.length - 7 }, (_, i) => TEST_KEY.slice(i, i + 8));
const PROVIDER_WORDS =
  /Incorrect API key|exceeded your current quota|Insufficient credits|Rate limit reached|does not exist|maximum context length|Country, region|had an error|overloaded|Unsupported parameter/;

let logs: MockInstance[];
beforeEach(() => {
  logs = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => {}),
  );
});
afterEach(async () => {
  await settled();
  expectNothingLeaked(JSON.stringify(logs.flatMap((spy) => spy.mock.calls)));
  vi.restoreAllMocks();
});

function expectNothingLeaked(text: string): void {
  for (const piece of KEY_PIECES) expect(text).not.toContain(piece);
  expect(text).not.toMatch(PROVIDER_WORDS);
}

/** Reads a whole answer, checking the key and the provider's words are nowhere in it. */
async function answerOf(response: Response) {
  const text = JSON.stringify([...response.headers]) + (await response.clone().text());
  expectNothingLeaked(text);
  return readEvents(response);
}

async function providerStatus(vars: ReturnType<typeof operatorEnv>): Promise<ProviderStatus> {
  const response = await call("GET", "/provider", undefined, vars);
  expect(response.status).toBe(200);
  const text = await response.clone().text();
  expectNothingLeaked(text);
  return json<ProviderStatus>(response);
}

async function testProvider(vars: ReturnType<typeof operatorEnv>): Promise<ProviderTestResult> {
  const response = await call("POST", "/provider/test", undefined, vars);
  expect(response.status).toBe(200);
  expectNothingLeaked(await response.clone().text());
  return json<ProviderTestResult>(response);
}

const chatRequests = async (tag: string) =>
  (await providerRequests(tag)).filter((r) => r.path.endsWith("/chat/completions"));

/** Every failure kind, as a real provider causes it, and how many requests it gets (a rate limit: one retry). */
const FAILURES: [name: string, scenario: Scenario, state: ProviderStatus["state"], requests: number][] = [
  [
    "a revoked key (401, the key masked in the message)",
    { mode: "error", error: "invalid_api_key" },
    "key_rejected",
    1,
  ],
  ["a key refused in this region (403)", { mode: "error", error: "permission_denied" }, "key_rejected", 1],
  [
    "a spent quota (429 insufficient_quota), never retried",
    { mode: "error", error: "insufficient_quota" },
    "quota_exhausted",
    1,
  ],
  ["spent credits (402)", { mode: "error", error: "insufficient_credits" }, "quota_exhausted", 1],
  [
    "a rate limit (429), retried once",
    { mode: "error", error: "rate_limit_exceeded", retryAfter: "0" },
    "rate_limited",
    2,
  ],
  ["a typo in the model's name (404)", { mode: "error", error: "model_not_found" }, "model_not_found", 1],
  ["a request the model refuses (400)", { mode: "error", error: "context_length_exceeded" }, "request_rejected", 1],
  ["a server error (500)", { mode: "error", error: "server_error" }, "provider_error", 1],
  ["an error payload before the first token", { mode: "error-before-first-token" }, "provider_error", 1],
  ["no answer in time", { mode: "hang-before-headers" }, "timeout", 1],
];

describe("GET /api/admin/provider", () => {
  it("is unknown before any request, with the mode and the model", async () => {
    const vars = operatorEnv(uniqueTag(), { mode: "answer" }, { OPENAI_MODEL: "gpt-4.1-mini" });
    expect(await providerStatus(vars)).toEqual({
      mode: "model",
      model: "gpt-4.1-mini",
      state: "unknown",
      since: null,
      lastAnswerAt: null,
      fallbacksSince: 0,
    });
  });

  it("is FAQ-only without a key", async () => {
    const vars = operatorEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "" });
    expect(await providerStatus(vars)).toMatchObject({ mode: "faq-only", state: "unknown", fallbacksSince: 0 });
    const refused = await call("POST", "/provider/test", undefined, vars);
    expect(refused.status).toBe(409);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe("no_provider_key");
  });

  it("needs the operator token", async () => {
    const vars = operatorEnv(uniqueTag(), { mode: "answer" });
    const response = await call("GET", "/provider", undefined, vars, { Authorization: "Bearer wrong" });
    expect(response.status).toBe(401);
  });

  it("is ok since the first answer, with the last answer's time", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "answer" });
    const before = Date.now();
    for (let i = 0; i < 2; i++)
      expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
    await settled();
    const status = await providerStatus(vars);
    expect(status).toMatchObject({ mode: "model", model: "gpt-4o-mini", state: "ok", fallbacksSince: 0 });
    expect(Date.parse(status.since ?? "")).toBeGreaterThanOrEqual(before);
    expect(Date.parse(status.lastAnswerAt ?? "")).toBeGreaterThanOrEqual(Date.parse(status.since ?? ""));
  });

  it.each(FAILURES)(
    "%s: the state says so, visitors get FAQ answers, and a recovery ends it",
    async (_, scenario, state, requests) => {
      const tag = uniqueTag();
      const vars = operatorEnv(tag, { mode: "answer" });
      expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
      await settled();
      const answeredAt = Date.parse((await providerStatus(vars)).lastAnswerAt ?? "");

      await setProviderScenario(tag, scenario);
      const troubleBegan = Date.now();
      for (let i = 0; i < 2; i++) {
        const events = await answerOf(await postChat(chatBody(), vars));
        expect(events.at(-1)).toMatchObject({ event: "done", data: { source: "faq" } });
      }
      expect(await chatRequests(tag)).toHaveLength(1 + 2 * requests);
      await settled();
      const failing = await providerStatus(vars);
      expect(failing).toMatchObject({ mode: "model", state, fallbacksSince: 2 });
      expect(Date.parse(failing.since ?? "")).toBeGreaterThanOrEqual(troubleBegan);
      expect(Date.parse(failing.lastAnswerAt ?? "")).toBe(answeredAt);

      await setProviderScenario(tag, null);
      const recovered = Date.now();
      expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
      await settled();
      const ok = await providerStatus(vars);
      expect(ok).toMatchObject({ state: "ok", fallbacksSince: 0 });
      expect(Date.parse(ok.since ?? "")).toBeGreaterThanOrEqual(recovered);
    },
  );

  it("an unreachable provider", async () => {
    const vars = operatorEnv(
      uniqueTag(),
      { mode: "answer" },
      { OPENAI_BASE_URL: `http://127.0.0.1:9/${uniqueTag()}/v1` },
    );
    expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("faq");
    await settled();
    expect(await providerStatus(vars)).toMatchObject({ state: "unreachable", fallbacksSince: 1 });
  });

  it("counts no FAQ answers with FAQ_FALLBACK=false: the visitors got errors instead", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "error", error: "insufficient_quota" }, { FAQ_FALLBACK: "false" });
    const response = await postChat(chatBody(), vars);
    expect(response.status).toBe(502);
    expectNothingLeaked(await response.text());
    await settled();
    expect(await providerStatus(vars)).toMatchObject({ state: "quota_exhausted", fallbacksSince: 0 });
  });
});

describe("POST /api/admin/provider/test", () => {
  it("makes one small non-streaming request and reports the model as the provider names it", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "answer" });
    const result = await testProvider(vars);
    expect(result).toEqual({ ok: true, state: "ok", latencyMs: expect.any(Number), model: "gpt-4o-mini-2026-01-15" });
    expect(Number.isInteger(result.latencyMs) && result.latencyMs >= 0).toBe(true);
    const [sent] = await chatRequests(tag);
    expect(sent?.body).toMatchObject({ model: "gpt-4o-mini", stream: false, max_tokens: 16 });
    expect(sent?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(await providerStatus(vars)).toMatchObject({ state: "ok" });
  });

  it.each(FAILURES)("%s: not ok, with the state, which the health takes too", async (_, scenario, state, requests) => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, scenario);
    expect(await testProvider(vars)).toEqual({ ok: false, state, latencyMs: expect.any(Number) });
    expect(await chatRequests(tag)).toHaveLength(requests);
    expect(await providerStatus(vars)).toMatchObject({ state, fallbacksSince: 0 });
  });

  it("recovers the state once the provider answers again", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "error", error: "invalid_api_key" });
    expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("faq");
    await settled();
    expect(await providerStatus(vars)).toMatchObject({ state: "key_rejected", fallbacksSince: 1 });
    await setProviderScenario(tag, { mode: "answer" });
    expect(await testProvider(vars)).toMatchObject({ ok: true, state: "ok" });
    expect(await providerStatus(vars)).toMatchObject({ state: "ok", fallbacksSince: 0 });
  });
});

describe("what a provider accepts, learned from what it refuses", () => {
  const capOf = (body: unknown) =>
    Object.keys(body as object).filter((key) => key === "max_tokens" || key === "max_completion_tokens");

  it("a model that refuses max_tokens gets max_completion_tokens, from then on the first time", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "answer", rejects: "max_tokens" });
    for (let i = 0; i < 2; i++)
      expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
    expect((await chatRequests(tag)).map((r) => capOf(r.body))).toEqual([
      ["max_tokens"],
      ["max_completion_tokens"],
      ["max_completion_tokens"],
    ]);
    expect((await testProvider(vars)).ok).toBe(true);
    expect(capOf((await chatRequests(tag)).at(-1)?.body)).toEqual(["max_completion_tokens"]);
  });

  it("what Test provider learned, chats use", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "answer", rejects: "max_tokens" });
    expect(await testProvider(vars)).toMatchObject({ ok: true });
    expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
    expect((await chatRequests(tag)).map((r) => capOf(r.body))).toEqual([
      ["max_tokens"],
      ["max_completion_tokens"],
      ["max_completion_tokens"],
    ]);
  });

  it("a provider that refuses stream_options is asked without them, and counts usage itself", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "answer", rejects: "stream_options" });
    for (let i = 0; i < 2; i++) {
      const events = await answerOf(await postChat(chatBody(), vars));
      expect(events.at(-1)).toMatchObject({ event: "done", data: { source: "model" } });
    }
    expect((await chatRequests(tag)).map((r) => "stream_options" in (r.body as object))).toEqual([true, false, false]);
  });

  it("both at once: one retry for each", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "answer", rejects: "max_tokens,stream_options" });
    expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
    expect(await chatRequests(tag)).toHaveLength(3);
    expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("model");
    expect(await chatRequests(tag)).toHaveLength(4);
  });

  it("a 400 about something else is not retried", async () => {
    const tag = uniqueTag();
    const vars = operatorEnv(tag, { mode: "error", error: "context_length_exceeded" });
    expect((await answerOf(await postChat(chatBody(), vars))).at(-1)?.data.source).toBe("faq");
    expect(await chatRequests(tag)).toHaveLength(1);
  });
});
