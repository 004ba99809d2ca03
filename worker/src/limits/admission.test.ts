/** The limits of docs/http-api.md#limits, through the chat route, against real Durable Objects inside workerd. */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bindings } from "../env";
import { visitorHash } from "../hashing";
import { keyedHash } from "../site-secret";
import { readDailyStats } from "../stats/daily-stats";
import {
  chatBody,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  SITE,
  settled,
  textOf,
  uniqueTag,
} from "../testing/harness";
import type { Limiter } from "./limiter";
import type { SiteBudget } from "./site-budget";

let addresses = 0;
/** A fresh client IPv4 address for each test, so tests do not share a network's counters. */
const address = () => `198.51.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;
const from = (ip: string) => ({ "CF-Connecting-IP": ip });
const body = (visitorId = `visitor-${uniqueTag()}`, question = "Do you have decaf?") => ({
  ...chatBody(question),
  visitorId,
});
const faqOnly = (vars: Partial<Bindings> = {}) =>
  providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "", ...vars });

interface Outcome {
  status: number;
  code?: string;
  retryAfter?: number;
  header?: string | null;
  cors?: string | null;
  source?: unknown;
  promptTokens?: number;
  completionTokens?: number;
}

async function outcome(response: Response): Promise<Outcome> {
  if (response.ok) {
    const done = (await readEvents(response)).find((e) => e.event === "done")?.data;
    const usage = done?.usage as { promptTokens: number; completionTokens: number } | undefined;
    return { status: 200, source: done?.source, ...usage };
  }
  const { error } = (await response.json()) as { error: { code: string; retryAfter?: number } };
  return {
    status: response.status,
    code: error.code,
    ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    header: response.headers.get("Retry-After"),
    cors: response.headers.get("Access-Control-Allow-Origin"),
  };
}

const ok = (results: Outcome[]) => results.filter((r) => r.status === 200);
const refused = (results: Outcome[]) => results.filter((r) => r.status === 429);

async function networkLimiterOf(ip: string) {
  const name = `network:${await keyedHash(env, `network:${ip}`)}`;
  return env.LIMITER.get(env.LIMITER.idFromName(name));
}

async function today() {
  await settled();
  const [row] = await readDailyStats(env.DB, 1);
  return row ?? { budgetFallbacks: 0, limiterFallbacks: 0, allowanceFallbacks: 0, budgetExhaustedAt: null };
}

afterEach(() => vi.restoreAllMocks());

describe("requests per minute", () => {
  it("admit exactly L of 30 concurrent requests of one visitor, and the refused count against nothing", async () => {
    const ip = address();
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "10" });
    const visitor = `burst-${uniqueTag()}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => postChat(body(visitor), vars, from(ip)).then(outcome)),
    );
    expect(ok(results)).toHaveLength(10);
    expect(refused(results)).toHaveLength(20);
    for (const refusal of refused(results)) {
      expect(refusal).toMatchObject({ code: "rate_limited", cors: SITE });
      expect(refusal.header).toBe(String(refusal.retryAfter));
      expect(refusal.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refusal.retryAfter).toBeLessThanOrEqual(60);
    }
    // 20 refusals later, the network has used 10 of its 50: the others behind it are not locked out.
    const others = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postChat(body(`other-${i}-${uniqueTag()}`), vars, from(ip)).then(outcome)),
    );
    expect(ok(others)).toHaveLength(40);
  });

  it("do not count invalid requests: they never reach the limiter", async () => {
    const ip = address();
    const visitor = `invalid-${uniqueTag()}`;
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "3" });
    for (let i = 0; i < 5; i++) {
      expect((await postChat({ visitorId: visitor, messages: [] }, vars, from(ip))).status).toBe(400);
    }
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(await postChat(body(visitor), vars, from(ip))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
  });

  it("cap one network at 5× a visitor's, whatever visitor ids it makes up", async () => {
    const ip = address();
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "2" });
    const results = [];
    for (let i = 0; i < 14; i++) results.push(await outcome(await postChat(body(), vars, from(ip))));
    expect(ok(results)).toHaveLength(10);
    expect(results.slice(10)).toEqual(Array(4).fill(expect.objectContaining({ code: "rate_limited", status: 429 })));
  });

  it("count an IPv6 /64 as one network, and another /64 apart", async () => {
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "1" });
    const prefix = `2001:db8:${(addresses++).toString(16)}:7`;
    const results = [];
    for (let i = 1; i <= 7; i++) results.push(await outcome(await postChat(body(), vars, from(`${prefix}::${i}`))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect((await outcome(await postChat(body(), vars, from(`${prefix.replace(/:7$/, ":8")}::1`)))).status).toBe(200);
  });

  it("ignore X-Forwarded-For and X-Real-IP, which anyone can set", async () => {
    const ip = address();
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "1" });
    const results = [];
    for (let i = 0; i < 8; i++) {
      const spoofed = { ...from(ip), "X-Forwarded-For": `203.0.113.${i}`, "X-Real-IP": `192.0.2.${i}` };
      results.push(await outcome(await postChat(body(), vars, spoofed)));
    }
    expect(ok(results)).toHaveLength(5);
  });

  it("key a network by a keyed hash, never by the raw address", async () => {
    const ip = address();
    const visitor = `hashed-${uniqueTag()}`;
    await outcome(await postChat(body(visitor), faqOnly(), from(ip)));
    const limiter = await networkLimiterOf(ip);
    expect(await limiter.recentRequests(Date.now())).toBe(1);
    expect(await limiter.recentRequests(Date.now(), await visitorHash(visitor))).toBe(1);
    for (const raw of [ip, `network:${ip}`, `ip:${ip}`]) {
      expect(await env.LIMITER.get(env.LIMITER.idFromName(raw)).recentRequests(Date.now())).toBe(0);
    }
  });
});

