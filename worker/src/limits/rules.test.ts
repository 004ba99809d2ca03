import { describe, expect, it } from "vitest";
import { lastDays, msUntilUtcMidnight, utcDayOf } from "../utc-day";
import { retryAfterSeconds, slidingWindow } from "./rules";

describe("slidingWindow", () => {
  it("admits up to the limit within the window, then says when the next one may pass", () => {
    expect(slidingWindow([1000, 2000], 3, 60_000, 3000)).toEqual({ admitted: true });
    expect(slidingWindow([1000, 2000, 3000], 3, 60_000, 4000)).toEqual({ admitted: false, retryAfterMs: 57_000 });
  });

  it("forgets requests older than the window", () => {
    expect(slidingWindow([1000, 2000, 3000], 3, 60_000, 61_001)).toEqual({ admitted: true });
  });

  it("waits for the oldest of the last `limit` requests, whatever the order", () => {
    expect(slidingWindow([30_000, 10_000, 20_000], 2, 60_000, 40_000)).toEqual({
      admitted: false,
      retryAfterMs: 40_000,
    });
  });
});

describe("UTC days", () => {
  it("names the UTC day and counts down to its end", () => {
    const now = Date.parse("2026-03-01T23:59:30Z");
    expect(utcDayOf(now)).toBe("2026-03-01");
    expect(utcDayOf(now + 30_000)).toBe("2026-03-02");
    expect(msUntilUtcMidnight(now)).toBe(30_000);
    expect(lastDays(3, now)).toEqual(["2026-03-01", "2026-02-28", "2026-02-27"]);
  });

  it("rounds Retry-After up to whole seconds, at least 1", () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(57_001)).toBe(58);
  });
});
