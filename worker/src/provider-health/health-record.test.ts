/**
 * The provider's health from reports that come late and out of order: the latest outcome by time
 * wins, the trouble begins at the first failure after the last answer, and an alert is due once
 * per incident, after the threshold, with its recovery told once.
 */
import { describe, expect, it } from "vitest";
import { alertDue, EMPTY_RECORD, type HealthRecord, merge, nextCheck, type OutcomeRun, view } from "./health-record";

const MINUTE = 60_000;
const T = Date.parse("2026-03-01T12:00:00Z");
const at = (minutes: number) => T + minutes * MINUTE;
const run = (state: OutcomeRun["state"], first: number, last = first, fallbacks = 0): OutcomeRun => ({
  state,
  first: at(first),
  last: at(last),
  fallbacks,
});
const fold = (runs: OutcomeRun[], from: HealthRecord = EMPTY_RECORD) => runs.reduce(merge, from);

describe("the health record", () => {
  it("is unknown before anything was heard, then ok since the first answer", () => {
    expect(view(EMPTY_RECORD)).toEqual({ state: "unknown", since: null, lastAnswerAt: null, fallbacksSince: 0 });
    expect(view(fold([run("ok", 1, 3), run("ok", 5)]))).toEqual({
      state: "ok",
      since: at(1),
      lastAnswerAt: at(5),
      fallbacksSince: 0,
    });
  });

  it("fails since the first failure after the last answer, counting the FAQ answers meanwhile", () => {
    const record = fold([run("ok", 1), run("key_rejected", 2, 4, 3), run("quota_exhausted", 5, 6, 2)]);
    expect(view(record)).toEqual({ state: "quota_exhausted", since: at(2), lastAnswerAt: at(1), fallbacksSince: 5 });
  });

  it("does not recover on an answer older than the latest failure, heard of late", () => {
    const record = fold([run("ok", 1), run("timeout", 3, 5, 2), run("ok", 2)]);
    expect(view(record)).toMatchObject({ state: "timeout", since: at(3), lastAnswerAt: at(2) });
    // An answer inside the trouble, heard of late: it began at the latest failure at the latest.
    expect(view(fold([run("ok", 1), run("timeout", 3, 5), run("ok", 4)]))).toMatchObject({
      state: "timeout",
      since: at(5),
      lastAnswerAt: at(4),
    });
  });

  it("recovers on a later answer: ok since then, no FAQ answers counted", () => {
    const record = fold([run("key_rejected", 1, 2, 4), run("ok", 3, 7)]);
    expect(view(record)).toEqual({ state: "ok", since: at(3), lastAnswerAt: at(7), fallbacksSince: 0 });
  });

  it("takes the earliest failure of the trouble from reports of several instances", () => {
    const record = fold([run("ok", 0), run("rate_limited", 3, 4, 1), run("rate_limited", 2, 5, 1)]);
    expect(view(record)).toMatchObject({ state: "rate_limited", since: at(2), fallbacksSince: 2 });
  });
});

describe("alerts", () => {
  const AFTER = 5 * MINUTE;

  it("for a failure that does not heal by itself: once it has lasted the threshold", () => {
    const record = fold([run("ok", 0), run("key_rejected", 1)]);
    expect(alertDue(record, AFTER, at(5))).toBeNull();
    expect(nextCheck(record, AFTER, at(2))).toBe(at(6));
    expect(alertDue(record, AFTER, at(6))).toBe("failing");
    const alerted = { ...record, alertedFor: at(1) };
    expect(alertDue(fold([run("key_rejected", 7, 30)], alerted), AFTER, at(31))).toBeNull();
    expect(nextCheck(fold([run("key_rejected", 7, 30)], alerted), AFTER, at(31))).toBeNull();
  });

  it("for one that may pass (a rate limit, a timeout): only when failures span the threshold", () => {
    const blip = fold([run("ok", 0), run("rate_limited", 1)]);
    expect(alertDue(blip, AFTER, at(60))).toBeNull();
    expect(nextCheck(blip, AFTER, at(2))).toBeNull();
    const lasting = fold([run("rate_limited", 5, 6)], blip);
    expect(alertDue(lasting, AFTER, at(6))).toBe("failing");
  });

  it("tells of the recovery once, and of a new incident after its own threshold", () => {
    const alerted = { ...fold([run("ok", 0), run("provider_error", 1, 7)]), alertedFor: at(1) };
    const recovered = fold([run("ok", 8)], alerted);
    expect(alertDue(recovered, AFTER, at(8))).toBe("recovered");
    const told = { ...recovered, alertedFor: null };
    expect(alertDue(told, AFTER, at(9))).toBeNull();
    // Failing again before the recovery was told: first the recovery, then the new incident in time.
    const again = fold([run("unreachable", 9, 20)], recovered);
    expect(alertDue(again, AFTER, at(20))).toBe("recovered");
    expect(alertDue({ ...again, alertedFor: null }, AFTER, at(20))).toBe("failing");
  });
});