describe("tokens", () => {
  /** The fake provider's usage: 42 prompt tokens, a token a word. */
  const model = (vars: Partial<Bindings> = {}) =>
    providerEnv(uniqueTag(), { mode: "answer", text: "Two to five business days." }, vars);
  /** A provider that reports no usage: each answer is charged our estimate, its whole prompt (~1,400) and text. */
  const heavy = (vars: Partial<Bindings> = {}) =>
    providerEnv(uniqueTag(), { mode: "answer", text: "Two to five business days.", omitUsage: true }, vars);

  it("are reserved when a chat is admitted, so a concurrent burst cannot overshoot a visitor's allowance", async () => {
    const ip = address();
    const visitor = `reserve-${uniqueTag()}`;
    // Each chat reserves its prompt estimate (the whole seed FAQ, ~1,400) plus 512: two fit in 3,000.
    const vars = model({ RATE_LIMIT_TOKENS_PER_DAY: "3000" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => postChat(body(visitor), vars, from(ip)).then(outcome)),
    );
    expect(ok(results).length).toBeGreaterThanOrEqual(1);
    expect(ok(results).length).toBeLessThanOrEqual(2);
    expect(refused(results).every((r) => r.code === "rate_limited" && (r.retryAfter ?? 0) > 60)).toBe(true);
    await settled();
    const limiter = await networkLimiterOf(ip);
    // Settled with the provider's usage (42 + 5 per answer), not the reservation.
    expect(await limiter.tokensUsed(Date.now(), await visitorHash(visitor))).toBe(ok(results).length * 47);
  });

  it("give a network 5× a visitor's allowance, then FAQ answers while FAQ_FALLBACK is on", async () => {
    const ip = address();
    const vars = heavy({ RATE_LIMIT_TOKENS_PER_DAY: "3000" });
    const counted = await today();
    const results = [];
    for (let i = 0; i < 14; i++) {
      results.push(await outcome(await postChat(body(), vars, from(ip))));
      await settled();
    }
    expect((await today()).allowanceFallbacks - counted.allowanceFallbacks).toBe(
      results.filter((r) => r.source === "faq").length,
    );
    const byModel = results.filter((r) => r.source === "model");
    const byFaq = results.filter((r) => r.source === "faq");
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(byModel.length).toBeGreaterThan(0);
    expect(byFaq.length).toBeGreaterThan(0);
    expect(results.findIndex((r) => r.source === "faq")).toBe(byModel.length);
    // The network got at most 5 × 3,000 tokens, plus one answer.
    const used = await (await networkLimiterOf(ip)).tokensUsed(Date.now());
    expect(used).toBeGreaterThan(5 * 3000 - 2000);
    expect(used).toBeLessThanOrEqual(5 * 3000 + 1400 + 512);
    // Another network is untouched.
    expect((await outcome(await postChat(body(), vars, from(address())))).source).toBe("model");
  });

  it("refuse with 429 rate_limited instead when FAQ_FALLBACK is off", async () => {
    const ip = address();
    const vars = heavy({ RATE_LIMIT_TOKENS_PER_DAY: "1000", FAQ_FALLBACK: "false" });
    const results = [];
    for (let i = 0; i < 8; i++) {
      results.push(await outcome(await postChat(body(), vars, from(ip))));
      await settled();
    }
    expect(results.at(-1)).toMatchObject({ status: 429, code: "rate_limited" });
    expect(results.at(-1)?.retryAfter).toBeGreaterThan(60);
  });

  it("charge a stopped answer its prompt and what was streamed, not nothing", async () => {
    const ip = address();
    const visitor = `stopped-${uniqueTag()}`;
    const vars = providerEnv(uniqueTag(), { mode: "answer", text: "word ".repeat(400), gapMs: 5 }, {});
    const response = await postChat(body(visitor), vars, from(ip));
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.read();
    await reader?.cancel();
    await settled();
    const used = await (await networkLimiterOf(ip)).tokensUsed(Date.now(), await visitorHash(visitor));
    expect(used).toBeGreaterThan(1000);
    expect(used).toBeLessThan(1400 + 512);
  });
});

