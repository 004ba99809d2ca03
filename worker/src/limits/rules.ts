/** The arithmetic of the limits, without storage: sliding windows, Retry-After, and how refusals read. */
import { ApiError } from "../errors";
import { msUntilUtcMidnight } from "../utc-day";

export const MINUTE_MS = 60_000;

/**
 * A sliding window: `recent` holds the times (ms) of the requests admitted in the last window.
 * The next one is admitted if fewer than `limit` are; otherwise it must wait until the oldest
 * of the last `limit` leaves the window.
 */
export function slidingWindow(
  recent: readonly number[],
  limit: number,
  windowMs: number,
  now: number,
): { admitted: true } | { admitted: false; retryAfterMs: number } {
  const inWindow = recent.filter((at) => at > now - windowMs).sort((a, b) => a - b);
  if (inWindow.length < limit) return { admitted: true };
  const freedAt = (inWindow[inWindow.length - limit] ?? now) + windowMs;
  return { admitted: false, retryAfterMs: Math.max(0, freedAt - now) };
}

/** Seconds for a `Retry-After` header: whole, and at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** A wait as a visitor reads it: "42 s", "12 min", "5 h 3 min". */
export function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** The site's budget is spent and FAQ answers are off (docs/http-api.md#errors). */
export function budgetExhausted(now = Date.now()): ApiError {
  const seconds = retryAfterSeconds(msUntilUtcMidnight(now));
  return new ApiError(
    429,
    "budget_exhausted",
    `This site's answers for today are used up. They resume at 00:00 UTC, in ${duration(seconds)}.`,
    seconds,
  );
}
