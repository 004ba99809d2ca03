/**
 * The `Limiter` Durable Object: one per client network (an IPv4 address or an IPv6 /64, by a keyed
 * hash, never the address). It holds the request and token counters of the network and of every
 * visitor seen on it, so that one call admits a chat against all of them at once, atomically: a
 * Durable Object runs one call at a time, on its own SQLite. Refused requests are recorded nowhere.
 * Chats reserve their worst case when admitted and settle it with what they really used. The
 * object also decides sign-in attempts to the console from its network, and deletes itself after
 * two idle days.
 *
 * SQLite is the record; the counters an admission reads (the last minute's requests, today's
 * tokens, the open reservations) are also kept in memory, loaded from it when the object starts or
 * the day changes, so an admission reads nothing. Nor does it wait for a write: this call is on
 * every chat's way to the provider, and a Durable Object holds its answer until the writes made
 * during the call are confirmed (on Cloudflare, replicated). What admissions and settlements
 * change is written in one transaction at most `WRITE_BEHIND_MS` later (`writePending`), so a busy
 * network's calls rarely meet a write either. Memory decides meanwhile, so limits stay exact; an
 * object that crashed would forget its last quarter second: those requests would not count
 * against the minute, and those answers would go uncharged.
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
  /** Reservations of answers that ended, with what they used: settled first (see settleAll). */
  settlements?: Settlement[];
}

/** A reservation, and the tokens its answer really used. */
export type Settlement = [reservation: number, used: number];

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
/** Activity is written to storage at most this often: idle time is known to within it. */
const ACTIVITY_GRANULARITY_MS = 60 * 60_000;
/** How long admissions' and settlements' writes may wait, to go together after their calls answered. */
export const WRITE_BEHIND_MS = 250;
/** Requests older than a minute are deleted from storage at most this often (memory forgets them at once). */
const HITS_PRUNE_EVERY_MS = 10_000;

interface Hit {
  visitor: string;
  at: number;
}

interface OpenReservation {
  visitor: string;
  day: string;
  tokens: number;
}

/** One UTC day's tokens, used and reserved, per visitor and for the whole network. */
class DayLedger {
  readonly used = new Map<string, number>();
  readonly reserved = new Map<string, number>();
  usedTotal = 0;
  reservedTotal = 0;

  constructor(readonly day: string) {}

  tokens(visitor: string | null): number {
    if (visitor === null) return this.usedTotal + this.reservedTotal;
    return (this.used.get(visitor) ?? 0) + (this.reserved.get(visitor) ?? 0);
  }

  addUsed(visitor: string, tokens: number): void {
    this.used.set(visitor, (this.used.get(visitor) ?? 0) + tokens);
    this.usedTotal += tokens;
  }

  addReserved(visitor: string, tokens: number): void {
    this.reserved.set(visitor, (this.reserved.get(visitor) ?? 0) + tokens);
    this.reservedTotal += tokens;
  }
}

