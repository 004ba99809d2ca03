/**
 * The limits of limiter.ts kept in this Worker instance's memory: what the per-visitor and
 * per-network checks fall back to when the Limiter objects cannot be reached. Approximate, since
 * every instance counts alone, but an outage does not turn the limits off. Tokens are counted at
 * their worst case when a chat is admitted (there is nothing to settle against).
 */
import { msUntilUtcMidnight, utcDayOf } from "../utc-day";
import type { Admission, AdmissionVerdict } from "./limiter";
import { MINUTE_MS, slidingWindow } from "./rules";

/** The most keys kept; the oldest are forgotten first. */
const MAX_KEYS = 10_000;

export class LocalLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #tokens = new Map<string, { day: string; used: number }>();

  admit(network: string, request: Admission): AdmissionVerdict {
    const { now, tokens } = request;
    const visitorKey = `${network} ${request.visitor}`;
    for (const [key, limit] of [
      [visitorKey, request.visitorPerMinute],
      [network, request.networkPerMinute],
    ] as const) {
      const window = slidingWindow(this.#recent(key, now), limit, MINUTE_MS, now);
      if (!window.admitted) return { ok: false, retryAfterMs: window.retryAfterMs };
    }
    const day = utcDayOf(now);
    if (tokens && this.#used(visitorKey, day) >= tokens.visitorPerDay) {
      return { ok: false, retryAfterMs: msUntilUtcMidnight(now) };
    }
    for (const key of [visitorKey, network]) remember(this.#hits, key, [...this.#recent(key, now), now]);
    const networkTokensSpent = tokens !== undefined && this.#used(network, day) >= tokens.networkPerDay;
    if (tokens && !networkTokensSpent) {
      for (const key of [visitorKey, network]) {
        remember(this.#tokens, key, { day, used: this.#used(key, day) + tokens.reserve });
      }
    }
    return { ok: true, reservation: null, networkTokensSpent };
  }

  #recent(key: string, now: number): number[] {
    return (this.#hits.get(key) ?? []).filter((at) => at > now - MINUTE_MS);
  }

  #used(key: string, day: string): number {
    const entry = this.#tokens.get(key);
    return entry?.day === day ? entry.used : 0;
  }
}

/** Sets `key` as the newest entry, forgetting the oldest past MAX_KEYS. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
