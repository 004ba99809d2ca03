import type { FallbackReason } from "../fallback";
import type { DayStats } from "../protocol";
import { lastDays, utcDayOf } from "../utc-day";

/**
 * Daily usage counters in D1 (table `daily_stats`, one row per UTC day), added up with upserts.
 * Chats count through stats-buffer.ts, which writes an instance's counts together every few
 * seconds, off the response path.
 */

/** What one chat request amounted to, counted when its answer ends. */
export interface ChatTally {
  /** The request opened a conversation (its only visitor message is the first). */
  conversation: boolean;
  /** Tokens charged: the provider's usage, or our estimate. */
  tokens: number;
  /** Answered from the FAQ instead of the model, and why; null for a model answer. */
  fallback: FallbackReason | null;
  /** Ended in an error (an `error` event, or a 5xx before the stream). */
  error: boolean;
  /** Refused by the per-visitor or per-network limits. */
  rateLimited: boolean;
  /** The Limiter objects could not be reached: approximate limits decided, or the FAQ answered. */
  limiterFallback: boolean;
  /** An operator's draft preview, not a visitor's chat. */
  preview?: boolean;
}

/** The daily_stats columns one or more chats add. */
export type DayCounts = Omit<DayStats, "day">;

/** A day without chats. */
export const NO_COUNTS: DayCounts = {
  conversations: 0,
  messages: 0,
  tokens: 0,
  rateLimited: 0,
  fallbacks: 0,
  errors: 0,
  budgetFallbacks: 0,
  allowanceFallbacks: 0,
  limiterFallbacks: 0,
  previews: 0,
  budgetExhaustedAt: null,
};

/** What one chat adds to its day. */
export function countsOf(tally: ChatTally, now: Date): DayCounts {
  const budgetSpent = tally.fallback === "site_budget";
  const visitor = !tally.preview;
  return {
    conversations: visitor && tally.conversation ? 1 : 0,
    messages: visitor && !tally.rateLimited ? 1 : 0,
    tokens: Math.max(0, Math.round(tally.tokens)),
    rateLimited: tally.rateLimited ? 1 : 0,
    fallbacks: tally.fallback ? 1 : 0,
    errors: tally.error ? 1 : 0,
    budgetFallbacks: budgetSpent ? 1 : 0,
    allowanceFallbacks: tally.fallback === "network_tokens" ? 1 : 0,
    limiterFallbacks: tally.limiterFallback ? 1 : 0,
    previews: tally.preview ? 1 : 0,
    budgetExhaustedAt: budgetSpent ? now.toISOString() : null,
  };
}

/** Two days' worth of counts as one; the budget ran out at the earlier time. */
export function addCounts(a: DayCounts, b: DayCounts): DayCounts {
  const earliest = [a.budgetExhaustedAt, b.budgetExhaustedAt].filter((t) => t !== null).sort()[0] ?? null;
  return {
    conversations: a.conversations + b.conversations,
    messages: a.messages + b.messages,
    tokens: a.tokens + b.tokens,
    rateLimited: a.rateLimited + b.rateLimited,
    fallbacks: a.fallbacks + b.fallbacks,
    errors: a.errors + b.errors,
    budgetFallbacks: a.budgetFallbacks + b.budgetFallbacks,
    allowanceFallbacks: a.allowanceFallbacks + b.allowanceFallbacks,
    limiterFallbacks: a.limiterFallbacks + b.limiterFallbacks,
    previews: a.previews + b.previews,
    budgetExhaustedAt: earliest,
  };
}

/** Adds counts to their days, in one batch. */
export async function writeCounts(db: D1Database, days: ReadonlyMap<string, DayCounts>): Promise<void> {
  const statement = db.prepare(
    `INSERT INTO daily_stats (day, conversations, messages, tokens, rate_limited, fallbacks, errors,
       budget_fallbacks, allowance_fallbacks, limiter_fallbacks, previews, budget_exhausted_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
     ON CONFLICT (day) DO UPDATE SET
       conversations = conversations + excluded.conversations,
       messages = messages + excluded.messages,
       tokens = tokens + excluded.tokens,
       rate_limited = rate_limited + excluded.rate_limited,
       fallbacks = fallbacks + excluded.fallbacks,
       errors = errors + excluded.errors,
       budget_fallbacks = budget_fallbacks + excluded.budget_fallbacks,
       allowance_fallbacks = allowance_fallbacks + excluded.allowance_fallbacks,
       limiter_fallbacks = limiter_fallbacks + excluded.limiter_fallbacks,
       previews = previews + excluded.previews,
       budget_exhausted_at = MIN(COALESCE(budget_exhausted_at, excluded.budget_exhausted_at),
                                 COALESCE(excluded.budget_exhausted_at, budget_exhausted_at))`,
  );
  if (days.size === 0) return;
  await db.batch(
    [...days].map(([day, c]) =>
      statement.bind(
        day,
        c.conversations,
        c.messages,
        c.tokens,
        c.rateLimited,
        c.fallbacks,
        c.errors,
        c.budgetFallbacks,
        c.allowanceFallbacks,
        c.limiterFallbacks,
        c.previews,
        c.budgetExhaustedAt,
      ),
    ),
  );
}

/** Counts one chat at once (the buffer in stats-buffer.ts is what chats use). */
export function recordChat(db: D1Database, tally: ChatTally, now = new Date()): Promise<void> {
  return writeCounts(db, new Map([[utcDayOf(now.getTime()), countsOf(tally, now)]]));
}

export async function readDailyStats(db: D1Database, days: number, now = new Date()): Promise<DayStats[]> {
  const span = lastDays(days, now.getTime());
  const { results } = await db
    .prepare(
      `SELECT day, conversations, messages, tokens, rate_limited AS rateLimited, fallbacks, errors,
              budget_fallbacks AS budgetFallbacks, allowance_fallbacks AS allowanceFallbacks,
              limiter_fallbacks AS limiterFallbacks, previews, budget_exhausted_at AS budgetExhaustedAt
       FROM daily_stats WHERE day BETWEEN ?1 AND ?2 ORDER BY day DESC`,
    )
    .bind(span.at(-1), span[0])
    .all<DayStats>();
  return results;
}
