/** The arithmetic of the limits, without storage: sliding windows and Retry-After. */

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
