/** The arithmetic of the limits, without storage: sliding windows and UTC days. */

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

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

/** The UTC day of `now` (ms), as YYYY-MM-DD. */
export function utcDayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Milliseconds from `now` to the next 00:00 UTC, when daily limits reset. */
export function msUntilUtcMidnight(now: number): number {
  return DAY_MS - (now % DAY_MS);
}

/** Seconds for a `Retry-After` header: whole, and at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