describe("the site's daily budget", () => {
  it("degrades to FAQ answers once spent, counts them, and says when it ran out", async () => {
    const tag = uniqueTag();
    const site = env.SITE_BUDGET.get(env.SITE_BUDGET.idFromName("site"));
    const before = await site.state(Date.now());
    // Room for one answer's reservation, not two.
    const budget = before.spent + before.leased + 2500;
    const counted = await today();
    const vars = providerEnv(
      tag,
      { mode: "answer", text: "ok", omitUsage: true },
      { DAILY_TOKEN_BUDGET: String(budget) },
    );
    const first = await outcome(await postChat(body(), vars, from(address())));
    await settled();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await outcome(await postChat(body(), vars, from(address()))));
    await settled();
    expect(first.source).toBe("model");
    expect(results.map((r) => [r.status, r.source])).toEqual(Array(3).fill([200, "faq"]));
    expect(await providerRequests(tag)).toHaveLength(1 + results.filter((r) => r.source === "model").length);
    const state = await site.state(Date.now());
    expect(state.exhaustedAt).not.toBeNull();
    const stats = await today();
    expect(stats.budgetFallbacks - counted.budgetFallbacks).toBe(3);
    expect(stats.budgetExhaustedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("answers 429 budget_exhausted when spent and FAQ_FALLBACK is off, saying when it resets", async () => {
    const site = env.SITE_BUDGET.get(env.SITE_BUDGET.idFromName("site"));
    const before = await site.state(Date.now());
    const vars = providerEnv(
      uniqueTag(),
      { mode: "answer", text: "ok" },
      {
        DAILY_TOKEN_BUDGET: String(before.spent + before.leased + 100),
        FAQ_FALLBACK: "false",
      },
    );
    const refusal = await outcome(await postChat(body(), vars, from(address())));
    expect(refusal).toMatchObject({ status: 429, code: "budget_exhausted", cors: SITE });
    const seconds = Math.ceil(86_400 - (Date.now() % 86_400_000) / 1000);
    expect(Math.abs((refusal.retryAfter ?? 0) - seconds)).toBeLessThanOrEqual(5);
    expect(refusal.header).toBe(String(refusal.retryAfter));
  });
});

describe("Server-Timing", () => {
  it("names where the Worker's time went before the first byte: the headers go once the chat is admitted", async () => {
    const response = await postChat(body(), providerEnv(uniqueTag(), { mode: "answer" }), from(address()));
    expect(response.headers.get("Server-Timing")).toMatch(
      /^validate;dur=[\d.]+, prompt;dur=[\d.]+, limits;dur=[\d.]+$/,
    );
    expect(textOf(await readEvents(response))).not.toBe("");
    const faq = await postChat(body(), faqOnly(), from(address()));
    expect(faq.headers.get("Server-Timing")).toMatch(/limits;dur=[\d.]+, faq;dur=[\d.]+$/);
    await faq.body?.cancel();
  });

  it("includes the wait for the model's first token when FAQ_FALLBACK is off, since the status waits for it", async () => {
    const env = providerEnv(uniqueTag(), { mode: "answer" }, { FAQ_FALLBACK: "false" });
    const response = await postChat(body(), env, from(address()));
    const header = response.headers.get("Server-Timing") ?? "";
    expect(header).toMatch(/^validate;dur=[\d.]+, prompt;dur=[\d.]+, limits;dur=[\d.]+, upstream;dur=[\d.]+$/);
    expect(textOf(await readEvents(response))).not.toBe("");
  });
});

/** A Durable Object namespace during an outage: every call fails. */
function unavailable<T extends Rpc.DurableObjectBranded | undefined>(): DurableObjectNamespace<T> {
  const fail = (): never => {
    throw new Error("Durable Objects unavailable");
  };
  return {
    newUniqueId: fail,
    idFromName: fail,
    idFromString: fail,
    get: fail,
    getByName: fail,
    jurisdiction: fail,
  };
}

describe("when the Durable Objects cannot be reached", () => {
  it("limits visitors approximately in this instance, answers from the FAQ, and logs and counts it", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const tag = uniqueTag();
    const vars = providerEnv(tag, { mode: "answer" }, { RATE_LIMIT_PER_MINUTE: "3" });
    const broken = { ...vars, LIMITER: unavailable<Limiter>(), SITE_BUDGET: unavailable<SiteBudget>() };
    const visitor = `outage-${uniqueTag()}`;
    const ip = address();
    const counted = await today();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(await postChat(body(visitor), broken, from(ip))));
    await settled();
    expect((await today()).limiterFallbacks - counted.limiterFallbacks).toBe(3);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(results.slice(0, 3).every((r) => r.source === "faq")).toBe(true);
    // The first chat asked the site's budget beside the provider request, and dropped that request;
    // the next ones knew the budget could not be asked.
    expect((await providerRequests(tag)).length).toBeLessThanOrEqual(1);
    const logged = error.mock.calls.map((call) => String(call[0]));
    expect(logged.some((line) => line.includes("approximate limits apply"))).toBe(true);
    expect(logged.some((line) => line.includes("site budget unavailable"))).toBe(true);
  });
});
