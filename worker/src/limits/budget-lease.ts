/**
 * This Worker instance's slice of the site's daily token budget (see site-budget.ts). A chat takes
 * its worst case from the slice without any round trip; when the answer ends, what it did not use
 * goes back. The slice is renewed in the background once it runs low or is about to expire, so
 * that chats only wait for the site's budget when the slice is gone, and then beside the provider
 * request, not before it.
 */
import type { SiteBudget } from "./site-budget";

/** How long a lease holds; an instance that stops renewing loses it after this. */
export const LEASE_TTL_MS = 60_000;
/** A chat that still finds the lease short after this many renewals gets an FAQ answer. */
const MAX_RENEWALS_PER_ANSWER = 3;
/** Renew this long before a lease expires. */
const RENEW_BEFORE_MS = 20_000;

export interface BudgetRules {
  /** The site's tokens per UTC day. */
  budget: number;
  /** One answer's worst case: the least a useful lease holds. */
  answer: number;
}

/**
 * Once the budget refused (or could not be asked), it is asked again at most this often: meanwhile
 * chats know at once that it is spent, without starting a provider request they would cancel.
 */
export const SPENT_RECHECK_MS = 30_000;

export class BudgetLease {
  readonly #holder = crypto.randomUUID();
  readonly #site: () => DurableObjectStub<SiteBudget>;
  /** Tokens of the lease not yet taken. */
  #available = 0;
  /** Tokens taken by answers under way. */
  #inFlight = 0;
  /** Tokens used since the last report. */
  #unreported = 0;
  #expiresAt = 0;
  #spentUntil = 0;
  #renewal: Promise<void> | null = null;
  /** Tokens of the chats waiting for a renewal. */
  #waiting = 0;

  constructor(site: () => DurableObjectStub<SiteBudget>) {
    this.#site = site;
  }

  /** Whether the budget was lately found spent (or could not be asked): chats should not try the model. */
  knownSpent(now: number): boolean {
    return now < this.#spentUntil && !(now < this.#expiresAt && this.#available > 0);
  }

  take(tokens: number, now: number): boolean {
    if (now >= this.#expiresAt || this.#available < tokens) return false;
    this.#available -= tokens;
    this.#inFlight += tokens;
    return true;
  }

  /**
   * Takes `tokens` for an answer from the lease as it stands: `true` when it covers them, `false`
   * when the budget was lately found spent, or a promise when the lease must be renewed first
   * (it resolves false when the site's budget cannot cover the answer, or cannot be asked).
   */
  reserve(tokens: number, rules: BudgetRules, now = Date.now()): boolean | Promise<boolean> {
    if (this.take(tokens, now)) {
      this.#renewSoon(rules, now);
      return true;
    }
    if (now < this.#spentUntil) return false;
    return this.#renewAndTake(tokens, rules, now).catch((err: unknown) => {
      this.#spentUntil = now + SPENT_RECHECK_MS;
      throw err;
    });
  }

  /**
   * Renews until the lease covers `tokens` or the budget says no. Chats that wait together are
   * asked for together (`#waiting`), so a burst is not starved by a lease sized for one answer.
   */
  async #renewAndTake(tokens: number, rules: BudgetRules, now: number): Promise<boolean> {
    this.#waiting += tokens;
    try {
      for (let attempt = 0; attempt < MAX_RENEWALS_PER_ANSWER; attempt++) {
        await this.#renew(rules, now);
        if (this.take(tokens, now)) return true;
        if (now < this.#spentUntil) return false;
      }
      return false;
    } finally {
      this.#waiting -= tokens;
    }
  }

  /** An answer ended: it reserved `reserved` and used `used`. */
  settle(reserved: number, used: number, rules: BudgetRules, now = Date.now()): void {
    this.#inFlight = Math.max(0, this.#inFlight - reserved);
    this.#available += reserved - used;
    this.#unreported += Math.max(0, used);
    this.#renewSoon(rules, now);
  }

  /** Renews in the background when the lease runs low or will soon expire. */
  #renewSoon(rules: BudgetRules, now: number): void {
    if (this.#available >= 2 * rules.answer && now < this.#expiresAt - RENEW_BEFORE_MS) return;
    if (now < this.#spentUntil) return;
    this.#renew(rules, now).catch((err: unknown) =>
      console.error(`budget lease not renewed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** One renewal at a time; callers that arrive meanwhile wait for it. */
  #renew(rules: BudgetRules, now: number): Promise<void> {
    this.#renewal ??= this.#ask(rules, now).finally(() => {
      this.#renewal = null;
    });
    return this.#renewal;
  }

  async #ask({ budget, answer }: BudgetRules, now: number): Promise<void> {
    const used = this.#unreported;
    const inFlight = this.#inFlight;
    // Enough for the chats waiting, and a few answers more, or a fiftieth of the day when that is
    // less, but at least one answer.
    const want = Math.max(answer, this.#waiting, Math.min(10 * answer, Math.ceil(budget / 50)));
    const lease = await this.#site().lease({
      holder: this.#holder,
      used,
      inFlight,
      want,
      minimum: answer,
      budget,
      now,
      ttlMs: LEASE_TTL_MS,
    });
    this.#unreported -= used;
    // The lease covers what is under way and what ended since it was asked for (still unreported).
    this.#available = lease.granted - this.#inFlight - this.#unreported;
    this.#expiresAt = lease.expiresAt;
    this.#spentUntil = lease.granted - inFlight < answer ? now + SPENT_RECHECK_MS : 0;
  }
}
