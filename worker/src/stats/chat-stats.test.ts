/** Daily stats (`GET /api/admin/stats`): each chat is counted once, off the response path. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../tools/fake-provider/scenarios";
import type { DayStats } from "../protocol";
import { chatBody, postChat, providerEnv, readEvents, settled, uniqueTag } from "../testing/harness";
import { NO_COUNTS, readDailyStats, recordChat } from "./daily-stats";

type Counts = Omit<DayStats, "day" | "budgetExhaustedAt">;

const { budgetExhaustedAt: _, ...ZERO } = NO_COUNTS;

async function today(): Promise<Counts> {
  await settled();
  const [row] = await readDailyStats(env.DB, 1);
  if (!row) return ZERO;
  const { day: _, budgetExhaustedAt: __, ...counts } = row;
  return counts;
}

/** The change in today's counters made by one chat. */
async function countsOf(body: unknown, scenario: Scenario, vars: Record<string, string> = {}): Promise<Counts> {
  const before = await today();
  const response = await postChat(
    body,
    providerEnv(uniqueTag(), scenario, { UPSTREAM_IDLE_TIMEOUT_MS: "300", ...vars }),
  );
  if (response.ok) await readEvents(response);
  else await response.text();
  await settled();
  const after = await today();
  const change = { ...ZERO };
  for (const key of Object.keys(ZERO) as (keyof Counts)[]) change[key] = after[key] - before[key];
  return change;
}

describe("daily stats", () => {
  it("count a model answer: a new conversation, one message, the provider's tokens", async () => {
    const text = "Two to five business days.";
    expect(await countsOf(chatBody(), { mode: "answer", text })).toEqual({
      ...ZERO,
      conversations: 1,
      messages: 1,
      tokens: 42 + 5,
    });
  });

  it("count a follow-up as a message of the same conversation", async () => {
    const body = {
      visitorId: "visitor-0001",
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
        { role: "user", content: "Do you have decaf?" },
      ],
    };
    expect((await countsOf(body, { mode: "answer", text: "Yes." })).conversations).toBe(0);
  });

  it("count FAQ answers as fallbacks, in FAQ-only mode and when the provider fails", async () => {
    expect(await countsOf(chatBody(), { mode: "answer" }, { OPENAI_API_KEY: "" })).toEqual({
      ...ZERO,
      conversations: 1,
      messages: 1,
      fallbacks: 1,
    });
    expect((await countsOf(chatBody(), { mode: "status", status: 500 })).fallbacks).toBe(1);
  });

  it("count errors: a provider failure without fallback, and a stream cut after its first token", async () => {
    expect((await countsOf(chatBody(), { mode: "status", status: 500 }, { FAQ_FALLBACK: "false" })).errors).toBe(1);
    expect((await countsOf(chatBody(), { mode: "midstream-error" })).errors).toBe(1);
  });

  it("do not count invalid requests", async () => {
    expect(await countsOf({ visitorId: "x" }, { mode: "answer" })).toEqual(ZERO);
  });

  it("add up per UTC day", async () => {
    const tally = {
      conversation: true,
      tokens: 10,
      fallback: null,
      error: false,
      rateLimited: false,
      limiterFallback: false,
    };
    await recordChat(env.DB, tally, new Date("2026-03-01T23:59:00Z"));
    await recordChat(env.DB, { ...tally, rateLimited: true }, new Date("2026-03-01T23:59:30Z"));
    await recordChat(env.DB, tally, new Date("2026-03-02T00:00:10Z"));
    const rows = await readDailyStats(env.DB, 2, new Date("2026-03-02T12:00:00Z"));
    expect(rows).toEqual([
      { day: "2026-03-02", ...ZERO, conversations: 1, messages: 1, tokens: 10, budgetExhaustedAt: null },
      {
        day: "2026-03-01",
        ...ZERO,
        conversations: 2,
        messages: 1,
        tokens: 20,
        rateLimited: 1,
        budgetExhaustedAt: null,
      },
    ]);
  });
});
