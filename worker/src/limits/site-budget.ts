/**
 * The `SiteBudget` Durable Object: the one place that knows how much of the site's daily token
 * budget is spent. Worker instances do not ask it on every chat: each holds a lease, a slice of
 * the budget it may spend on its own (budget-lease.ts), and renews it in the background,
 * reporting what it used. A lease is granted only from what is neither spent nor leased to
 * another instance, so the budget is exceeded by at most the leases outstanding when an instance
 * disappears without reporting.
 */
import { DurableObject } from "cloudflare:workers";
import { DAY_MS, utcDayOf } from "../utc-day";

export interface LeaseRequest {
  /** The Worker instance asking (random, made once per instance). */
  holder: string;
  /** Tokens it used since its last report. */
  used: number;
  /** Tokens reserved by its answers under way: the new lease covers them first. */
  inFlight: number;
  /** Tokens it wants to spend on new answers. */
  want: number;
  /** Below this, a lease is no use (one answer's worst case): the budget counts as spent. */
  minimum: number;
  budget: number;
  now: number;
  ttlMs: number;
}

export interface Lease {
  /** Tokens the holder may have out from now on, its answers under way included. */
  granted: number;
  expiresAt: number;
  /** Today's tokens reported spent, after this report. */
  spent: number;
  /** When today's budget first could not grant a useful lease, if it has happened. */
  exhaustedAt: number | null;
}

export class SiteBudget extends DurableObject<Env> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec(`CREATE TABLE IF NOT EXISTS spent (day TEXT PRIMARY KEY, tokens INTEGER NOT NULL,
        exhausted_at INTEGER);
      CREATE TABLE IF NOT EXISTS leases (holder TEXT PRIMARY KEY, day TEXT NOT NULL, granted INTEGER NOT NULL,
        expires INTEGER NOT NULL);`);
  }

  /** Takes a holder's report and gives it a new lease in place of its old one. */
  lease({ holder, used, inFlight, want, minimum, budget, now, ttlMs }: LeaseRequest): Lease {
    const day = utcDayOf(now);
    this.#sql.exec(
      `INSERT INTO spent (day, tokens) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET tokens = tokens + ?2`,
      day,
      Math.max(0, Math.ceil(used)),
    );
    this.#sql.exec("DELETE FROM leases WHERE holder = ? OR expires <= ? OR day != ?", holder, now, day);
    this.#sql.exec("DELETE FROM spent WHERE day < ?", utcDayOf(now - 2 * DAY_MS));
    const outstanding = this.#sql.exec<{ n: number | null }>("SELECT SUM(granted) AS n FROM leases").one().n ?? 0;
    const today = this.#sql
      .exec<{ tokens: number; exhausted_at: number | null }>(
        "SELECT tokens, exhausted_at FROM spent WHERE day = ?",
        day,
      )
      .one();
    const available = budget - today.tokens - outstanding;
    let granted = Math.max(0, Math.min(Math.ceil(inFlight + want), available));
    let exhaustedAt = today.exhausted_at;
    if (granted - inFlight < minimum) {
      granted = Math.max(0, Math.min(Math.ceil(inFlight), available));
      if (exhaustedAt === null) {
        exhaustedAt = now;
        this.#sql.exec("UPDATE spent SET exhausted_at = ? WHERE day = ?", now, day);
      }
    }
    const expiresAt = now + ttlMs;
    if (granted > 0) {
      this.#sql.exec(
        "INSERT INTO leases (holder, day, granted, expires) VALUES (?, ?, ?, ?)",
        holder,
        day,
        granted,
        expiresAt,
      );
    }
    return { granted, expiresAt, spent: today.tokens, exhaustedAt };
  }

  /** Today's tokens reported spent and leased out, for tests and the console. */
  state(now: number): { spent: number; leased: number; exhaustedAt: number | null } {
    const day = utcDayOf(now);
    const today = this.#sql
      .exec<{ tokens: number; exhausted_at: number | null }>(
        "SELECT tokens, exhausted_at FROM spent WHERE day = ?",
        day,
      )
      .toArray()[0];
    const leased =
      this.#sql
        .exec<{ n: number | null }>("SELECT SUM(granted) AS n FROM leases WHERE expires > ? AND day = ?", now, day)
        .one().n ?? 0;
    return { spent: today?.tokens ?? 0, leased, exhaustedAt: today?.exhausted_at ?? null };
  }
}
