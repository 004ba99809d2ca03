/** The limits of docs/http-api.md, against real Durable Objects inside workerd. */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bindings } from "../env";
import { chatBody, postChat, providerEnv, readEvents, SITE, settled, uniqueTag } from "../testing/harness";
import type { Limiter } from "./limiter";

const body = (visitorId: string) => ({ ...chatBody("Do you have decaf?"), visitorId });
const faqOnly = (vars: Partial<Bindings>) =>
  providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "", ...vars });
const limiter = (key: string) => env.LIMITER.get(env.LIMITER.idFromName(key));
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

interface Refusal {
  status: number;
  code: string;
  retryAfter: number;
  header: string | null;
  cors: string | null;
}

async function outcome(response: Response): Promise<Refusal | "ok"> {
  if (response.ok) {
    await response.body?.cancel();
    return "ok";
  }
  const { error } = (await response.json()) as { error: { code: string; retryAfter: number } };
  return {
    status: response.status,
    code: error.code,
    retryAfter: error.retryAfter,
    header: response.headers.get("Retry-After"),
    cors: response.headers.get("Access-Control-Allow-Origin"),
  };
}

afterEach(() => vi.restoreAllMocks());

/** A Durable Object namespace during an outage: every call fails. */
class UnavailableNamespace implements DurableObjectNamespace<Limiter> {
  #fail(): never {
    throw new Error("Durable Objects unavailable");
  }
  newUniqueId(): DurableObjectId {
    return this.#fail();
  }
  idFromName(): DurableObjectId {
    return this.#fail();
  }
  idFromString(): DurableObjectId {
    return this.#fail();
  }
  get(): DurableObjectStub<Limiter> {
    return this.#fail();
  }
  getByName(): DurableObjectStub<Limiter> {
    return this.#fail();
  }
  jurisdiction(): DurableObjectNamespace<Limiter> {
    return this.#fail();
  }
}

describe("per-visitor request limit", () => {
  it("lets exactly L of 30 concurrent requests through, and says when to retry", async () => {
    const visitor = `burst-${uniqueTag()}`;
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "10" });
    const results = await Promise.all(Array.from({ length: 30 }, () => postChat(body(visitor), vars).then(outcome)));
    const refused = results.filter((r): r is Refusal => r !== "ok");
    expect(results.filter((r) => r === "ok")).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const refusal of refused) {
      expect(refusal).toMatchObject({ status: 429, code: "rate_limited", cors: SITE });
      expect(refusal.header).toBe(String(refusal.retryAfter));
      expect(refusal.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refusal.retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it("does not count invalid requests: they never reach the limiter", async () => {
    const visitor = `invalid-${uniqueTag()}`;
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "3" });
    for (let i = 0; i < 5; i++) expect((await postChat({ visitorId: visitor, messages: [] }, vars)).status).toBe(400);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(await postChat(body(visitor), vars)));
    expect(results.slice(0, 3)).toEqual(["ok", "ok", "ok"]);
    expect(results[3]).toMatchObject({ code: "rate_limited" });
  });
});

describe("per-IP request limit", () => {
  it("caps one IP at 5× the visitor limit when the visitor id rotates", async () => {
    const address = ip();
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "2" });
    const results = [];
    for (let i = 0; i < 14; i++) {
      results.push(
        await outcome(await postChat(body(`rotating-${uniqueTag()}`), vars, { "CF-Connecting-IP": address })),
      );
    }
    expect(results.filter((r) => r === "ok")).toHaveLength(10);
    expect(results.slice(10)).toEqual(Array(4).fill(expect.objectContaining({ code: "rate_limited", status: 429 })));
  });

  it("ignores X-Forwarded-For and X-Real-IP, which anyone can set", async () => {
    const address = ip();
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "1" });
    const results = [];
    for (let i = 0; i < 8; i++) {
      const spoofed = { "CF-Connecting-IP": address, "X-Forwarded-For": `203.0.113.${i}`, "X-Real-IP": `192.0.2.${i}` };
      results.push(await outcome(await postChat(body(`spoofer-${uniqueTag()}`), vars, spoofed)));
    }
    expect(results.filter((r) => r === "ok")).toHaveLength(5);
  });

  it("keys an IP by a salted hash, never by the raw address", async () => {
    const address = ip();
    await (await postChat(body(`raw-ip-${uniqueTag()}`), faqOnly({}), { "CF-Connecting-IP": address })).text();
    const salt = await limiter("site").salt();
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}:${address}`)),
    );
    const hashed = `ip:${[...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    expect(await limiter(hashed).recentRequests(Date.now())).toBe(1);
    for (const raw of [address, `ip:${address}`]) expect(await limiter(raw).recentRequests(Date.now())).toBe(0);
  });
});

