import type { FallbackReason } from "../fallback";
import type { DayStats } from "../protocol";
import { lastDays, utcDayOf } from "../utc-day";

/**
 * Daily usage counters in D1 (table `daily_stats`, one row per UTC day). Each chat adds its counts
 * with one upsert, written off the response path (`waitUntil`), so a visitor never waits on it.
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
}

export async function recordChat(db: D1Database, tally: ChatTally, now = new Date()): Promise<void> {
  const budgetSpent = tally.fallback === "site_budget";
  const counts = [
    tally.conversation ? 1 : 0,
    tally.rateLimited ? 0 : 1,
    Math.max(0, Math.round(tally.tokens)),
    tally.rateLimited ? 1 : 0,
    tally.fallback ? 1 : 0,
    tally.error ? 1 : 0,
    budgetSpent ? 1 : 0,
    tally.fallback === "network_tokens" ? 1 : 0,
    tally.limiterFallback ? 1 : 0,
    budgetSpent ? now.toISOString() : null,
  ];
  await db
    .prepare(
      `INSERT INTO daily_stats (day, conversations, messages, tokens, rate_limited, fallbacks, errors,
         budget_fallbacks, allowance_fallbacks, limiter_fallbacks, budget_exhausted_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
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
         budget_exhausted_at = COALESCE(budget_exhausted_at, excluded.budget_exhausted_at)`,
    )
    .bind(utcDayOf(now.getTime()), ...counts)
    .run();
}

export async function readDailyStats(db: D1Database, days: number, now = new Date()): Promise<DayStats[]> {
  const span = lastDays(days, now.getTime());
  const { results } = await db
    .prepare(
      `SELECT day, conversations, messages, tokens, rate_limited AS rateLimited, fallbacks, errors,
              budget_fallbacks AS budgetFallbacks, allowance_fallbacks AS allowanceFallbacks,
              limiter_fallbacks AS limiterFallbacks, budget_exhausted_at AS budgetExhaustedAt
       FROM daily_stats WHERE day BETWEEN ?1 AND ?2 ORDER BY day DESC`,
    )
    .bind(span.at(-1), span[0])
    .all<DayStats>();
  return results;
}
