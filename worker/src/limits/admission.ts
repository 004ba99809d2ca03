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
import { keyedHash } from "../site-secret";
import { msUntilUtcMidnight } from "../utc-day";
import { BudgetLease } from "./budget-lease";
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

/** The Limiter object of the request's network (by a keyed hash of it, never the address). */
export async function networkLimiter(env: Bindings, request: Request) {
  const network = clientNetwork(request);
  const name = `network:${await keyedHash(env, `network:${network}`)}`;
  return { network, name, stub: env.LIMITER.get(env.LIMITER.idFromName(name)) };
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
  const worstCase = promptTokens + rules.maxOutputTokens;
  // A budget known to be spent reserves nothing: the answer will come from the FAQ.
  const budgetSpent = Boolean(rules.apiKey) && lease.knownSpent(now);
  const reserve = rules.apiKey && !budgetSpent ? worstCase : 0;
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
  const faq = (faqReason: FallbackReason, limiterFallback = fallback): ChatPermit => ({
    faqReason,
    reserved: 0,
    budget: false,
    limiterFallback,
    settle: async () => {},
  });
  if (!rules.apiKey) return faq("no_key");
  if (verdict.networkTokensSpent) {
    if (!rules.faqFallback) throw refusal(msUntilUtcMidnight(now));
    return faq("network_tokens");
  }
  if (budgetSpent) {
    if (!rules.faqFallback) throw budgetExhausted(now);
    return faq("site_budget");
  }
  const budgetRules = { budget: rules.dailyBudget, answer: reserve };
  let leaseFailed = false;
  let budget = lease.reserve(reserve, budgetRules, now);
  if (budget instanceof Promise) {
    budget = budget.catch((err: unknown) => {
      console.error(
        `site budget unavailable, answering from the FAQ: ${err instanceof Error ? err.message : String(err)}`,
      );
      leaseFailed = true;
      return false;
    });
  }
  let settled = false;
  return {
    faqReason: null,
    reserved: reserve,
    budget,
    get limiterFallback() {
      return fallback || leaseFailed;
    },
    async settle(used) {
      if (settled) return;
      settled = true;
      const granted = await budget;
      if (granted) lease.settle(reserve, used, budgetRules);
      if (verdict.reservation !== null) await settle(verdict.reservation, used);
    },
  };
}
