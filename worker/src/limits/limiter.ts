/**
 * The `Limiter` Durable Object (SQLite-backed): one instance per visitor, one per hashed client
 * IP, and one for the whole site. Each method is one synchronous transaction on the object's own
 * SQLite, and a Durable Object runs one at a time, so a burst of concurrent requests is counted
 * exactly: with a limit of L, exactly L get through.
 */
import { DurableObject } from "cloudflare:workers";
import { toHex } from "../hashing";
import { DAY_MS, msUntilUtcMidnight, utcDayOf } from "../utc-day";
import { MINUTE_MS, slidingWindow } from "./rules";

/** A limiter's answer: go ahead, or wait `retryAfterMs`. */
export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export interface RequestRule {
  /** Requests admitted per sliding minute. */
  perMinute: number;
  /** Tokens allowed per UTC day, if this key has a token allowance. */
  tokensPerDay?: number;
}

export class Limiter extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec(`CREATE TABLE IF NOT EXISTS hits (at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS tokens (day TEXT PRIMARY KEY, used INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  }

  /**
   * Admits one request (and records it) unless this key has used today's tokens or made
   * `perMinute` requests in the last minute. `now` is the caller's clock, in ms.
   */
  admit(rule: RequestRule, now: number): Verdict {
    if (rule.tokensPerDay !== undefined && this.#tokensUsed(now) >= rule.tokensPerDay) {
      return { ok: false, retryAfterMs: msUntilUtcMidnight(now) };
    }
    this.#sql.exec("DELETE FROM hits WHERE at <= ?", now - MINUTE_MS);
    const recent = this.#sql
      .exec<{ at: number }>("SELECT at FROM hits")
      .toArray()
      .map((row) => row.at);
    const window = slidingWindow(recent, rule.perMinute, MINUTE_MS, now);
    if (!window.admitted) return { ok: false, retryAfterMs: window.retryAfterMs };
    this.#sql.exec("INSERT INTO hits (at) VALUES (?)", now);
    return { ok: true };
  }

  /** Whether today's tokens are still under `budget` (for the site-wide budget). */
  checkBudget(budget: number, now: number): Verdict {
    return this.#tokensUsed(now) < budget ? { ok: true } : { ok: false, retryAfterMs: msUntilUtcMidnight(now) };
  }

  /** Adds `tokens` to today's count. */
  charge(tokens: number, now: number): void {
    if (tokens <= 0) return;
    this.#sql.exec(
      "INSERT INTO tokens (day, used) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET used = used + ?2",
      utcDayOf(now),
      Math.round(tokens),
    );
    this.#sql.exec("DELETE FROM tokens WHERE day < ?", utcDayOf(now - 2 * DAY_MS));
  }

  /** Requests admitted in the minute before `now`. */
  recentRequests(now: number): number {
    const row = this.#sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM hits WHERE at > ?", now - MINUTE_MS)
      .toArray()[0];
    return row?.n ?? 0;
  }

  /** Today's tokens so far. */
  tokensUsed(now: number): number {
    return this.#tokensUsed(now);
  }

  /** A random salt, made once and kept: client IPs are stored only as salted hashes. */
  salt(): string {
    const existing = this.#sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'salt'").toArray()[0];
    if (existing) return existing.value;
    const salt = toHex(crypto.getRandomValues(new Uint8Array(32)));
    this.#sql.exec("INSERT INTO meta (key, value) VALUES ('salt', ?)", salt);
    return salt;
  }

  #tokensUsed(now: number): number {
    const row = this.#sql.exec<{ used: number }>("SELECT used FROM tokens WHERE day = ?", utcDayOf(now)).toArray()[0];
    return row?.used ?? 0;
  }
}
