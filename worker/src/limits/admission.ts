/**
 * The limits every request passes after validation (docs/http-api.md#limits), in one Durable
 * Object call: the Limiter of the client's network admits it against the visitor's and the
 * network's requests per minute and tokens per day, reserving a chat's worst case. The site's
 * daily budget is checked against this instance's lease (budget-lease.ts), beside the provider
 * request when the lease must be renewed. A refusal is a 429 `ApiError` that counts against
 * nothing. When the Limiter cannot be reached, an approximate per-instance limiter stands in;
 * when the site's budget cannot be asked, it counts as spent: answers come from the FAQ.
 */
import type { Bindings } from "../env";
import type { EnvConfig } from "../env-config";
import { ApiError } from "../errors";
import type { FallbackReason } from "../fallback";
import { visitorHash } from "../hashing";
import { RecentValues } from "../recent-values";
import { keyedHash } from "../site-secret";
import { msUntilUtcMidnight } from "../utc-day";
import { BudgetLease, type BudgetRules } from "./budget-lease";
import { clientNetwork } from "./client-network";
import type { Admission, AdmissionVerdict } from "./limiter";
import { LocalLimiter } from "./local-limiter";
import { budgetExhausted, duration, retryAfterSeconds } from "./rules";
import { queueSettlement, takeSettlements } from "./settlements";

/** A network's allowance, as a multiple of one visitor's: many people can share one address. */
export const NETWORK_MULTIPLIER = 5;

export interface ChatPermit {
  /** Answer from the FAQ instead of the model, and why; null: the model may answer. */
  faqReason: FallbackReason | null;
  /** Tokens reserved for the answer (0 for FAQ answers). */
  reserved: number;
  /** Whether the site's budget covers the answer; a promise while it is asked, beside the provider request. */
  budget: boolean | Promise<boolean>;
  /** The Limiter or the site's budget could not be reached (an approximate limiter decided, or the FAQ answers). */
  readonly limiterFallback: boolean;
  /** Settles the reservation with what the answer used; call once, when it ended. */
  settle(used: number): Promise<void>;
}

type Rules = Pick<
  EnvConfig,
  "perMinute" | "tokensPerDay" | "dailyBudget" | "faqFallback" | "apiKey" | "maxOutputTokens"
>;

const localLimiter = new LocalLimiter();
const leases = new WeakMap<DurableObjectNamespace, Map<number, BudgetLease>>();

/** The Limiter names of the networks seen last, so that a network's next chat costs no HMAC. */
const recentNetworks = new WeakMap<DurableObjectNamespace, RecentValues<string>>();

function limiterName(env: Bindings, network: string): Promise<string> {
  let names = recentNetworks.get(env.LIMITER);
  if (!names) {
    names = new RecentValues(1_000);
    recentNetworks.set(env.LIMITER, names);
  }
  return names.get(network, async () => `network:${await keyedHash(env, `network:${network}`)}`);
}

/** The Limiter object of the request's network (by a keyed hash of it, never the address). */
export async function networkLimiter(env: Bindings, request: Request) {
  const network = clientNetwork(request);
  const name = await limiterName(env, network);
  return { network, name, stub: env.LIMITER.get(env.LIMITER.idFromName(name)) };
}

/**
 * Asks the Limiter of the request's network whether it may leave one more text of a kind in D1
 * today (insights/storage-budget.ts). A Limiter that cannot be reached says no.
 */
