/**
 * The provider's health as the `ProviderHealth` object keeps it, and how reports from Worker
 * instances update it. Reports arrive a few seconds late and out of order across instances, so
 * everything goes by when it happened, not when it was heard of: the state is the latest outcome
 * by time, and an ok older than a failure does not recover it.
 */
import { LASTING_FAILURES, type ProviderFailureKind, type ProviderState } from "../protocol/provider-advice";

/** What one request to the provider came to, as a Worker instance notes it. */
export interface ProviderOutcome {
  state: "ok" | ProviderFailureKind;
  at: number;
  /** The visitor got an answer from the FAQ because of this failure. */
  fallback?: boolean;
}

/** Consecutive requests of one instance with the same outcome, as reported. */
export interface OutcomeRun {
  state: "ok" | ProviderFailureKind;
  /** When the first and the last of them happened (ms since the epoch). */
  first: number;
  last: number;
  /** Chats among them answered from the FAQ because the provider failed. */
  fallbacks: number;
}

export interface HealthRecord {
  /** When the model last answered. */
  lastOkAt: number | null;
  /** The first answer after the latest failure: ok since then. */
  okSince: number | null;
  /** The latest failure. */
  failure: { kind: ProviderFailureKind; at: number } | null;
  /** The first failure after the last answer: the trouble began then. */
  failingSince: number | null;
  /** Chats answered from the FAQ since the trouble began. */
  fallbacks: number;
  /** `failingSince` of the incident the operator was alerted to; null once told of its recovery. */
  alertedFor: number | null;
}

export const EMPTY_RECORD: HealthRecord = {
  lastOkAt: null,
  okSince: null,
  failure: null,
  failingSince: null,
  fallbacks: 0,
  alertedFor: null,
};

const before = (at: number | null | undefined) => at ?? Number.NEGATIVE_INFINITY;

/** The record with `run` taken into account. */
export function merge(record: HealthRecord, run: OutcomeRun): HealthRecord {
  const next = { ...record };
  if (run.state === "ok") {
    if (run.last <= before(record.lastOkAt)) return record;
    const failedAt = before(record.failure?.at);
    if (run.last > failedAt) {
      const start = run.first > failedAt ? run.first : run.last;
      next.okSince = record.okSince !== null && record.okSince > failedAt ? Math.min(record.okSince, start) : start;
    }
    next.lastOkAt = run.last;
    return next;
  }
  if (run.last >= before(record.failure?.at)) next.failure = { kind: run.state, at: run.last };
  const okAt = before(record.lastOkAt);
  if (run.last > okAt) {
    const start = run.first > okAt ? run.first : run.last;
    if (record.failingSince === null || record.failingSince <= okAt) {
      next.failingSince = start;
      next.fallbacks = run.fallbacks;
    } else {
      next.failingSince = Math.min(record.failingSince, start);
      next.fallbacks = record.fallbacks + run.fallbacks;
    }
  }
  return next;
}

/** The provider fails now: its latest outcome is a failure. */
export function failing(
  record: HealthRecord,
): record is HealthRecord & { failure: NonNullable<HealthRecord["failure"]> } {
  return record.failure !== null && record.failure.at > before(record.lastOkAt);
}

export interface HealthView {
  state: ProviderState;
  /** Since when the state holds: the first failure of the trouble, or the first answer after it. */
  since: number | null;
  lastAnswerAt: number | null;
  fallbacksSince: number;
}

export function view(record: HealthRecord): HealthView {
  if (failing(record)) {
    // An ok heard of late may fall inside the trouble: then it began at the latest failure at the latest.
    const since =
      record.failingSince !== null && record.failingSince > before(record.lastOkAt)
        ? record.failingSince
        : record.failure.at;
    return { state: record.failure.kind, since, lastAnswerAt: record.lastOkAt, fallbacksSince: record.fallbacks };
  }
  if (record.lastOkAt === null) return { state: "unknown", since: null, lastAnswerAt: null, fallbacksSince: 0 };
  return { state: "ok", since: record.okSince ?? record.lastOkAt, lastAnswerAt: record.lastOkAt, fallbacksSince: 0 };
}

/** What the object should tell the operator now, if anything. */
export type AlertDue = "failing" | "recovered" | null;

/**
 * An alert is due once the trouble has lasted `afterMs`: for a failure that does not heal by
 * itself (a rejected key, an exhausted quota, a wrong model) as long as nothing answered since it
 * began; for one that may (a rate limit, a timeout, a 5xx), only when failures span that long, so
 * one blip on a quiet site pages nobody. Recovery is told once, after an alerted incident ends.
 */
export function alertDue(record: HealthRecord, afterMs: number, now: number): AlertDue {
  const ongoing = failing(record) ? view(record).since : null;
  if (record.alertedFor !== null && (ongoing === null || before(record.lastOkAt) >= record.alertedFor)) {
    return "recovered";
  }
  if (ongoing === null || record.alertedFor !== null || !record.failure) return null;
  const lasting = LASTING_FAILURES.has(record.failure.kind);
  if (lasting ? now - ongoing >= afterMs : record.failure.at - ongoing >= afterMs) return "failing";
  return null;
}

/** When the object should look again whether an alert is due (null: only when a report comes). */
export function nextCheck(record: HealthRecord, afterMs: number, now: number): number | null {
  if (alertDue(record, afterMs, now) !== null) return now;
  if (!failing(record) || record.alertedFor !== null) return null;
  if (!LASTING_FAILURES.has(record.failure.kind)) return null;
  return (view(record).since ?? now) + afterMs;
}