describe("tokens", () => {
  it("are charged from the provider's usage when the answer ends, then limit the visitor for the day", async () => {
    const visitor = `tokens-${uniqueTag()}`;
    const vars = providerEnv(
      uniqueTag(),
      { mode: "answer", text: "Two to five business days." },
      { RATE_LIMIT_TOKENS_PER_DAY: "47" },
    );
    await readEvents(await postChat(body(visitor), vars));
    await settled();
    expect(await limiter(`visitor:${visitor}`).tokensUsed(Date.now())).toBe(42 + 5);
    const refused = await outcome(await postChat(body(visitor), vars));
    expect(refused).toMatchObject({ status: 429, code: "rate_limited", cors: SITE });
    expect((refused as Refusal).retryAfter).toBeGreaterThan(60);
  });

  it("are estimated when the provider sends no usage", async () => {
    const visitor = `estimate-${uniqueTag()}`;
    await readEvents(
      await postChat(body(visitor), providerEnv(uniqueTag(), { mode: "answer", text: "Yes.", omitUsage: true })),
    );
    await settled();
    expect(await limiter(`visitor:${visitor}`).tokensUsed(Date.now())).toBeGreaterThan(1000);
  });

  it("reset at 00:00 UTC (injected clock)", async () => {
    const stub = limiter(`visitor:rollover-${uniqueTag()}`);
    const lateEvening = Date.parse("2026-03-01T23:59:00Z");
    await stub.charge(500, lateEvening);
    const refused = await stub.admit({ perMinute: 100, tokensPerDay: 500 }, lateEvening + 1000);
    expect(refused).toEqual({ ok: false, retryAfterMs: 59_000 });
    expect(await stub.admit({ perMinute: 100, tokensPerDay: 500 }, Date.parse("2026-03-02T00:00:01Z"))).toEqual({
      ok: true,
    });
  });
});

describe("the site's daily budget", () => {
  it("refuses everyone with budget_exhausted once spent, saying when it resets", async () => {
    const site = limiter("site");
    const used = await site.tokensUsed(Date.now());
    const vars = providerEnv(uniqueTag(), { mode: "answer", text: "ok" }, { DAILY_TOKEN_BUDGET: String(used + 10) });
    await readEvents(await postChat(body(`budget-a-${uniqueTag()}`), vars));
    await settled();
    const refused = await outcome(await postChat(body(`budget-b-${uniqueTag()}`), vars));
    expect(refused).toMatchObject({ status: 429, code: "budget_exhausted", cors: SITE });
    const seconds = Math.ceil(
      (Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + 86_400_000 - Date.now()) / 1000,
    );
    expect(Math.abs((refused as Refusal).retryAfter - seconds)).toBeLessThanOrEqual(5);
    expect((refused as Refusal).header).toBe(String((refused as Refusal).retryAfter));
  });

  it("resets at 00:00 UTC (injected clock)", async () => {
    const site = limiter(`site-rollover-${uniqueTag()}`);
    const day = Date.parse("2026-03-01T12:00:00Z");
    await site.charge(1000, day);
    expect(await site.checkBudget(1000, day)).toEqual({ ok: false, retryAfterMs: 12 * 3_600_000 });
    expect(await site.checkBudget(1000, Date.parse("2026-03-02T00:00:00Z"))).toEqual({ ok: true });
  });
});

describe("when the limiter itself fails", () => {
  it("admits the request (fails open) and logs the failure", async () => {
    const broken = new UnavailableNamespace();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await postChat(body(`open-${uniqueTag()}`), faqOnly({ LIMITER: broken }));
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect(String(error.mock.calls[0]?.[0])).toContain("limiter unavailable, request admitted");
  });
});
