/** UTC days, the unit of the daily limits, budget and stats. */
export const DAY_MS = 86_400_000;

/** The UTC day of `now` (ms), as YYYY-MM-DD. */
export function utcDayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Milliseconds from `now` to the next 00:00 UTC, when daily limits reset. */
export function msUntilUtcMidnight(now: number): number {
  return DAY_MS - (now % DAY_MS);
}

/** The last `count` UTC days up to `now`, newest first. */
export function lastDays(count: number, now: number): string[] {
  return Array.from({ length: count }, (_, i) => utcDayOf(now - i * DAY_MS));
}