export class Limiter extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  /** When the next alarm is set for, once known. */
  #alarmAt: number | null | undefined;

  /** The last activity written to storage (written at most once per ACTIVITY_GRANULARITY_MS). */
  #activeWritten = 0;
  /** The requests of the last minute, as stored in `hits`, oldest first. */
  #hits: Hit[] = [];
  #hitsPrunedAt = 0;
  /** The tokens of the day last asked about, as stored in `usage` and `reservations`. */
  #ledger: DayLedger | null = null;
  /** The reservations not yet settled, by id, as stored in `reservations`. */
  #open: Map<number, OpenReservation>;
  /** The last reservation id given (ids are never reused, like SQLite's AUTOINCREMENT). */
  #lastReservationId = 0;
  /** Writes waiting for `writePending`, in order. */
  #unwritten: (() => void)[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#createTables();
    this.#hits = this.#sql.exec<{ visitor: string; at: number }>("SELECT visitor, at FROM hits ORDER BY at").toArray();
    this.#open = this.#loadOpenReservations();
    void ctx.blockConcurrencyWhile(async () => {
      this.#alarmAt = await ctx.storage.getAlarm();
    });
  }

  #createTables(): void {
    this.#sql.exec(`CREATE TABLE IF NOT EXISTS hits (visitor TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS hits_by_visitor ON hits (visitor, at);
      CREATE TABLE IF NOT EXISTS usage (day TEXT NOT NULL, visitor TEXT NOT NULL, used INTEGER NOT NULL,
        PRIMARY KEY (day, visitor));
      CREATE TABLE IF NOT EXISTS reservations (id INTEGER PRIMARY KEY AUTOINCREMENT, visitor TEXT NOT NULL,
        day TEXT NOT NULL, tokens INTEGER NOT NULL, expires INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS sign_in_failures (at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS stored_texts (day TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (day, kind));
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`);
  }

  /** Admits a request against the visitor's and the network's limits, or refuses it and records nothing. */
  admit(request: Admission): AdmissionVerdict {
    const { visitor, now, tokens } = request;
    this.settleAll(request.settlements ?? []);
    this.#forgetHitsBefore(now - MINUTE_MS);
    const network = this.#hits.map((hit) => hit.at);
    const own = this.#hits.filter((hit) => hit.visitor === visitor).map((hit) => hit.at);
    for (const [recent, limit] of [
      [own, request.visitorPerMinute],
      [network, request.networkPerMinute],
    ] as const) {
      const window = slidingWindow(recent, limit, MINUTE_MS, now);
      if (!window.admitted) return { ok: false, retryAfterMs: window.retryAfterMs };
    }
    const ledger = this.#ledgerOf(utcDayOf(now));
    if (tokens && ledger.tokens(visitor) >= tokens.visitorPerDay) {
      return { ok: false, retryAfterMs: msUntilUtcMidnight(now) };
    }
    this.#later(() => this.#sql.exec("INSERT INTO hits (visitor, at) VALUES (?, ?)", visitor, now));
    this.#remember({ visitor, at: now });
    let reservation: number | null = null;
    const networkTokensSpent = tokens !== undefined && ledger.tokens(null) >= tokens.networkPerDay;
    if (tokens && tokens.reserve > 0 && !networkTokensSpent) {
      const expires = now + RESERVATION_TTL_MS;
      const reserved = Math.ceil(tokens.reserve);
      const id = ++this.#lastReservationId;
      this.#open.set(id, { visitor, day: ledger.day, tokens: reserved });
      this.#later(() =>
        this.#sql.exec(
          "INSERT INTO reservations (id, visitor, day, tokens, expires) VALUES (?, ?, ?, ?, ?)",
          id,
          visitor,
          ledger.day,
          reserved,
          expires,
        ),
      );
      ledger.addReserved(visitor, reserved);
      reservation = id;
      this.#scheduleBy(expires);
    }
    this.#touch(now);
    return { ok: true, reservation, networkTokensSpent };
  }

  /** Settles answers that ended, in one call. */
  settleAll(settlements: readonly Settlement[]): void {
    for (const [reservation, used] of settlements) this.settle(reservation, used);
  }

  /** Replaces a reservation with what the answer really used. A reservation already expired was charged in full. */
  settle(reservation: number, used: number): void {
    const row = this.#open.get(reservation);
    if (!row) return;
    this.#open.delete(reservation);
    this.#later(() => this.#sql.exec("DELETE FROM reservations WHERE id = ?", reservation));
    if (this.#ledger?.day === row.day) this.#ledger.addReserved(row.visitor, -row.tokens);
    this.#charge(row.day, row.visitor, used);
  }

  /**
   * Writes what admissions and settlements left to write, in one transaction. Runs by itself
   * shortly after the calls that left them, and before anything reads storage.
   */
  writePending(): void {
    const writes = this.#unwritten;
    if (writes.length === 0) return;
    this.#unwritten = [];
    this.ctx.storage.transactionSync(() => {
      for (const write of writes) write();
    });
  }

  /**
   * Decides a console sign-in from this network: refused while 5 failures of the last minute
   * stand (whatever the token), a failure recorded otherwise. `valid` is whether the token was right.
   */
  signIn(valid: boolean, now: number): SignInVerdict {
    this.#sql.exec("DELETE FROM sign_in_failures WHERE at <= ?", now - MINUTE_MS);
    const failures = this.#sql
      .exec<{ at: number }>("SELECT at FROM sign_in_failures")
      .toArray()
      .map((row) => row.at);
    const window = slidingWindow(failures, SIGN_IN_FAILURES_PER_MINUTE, MINUTE_MS, now);
    if (!window.admitted) return { ok: false, locked: true, retryAfterMs: window.retryAfterMs };
    if (valid) return { ok: true };
    this.#sql.exec("INSERT INTO sign_in_failures (at) VALUES (?)", now);
    this.#touch(now);
    return { ok: false, locked: false, retryAfterMs: 0 };
  }

  /**
   * Whether the network may leave one more text of `kind` (a question, a comment, a transcript
   * turn) in D1 today, under `perDay`: counted when allowed.
   */
  allowText(kind: string, now: number, perDay: number): boolean {
    const day = utcDayOf(now);
    const stored = this.#sql
      .exec<{ count: number }>("SELECT count FROM stored_texts WHERE day = ? AND kind = ?", day, kind)
      .toArray()[0];
    if ((stored?.count ?? 0) >= perDay) return false;
    this.#sql.exec(
      `INSERT INTO stored_texts (day, kind, count) VALUES (?, ?, 1)
       ON CONFLICT (day, kind) DO UPDATE SET count = count + 1`,
      day,
      kind,
    );
    this.#touch(now);
    return true;
  }

  /** Today's tokens of a visitor, or of the whole network: used, plus reserved by answers under way. */
  tokensUsed(now: number, visitor: string | null = null): number {
    return this.#ledgerOf(utcDayOf(now)).tokens(visitor);
  }

  /** Requests admitted in the minute before `now`, of a visitor or of the whole network. */
  recentRequests(now: number, visitor: string | null = null): number {
    return this.#hits.filter((hit) => hit.at > now - MINUTE_MS && (visitor === null || hit.visitor === visitor)).length;
  }

  /** Charges expired reservations, forgets what no limit looks at any more, and deletes everything after two idle days. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    this.writePending();
    for (const row of this.#sql
      .exec<{ id: number; visitor: string; day: string; tokens: number }>(
        "SELECT id, visitor, day, tokens FROM reservations WHERE expires <= ?",
        now,
      )
      .toArray()) {
      this.#sql.exec("DELETE FROM reservations WHERE id = ?", row.id);
      this.#charge(row.day, row.visitor, row.tokens);
    }
    // Charged in storage just now: read afresh when next asked.
    this.#ledger = null;
    this.#open = this.#loadOpenReservations();
    this.#forgetHitsBefore(now - MINUTE_MS, true);
    this.#sql.exec("DELETE FROM sign_in_failures WHERE at <= ?", now - MINUTE_MS);
    this.#sql.exec("DELETE FROM usage WHERE day < ?", utcDayOf(now - DAY_MS));
    this.#sql.exec("DELETE FROM stored_texts WHERE day < ?", utcDayOf(now));
    const lastActive = this.#sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'active'").toArray()[0];
    const pending = this.#sql.exec<{ next: number | null }>("SELECT MIN(expires) AS next FROM reservations").one().next;
    const idleSince = lastActive?.value ?? 0;
    this.#alarmAt = null;
    if (pending === null && now - idleSince >= IDLE_MS) {
      await this.ctx.storage.deleteAll();
      this.#createTables();
      this.#activeWritten = 0;
      this.#hits = [];
      return;
    }
    this.#scheduleBy(Math.min(pending ?? Number.POSITIVE_INFINITY, idleSince + IDLE_MS));
    this.writePending();
  }

  /** Forgets requests at or before `cutoff`; storage follows every HITS_PRUNE_EVERY_MS, or now if `force`. */
  #forgetHitsBefore(cutoff: number, force = false): void {
    const kept = this.#hits.findIndex((hit) => hit.at > cutoff);
    if (kept !== 0) this.#hits = kept === -1 ? [] : this.#hits.slice(kept);
    if (!force && cutoff - this.#hitsPrunedAt < HITS_PRUNE_EVERY_MS) return;
    this.#hitsPrunedAt = cutoff;
    this.#later(() => this.#sql.exec("DELETE FROM hits WHERE at <= ?", cutoff));
  }

  /** Keeps `hit` in memory, in order of time (callers' clocks may disagree by a little). */
  #remember(hit: Hit): void {
    let at = this.#hits.length;
    while (at > 0 && (this.#hits[at - 1]?.at ?? 0) > hit.at) at--;
    this.#hits.splice(at, 0, hit);
  }

  /** The tokens of `day`, from memory, or read from storage when another day was asked about last. */
  #ledgerOf(day: string): DayLedger {
    if (this.#ledger?.day === day) return this.#ledger;
    this.writePending();
    const ledger = new DayLedger(day);
    for (const row of this.#sql.exec<{ visitor: string; used: number }>(
      "SELECT visitor, used FROM usage WHERE day = ?",
      day,
    )) {
      ledger.addUsed(row.visitor, row.used);
    }
    for (const row of this.#sql.exec<{ visitor: string; tokens: number }>(
      "SELECT visitor, SUM(tokens) AS tokens FROM reservations WHERE day = ? GROUP BY visitor",
      day,
    )) {
      ledger.addReserved(row.visitor, row.tokens);
    }
    this.#ledger = ledger;
    return ledger;
  }

  #charge(day: string, visitor: string, tokens: number): void {
    if (tokens <= 0) return;
    const charged = Math.ceil(tokens);
    this.#later(() =>
      this.#sql.exec(
        "INSERT INTO usage (day, visitor, used) VALUES (?1, ?2, ?3) ON CONFLICT (day, visitor) DO UPDATE SET used = used + ?3",
        day,
        visitor,
        charged,
      ),
    );
    if (this.#ledger?.day === day) this.#ledger.addUsed(visitor, charged);
  }

  /**
   * Remembers the last activity (to the nearest ACTIVITY_GRANULARITY_MS, which saves a write on
   * most calls), and makes sure an alarm will come to clean up after it.
   */
  #touch(now: number): void {
    if (now - this.#activeWritten < ACTIVITY_GRANULARITY_MS) return;
    this.#activeWritten = now;
    this.#later(() => this.#sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('active', ?)", now));
    this.#scheduleBy(now + IDLE_MS);
  }

  /** Sets the alarm for `at`, unless one is already set for then or earlier; with the other writes. */
  #scheduleBy(at: number): void {
    if (this.#alarmAt !== null && this.#alarmAt !== undefined && this.#alarmAt <= at) return;
    this.#alarmAt = at;
    this.#later(() => void this.ctx.storage.setAlarm(at));
  }

  /** Queues a write for `writePending`, which a timer runs `WRITE_BEHIND_MS` after the first of a batch. */
  #later(write: () => void): void {
    if (this.#unwritten.length === 0) setTimeout(() => this.writePending(), WRITE_BEHIND_MS);
    this.#unwritten.push(write);
  }

  /** The open reservations as storage holds them (when the object starts, and after an alarm charged some). */
  #loadOpenReservations(): Map<number, OpenReservation> {
    const open = new Map<number, OpenReservation>();
    for (const row of this.#sql.exec<{ id: number; visitor: string; day: string; tokens: number }>(
      "SELECT id, visitor, day, tokens FROM reservations",
    )) {
      open.set(row.id, { visitor: row.visitor, day: row.day, tokens: row.tokens });
    }
    const sequence = this.#sql
      .exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'reservations'")
      .toArray()[0];
    this.#lastReservationId = Math.max(this.#lastReservationId, sequence?.seq ?? 0, ...open.keys());
    return open;
  }
}
