/**
 * The site's budget leased to several Worker instances at once (each a BudgetLease of its own,
 * against the real SiteBudget object): however they race, the tokens they spend exceed the budget
 * by no more than the leases outstanding when instances vanish without reporting.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { uniqueTag } from "../testing/harness";
import { BudgetLease, LEASE_TTL_MS } from "./budget-lease";

/** A SiteBudget object of its own per test. */
const siteOf = () => {
  const stub = env.SITE_BUDGET.get(env.SITE_BUDGET.idFromName(`test:${uniqueTag()}`));
  return { stub, lease: () => new BudgetLease(() => stub) };
};

/** Runs answers on `instance` until the budget refuses; each uses a random share of its reservation. */
async function spend(instance: BudgetLease, rules: { budget: number; answer: number }, now: number) {
  let used = 0;
  let answers = 0;
  for (;;) {
    const granted = await instance.reserve(rules.answer, rules, now);
    if (!granted) return { used, answers };
    const actual = Math.round(rules.answer * (0.3 + Math.random() * 0.7));
    used += actual;
    answers++;
    instance.settle(rules.answer, actual, rules, now);
  }
}

describe("the site's budget, leased to instances", () => {
  it("lets a single instance spend the budget down to less than one answer, then refuses", async () => {
    const { stub, lease } = siteOf();
    const rules = { budget: 50_000, answer: 2_000 };
    const now = Date.now();
    const { used } = await spend(lease(), rules, now);
    expect(used).toBeLessThanOrEqual(rules.budget);
    expect(used).toBeGreaterThan(rules.budget - 2 * rules.answer);
    const state = await stub.state(now);
    expect(state.exhaustedAt).not.toBeNull();
  });

  it("serves a burst of concurrent answers from one instance while the budget covers them", async () => {
    const { lease } = siteOf();
    const rules = { budget: 12_000, answer: 1_000 };
    const instance = lease();
    const granted = await Promise.all(
      Array.from({ length: 15 }, () => instance.reserve(rules.answer, rules, Date.now())),
    );
    expect(granted.filter(Boolean)).toHaveLength(12);
  });

  it("never lets racing instances spend past the budget while they report", async () => {
    const { stub, lease } = siteOf();
    const rules = { budget: 200_000, answer: 1_500 };
    const now = Date.now();
    const instances = Array.from({ length: 8 }, lease);
    const results = await Promise.all(instances.map((instance) => spend(instance, rules, now)));
    const used = results.reduce((sum, r) => sum + r.used, 0);
    expect(used).toBeLessThanOrEqual(rules.budget);
    expect(results.every((r) => r.answers > 0)).toBe(true);
    // Each instance reports what it used at its next renewal; what is left unreported is within its lease.
    const { spent, leased } = await stub.state(now);
    expect(spent).toBeLessThanOrEqual(used);
    expect(used - spent).toBeLessThanOrEqual(leased);
  });

  it("exceeds the budget by at most the outstanding leases when instances vanish, and reclaims them on expiry", async () => {
    const { stub, lease } = siteOf();
    const rules = { budget: 30_000, answer: 1_000 };
    const now = Date.now();
    // Three instances take leases and spend them, then vanish without reporting.
    const vanished = Array.from({ length: 3 }, lease);
    let unreported = 0;
    for (const instance of vanished) {
      if (await instance.reserve(rules.answer, rules, now)) {
        unreported += rules.answer;
        while (instance.take(rules.answer, now)) unreported += rules.answer;
      }
    }
    const { leased: outstanding } = await stub.state(now);
    expect(unreported).toBeLessThanOrEqual(outstanding);
    // Until their leases expire, nobody else can have those tokens.
    const survivor = lease();
    const { used: before } = await spend(survivor, rules, now);
    expect(before + unreported).toBeLessThanOrEqual(rules.budget);
    // Once they expire, the budget counts them free again: the overshoot is at most what they held.
    const later = now + LEASE_TTL_MS + 1;
    const { used: after } = await spend(lease(), rules, later);
    expect(before + after + unreported).toBeLessThanOrEqual(rules.budget + outstanding);
    expect(after).toBeGreaterThan(0);
  });

  it("starts afresh at 00:00 UTC", async () => {
    const { lease } = siteOf();
    const rules = { budget: 10_000, answer: 2_000 };
    const evening = Date.parse("2026-03-01T23:58:00Z");
    await spend(lease(), rules, evening);
    const instance = lease();
    expect(await instance.reserve(rules.answer, rules, evening + 1000)).toBe(false);
    expect(await lease().reserve(rules.answer, rules, Date.parse("2026-03-02T00:00:30Z"))).toBe(true);
  });
});
