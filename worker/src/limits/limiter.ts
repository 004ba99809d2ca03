/**
 * The `Limiter` Durable Object: one per client network (an IPv4 address or an IPv6 /64, by a keyed
 * hash, never the address). It holds the request and token counters of the network and of every
 * visitor seen on it, so that one call admits a chat against all of them at once, atomically: a
 * Durable Object runs one call at a time, on its own SQLite. Refused requests are recorded nowhere.
 * Chats reserve their worst case when admitted and settle it with what they really used. The
 * object also decides sign-in attempts to the console from its network, and deletes itself after
 * two idle days.
 */
import { DurableObject } from "cloudflare:workers";
import { DAY_MS, msUntilUtcMidnight, utcDayOf } from "../utc-day";
import { MINUTE_MS, slidingWindow } from "./rules";

/** A request for admission; `now` is the caller's clock in ms. */
export interface Admission {
  /** The visitor, as the keyed hash the Worker made of their id. */
  visitor: string;
  now: number;
  /** Requests per sliding minute: the visitor's, and the whole network's. */
  visitorPerMinute: number;
  networkPerMinute: number;
  /** Tokens per UTC day, when the request spends tokens (chats do, ratings do not). */
  tokens?: { visitorPerDay: number; networkPerDay: number; reserve: number };
}

export type AdmissionVerdict =
  | {
      ok: true;
      /** The reservation to settle when the answer ends; null when nothing was reserved. */
      reservation: number | null;
      /** The network's tokens for today are spent: answer from the FAQ, or refuse. */
      networkTokensSpent: boolean;
    }
  | { ok: false; retryAfterMs: number };

export type SignInVerdict = { ok: true } | { ok: false; locked: boolean; retryAfterMs: number };

/** Failed sign-ins from one network within a minute before the next attempts are refused. */
export const SIGN_IN_FAILURES_PER_MINUTE = 5;
/** A reservation not settled by then is charged in full (the Worker that made it is gone). */
export const RESERVATION_TTL_MS = 10 * 60_000;
/** A limiter untouched this long deletes everything it holds. */
export const IDLE_MS = 2 * DAY_MS;