export function textAllowance(env: Bindings, request: Request): (kind: string, perDay: number) => Promise<boolean> {
  return async (kind, perDay) => {
    try {
      const { stub } = await networkLimiter(env, request);
      return await stub.allowText(kind, Date.now(), perDay);
    } catch (err) {
      console.error(`text allowance unknown, text not kept: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  };
}

/** This instance's lease of the site's budget (one per budget figure, so tests with other budgets keep apart). */
function budgetLease(env: Bindings, budget: number): BudgetLease {
  let byBudget = leases.get(env.SITE_BUDGET);
  if (!byBudget) {
    byBudget = new Map();
    leases.set(env.SITE_BUDGET, byBudget);
  }
  let lease = byBudget.get(budget);
  if (!lease) {
    lease = new BudgetLease(() => env.SITE_BUDGET.get(env.SITE_BUDGET.idFromName("site")));
    byBudget.set(budget, lease);
  }
  return lease;
}

async function decide(
  env: Bindings,
  request: Request,
  admission: Omit<Admission, "visitor">,
  visitorId: string,
): Promise<{
  verdict: AdmissionVerdict;
  settle: (reservation: number, used: number) => Promise<void>;
  fallback: boolean;
}> {
  const hashing = visitorHash(visitorId);
  let network = "";
  try {
    const [visitor, limiter] = await Promise.all([hashing, networkLimiter(env, request)]);
    network = limiter.network;
    const settlements = takeSettlements(limiter.name);
    const verdict = await limiter.stub.admit({ ...admission, visitor, settlements }).catch((err: unknown) => {
      for (const item of settlements) void queueSettlement(limiter.name, limiter.stub, item);
      throw err;
    });
    return {
      verdict,
      settle: (reservation, used) => queueSettlement(limiter.name, limiter.stub, [reservation, used]),
      fallback: false,
    };
  } catch (err) {
    console.error(`limiter unavailable, approximate limits apply: ${err instanceof Error ? err.message : String(err)}`);
    const visitor = await hashing;
    const verdict = localLimiter.admit(network || clientNetwork(request), { ...admission, visitor });
    return { verdict, settle: async () => {}, fallback: true };
  }
}

function refusal(retryAfterMs: number): ApiError {
  const seconds = retryAfterSeconds(retryAfterMs);
  return new ApiError(429, "rate_limited", `Too many messages. Please try again in ${duration(seconds)}.`, seconds);
}

/** The request limits alone, for requests that spend no tokens (ratings, handoffs). */
export async function enforceRequestLimits(
  env: Bindings,
  request: Request,
  visitorId: string,
  rules: Pick<EnvConfig, "perMinute">,
  now = Date.now(),
): Promise<void> {
  const { verdict } = await decide(
    env,
    request,
    { now, visitorPerMinute: rules.perMinute, networkPerMinute: rules.perMinute * NETWORK_MULTIPLIER },
    visitorId,
  );
  if (!verdict.ok) throw refusal(verdict.retryAfterMs);
}

/** A permit to answer from the FAQ, for `faqReason`. */
function faqPermit(faqReason: FallbackReason, limiterFallback: boolean): ChatPermit {
  return { faqReason, reserved: 0, budget: false, limiterFallback, settle: async () => {} };
}

/**
 * A permit for a model answer whose worst case, `reserve`, is taken from this instance's lease
 * of the site's budget (renewed beside the provider request if it must be); settling gives the
 * lease back what was not used, and then settles the network's own reservation, if any.
 */
function modelPermit(
  lease: BudgetLease,
  rules: BudgetRules,
  now: number,
  limiterFallback: boolean,
  settleNetwork: (used: number) => Promise<void> = async () => {},
): ChatPermit {
  let leaseFailed = false;
  let settled = false;
  let budget = lease.reserve(rules.answer, rules, now);
  if (budget instanceof Promise) {
    budget = budget.catch((err: unknown) => {
      console.error(
        `site budget unavailable, answering from the FAQ: ${err instanceof Error ? err.message : String(err)}`,
      );
      leaseFailed = true;
      return false;
    });
  }
  const granted = budget;
  return {
    faqReason: null,
    reserved: rules.answer,
    budget,
    get limiterFallback() {
      return limiterFallback || leaseFailed;
    },
    async settle(used) {
      if (settled) return;
      settled = true;
      if (await granted) lease.settle(rules.answer, used, rules);
      await settleNetwork(used);
    },
  };
}

/**
 * A draft preview in the console: the operator is no anonymous visitor, so only the site's budget
 * applies, as to any chat.
 */
export function admitPreview(
  env: Bindings,
  rules: Pick<EnvConfig, "dailyBudget" | "faqFallback" | "apiKey" | "maxOutputTokens">,
  promptTokens: number,
  now = Date.now(),
): ChatPermit {
  if (!rules.apiKey) return faqPermit("no_key", false);
  const lease = budgetLease(env, rules.dailyBudget);
  if (lease.knownSpent(now)) {
    if (!rules.faqFallback) throw budgetExhausted(now);
    return faqPermit("site_budget", false);
  }
  return modelPermit(lease, { budget: rules.dailyBudget, answer: promptTokens + rules.maxOutputTokens }, now, false);
}

/**
 * Admits a chat whose prompt is estimated at `promptTokens`: throws a 429 when a request or
 * visitor allowance is spent; otherwise says whether the model may answer.
 */
export async function admitChat(
  env: Bindings,
  request: Request,
  visitorId: string,
  rules: Rules,
  promptTokens: number,
  now = Date.now(),
): Promise<ChatPermit> {
  const lease = budgetLease(env, rules.dailyBudget);
  // A budget known to be spent reserves nothing: the answer will come from the FAQ.
  const budgetSpent = Boolean(rules.apiKey) && lease.knownSpent(now);
  const reserve = rules.apiKey && !budgetSpent ? promptTokens + rules.maxOutputTokens : 0;
  const { verdict, settle, fallback } = await decide(
    env,
    request,
    {
      now,
      visitorPerMinute: rules.perMinute,
      networkPerMinute: rules.perMinute * NETWORK_MULTIPLIER,
      tokens: {
        visitorPerDay: rules.tokensPerDay,
        networkPerDay: rules.tokensPerDay * NETWORK_MULTIPLIER,
        reserve,
      },
    },
    visitorId,
  );
  if (!verdict.ok) throw refusal(verdict.retryAfterMs);
  if (!rules.apiKey) return faqPermit("no_key", fallback);
  if (verdict.networkTokensSpent) {
    if (!rules.faqFallback) throw refusal(msUntilUtcMidnight(now));
    return faqPermit("network_tokens", fallback);
  }
  if (budgetSpent) {
    if (!rules.faqFallback) throw budgetExhausted(now);
    return faqPermit("site_budget", fallback);
  }
  const { reservation } = verdict;
  return modelPermit(lease, { budget: rules.dailyBudget, answer: reserve }, now, fallback, (used) =>
    reservation === null ? Promise.resolve() : settle(reservation, used),
  );
}