export class Limiter extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  /** When the next alarm is set for, once known. */
  #alarmAt: number | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#createTables();
  }

  #createTables(): void {
    this.#sql.exec(`CREATE TABLE IF NOT EXISTS hits (visitor TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS hits_by_visitor ON hits (visitor, at);
      CREATE TABLE IF NOT EXISTS usage (day TEXT NOT NULL, visitor TEXT NOT NULL, used INTEGER NOT NULL,
        PRIMARY KEY (day, visitor));
      CREATE TABLE IF NOT EXISTS reservations (id INTEGER PRIMARY KEY AUTOINCREMENT, visitor TEXT NOT NULL,
        day TEXT NOT NULL, tokens INTEGER NOT NULL, expires INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS sign_in_failures (at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`);
  }

  /** Admits a request against the visitor's and the network's limits, or refuses it and records nothing. */
  async admit(request: Admission): Promise<AdmissionVerdict> {
    const { visitor, now, tokens } = request;
    this.#sql.exec("DELETE FROM hits WHERE at <= ?", now - MINUTE_MS);
    const network = this.#hitTimes(null);
    const own = this.#hitTimes(visitor);
    for (const [recent, limit] of [
      [own, request.visitorPerMinute],
      [network, request.networkPerMinute],
    ] as const) {
      const window = slidingWindow(recent, limit, MINUTE_MS, now);
      if (!window.admitted) return { ok: false, retryAfterMs: window.retryAfterMs };
    }
    const day = utcDayOf(now);
    if (tokens && this.#tokens(day, visitor) >= tokens.visitorPerDay) {
      return { ok: false, retryAfterMs: msUntilUtcMidnight(now) };
    }
    this.#sql.exec("INSERT INTO hits (visitor, at) VALUES (?, ?)", visitor, now);
    let reservation: number | null = null;
    const networkTokensSpent = tokens !== undefined && this.#tokens(day, null) >= tokens.networkPerDay;
    if (tokens && tokens.reserve > 0 && !networkTokensSpent) {
      const expires = now + RESERVATION_TTL_MS;
      reservation = this.#sql
        .exec<{ id: number }>(
          "INSERT INTO reservations (visitor, day, tokens, expires) VALUES (?, ?, ?, ?) RETURNING id",
          visitor,
          day,
          Math.ceil(tokens.reserve),
          expires,
        )
        .one().id;
      await this.#scheduleBy(expires);
    }
    await this.#touch(now);
    return { ok: true, reservation, networkTokensSpent };
  }

  /** Replaces a reservation with what the answer really used. A reservation already expired was charged in full. */
  settle(reservation: number, used: number): void {
    const row = this.#sql
      .exec<{ visitor: string; day: string }>("SELECT visitor, day FROM reservations WHERE id = ?", reservation)
      .toArray()[0];
    if (!row) return;
    this.#sql.exec("DELETE FROM reservations WHERE id = ?", reservation);
    this.#charge(row.day, row.visitor, used);
  }

  /**
   * Decides a console sign-in from this network: refused while 5 failures of the last minute
   * stand (whatever the token), a failure recorded otherwise. `valid` is whether the token was right.
   */
  async signIn(valid: boolean, now: number): Promise<SignInVerdict> {
    this.#sql.exec("DELETE FROM sign_in_failures WHERE at <= ?", now - MINUTE_MS);
    const failures = this.#sql
      .exec<{ at: number }>("SELECT at FROM sign_in_failures")
      .toArray()
      .map((row) => row.at);
    const window = slidingWindow(failures, SIGN_IN_FAILURES_PER_MINUTE, MINUTE_MS, now);
    if (!window.admitted) return { ok: false, locked: true, retryAfterMs: window.retryAfterMs };
    if (valid) return { ok: true };
    this.#sql.exec("INSERT INTO sign_in_failures (at) VALUES (?)", now);
    await this.#touch(now);
    return { ok: false, locked: false, retryAfterMs: 0 };
  }

  /** Today's tokens of a visitor, or of the whole network: used, plus reserved by answers under way. */
  tokensUsed(now: number, visitor: string | null = null): number {
    return this.#tokens(utcDayOf(now), visitor);
  }

  /** Requests admitted in the minute before `now`, of a visitor or of the whole network. */
  recentRequests(now: number, visitor: string | null = null): number {
    return this.#hitTimes(visitor).filter((at) => at > now - MINUTE_MS).length;
  }

  /** Charges expired reservations, forgets what no limit looks at any more, and deletes everything after two idle days. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    for (const row of this.#sql
      .exec<{ id: number; visitor: string; day: string; tokens: number }>(
        "SELECT id, visitor, day, tokens FROM reservations WHERE expires <= ?",
        now,
      )
      .toArray()) {
      this.#sql.exec("DELETE FROM reservations WHERE id = ?", row.id);
      this.#charge(row.day, row.visitor, row.tokens);
    }
    this.#sql.exec("DELETE FROM hits WHERE at <= ?", now - MINUTE_MS);
    this.#sql.exec("DELETE FROM sign_in_failures WHERE at <= ?", now - MINUTE_MS);
    this.#sql.exec("DELETE FROM usage WHERE day < ?", utcDayOf(now - DAY_MS));
    const lastActive = this.#sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'active'").toArray()[0];
    const pending = this.#sql.exec<{ next: number | null }>("SELECT MIN(expires) AS next FROM reservations").one().next;
    const idleSince = lastActive?.value ?? 0;
    this.#alarmAt = null;
    if (pending === null && now - idleSince >= IDLE_MS) {
      await this.ctx.storage.deleteAll();
      this.#createTables();
      return;
    }
    await this.#scheduleBy(Math.min(pending ?? Number.POSITIVE_INFINITY, idleSince + IDLE_MS));
  }

  #hitTimes(visitor: string | null): number[] {
    const rows =
      visitor === null
        ? this.#sql.exec<{ at: number }>("SELECT at FROM hits")
        : this.#sql.exec<{ at: number }>("SELECT at FROM hits WHERE visitor = ?", visitor);
    return rows.toArray().map((row) => row.at);
  }

  #tokens(day: string, visitor: string | null): number {
    const where = visitor === null ? "" : " AND visitor = ?2";
    const bindings = visitor === null ? [day] : [day, visitor];
    const used = this.#sql
      .exec<{ n: number | null }>(`SELECT SUM(used) AS n FROM usage WHERE day = ?1${where}`, ...bindings)
      .one().n;
    const reserved = this.#sql
      .exec<{ n: number | null }>(`SELECT SUM(tokens) AS n FROM reservations WHERE day = ?1${where}`, ...bindings)
      .one().n;
    return (used ?? 0) + (reserved ?? 0);
  }

  #charge(day: string, visitor: string, tokens: number): void {
    if (tokens <= 0) return;
    this.#sql.exec(
      "INSERT INTO usage (day, visitor, used) VALUES (?1, ?2, ?3) ON CONFLICT (day, visitor) DO UPDATE SET used = used + ?3",
      day,
      visitor,
      Math.ceil(tokens),
    );
  }

  /** Remembers the last activity, and makes sure an alarm will come to clean up after it. */
  async #touch(now: number): Promise<void> {
    this.#sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('active', ?)", now);
    await this.#scheduleBy(now + IDLE_MS);
  }

  /** Sets the alarm for `at`, unless one is already set for then or earlier. */
  async #scheduleBy(at: number): Promise<void> {
    if (this.#alarmAt === undefined) this.#alarmAt = await this.ctx.storage.getAlarm();
    if (this.#alarmAt !== null && this.#alarmAt <= at) return;
    this.#alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }
}
