/**
 * Applies the limits to a request that passed validation, before any provider call:
 * per visitor (`RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_TOKENS_PER_DAY`), per client IP (5× the
 * per-minute limit, keyed by a salted hash of `CF-Connecting-IP`, never a forwarding header),
 * and the site's `DAILY_TOKEN_BUDGET`. A refused request throws a 429 `ApiError` with an
 * accurate `Retry-After`. If the limiter itself fails, the request is admitted and the failure
 * logged: visitors keep their answers, and the provider's own limits still stand behind ours.
 */
import type { Bindings } from "../env";
import type { EnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { sha256Hex } from "../hashing";
import type { Verdict } from "./limiter";
import { retryAfterSeconds } from "./rules";

/** The per-IP allowance, as a multiple of the per-visitor one: offices share one IP. */
const IP_MULTIPLIER = 5;

let saltRequest: Promise<string> | undefined;

export function limiter(env: Bindings, key: string) {
  return env.LIMITER.get(env.LIMITER.idFromName(key));
}

/** The site's secret salt (kept by its Limiter), for hashes that must not be guessable. */
export async function siteSalt(env: Bindings): Promise<string> {
  saltRequest ??= limiter(env, "site").salt();
  try {
    return await saltRequest;
  } catch (err) {
    saltRequest = undefined;
    throw err;
  }
}

/** The limiter key of a client IP: a salted SHA-256, so no raw IP is ever stored. */
export async function ipKey(env: Bindings, ip: string): Promise<string> {
  return `ip:${await sha256Hex(`${await siteSalt(env)}:${ip}`)}`;
}

type Check = Promise<{ code: "rate_limited" | "budget_exhausted"; verdict: Verdict }>;

export async function enforceLimits(
  env: Bindings,
  request: Request,
  visitorId: string,
  config: Pick<EnvConfig, "perMinute" | "tokensPerDay" | "dailyBudget">,
  { budget = true, now = Date.now() }: { budget?: boolean; now?: number } = {},
): Promise<void> {
  let results: Awaited<Check>[];
  try {
    const checks: Check[] = [
      limiter(env, `visitor:${visitorId}`)
        .admit({ perMinute: config.perMinute, tokensPerDay: config.tokensPerDay }, now)
        .then((verdict) => ({ code: "rate_limited", verdict })),
    ];
    if (budget) {
      checks.push(
        limiter(env, "site")
          .checkBudget(config.dailyBudget, now)
          .then((verdict) => ({ code: "budget_exhausted", verdict })),
      );
    }
    const ip = request.headers.get("CF-Connecting-IP");
    if (ip) {
      const key = await ipKey(env, ip);
      checks.push(
        limiter(env, key)
          .admit({ perMinute: config.perMinute * IP_MULTIPLIER }, now)
          .then((verdict) => ({ code: "rate_limited", verdict })),
      );
    }
    results = await Promise.all(checks);
  } catch (err) {
    saltRequest = undefined;
    console.error(`limiter unavailable, request admitted: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const refusals = results.flatMap(({ code, verdict }) =>
    verdict.ok ? [] : [{ code, retryAfterMs: verdict.retryAfterMs }],
  );
  const spent = refusals.find((r) => r.code === "budget_exhausted");
  if (spent) {
    const seconds = retryAfterSeconds(spent.retryAfterMs);
    throw new ApiError(
      429,
      "budget_exhausted",
      `This site's answers for today are used up. They resume at 00:00 UTC, in ${duration(seconds)}.`,
      seconds,
    );
  }
  if (refusals.length > 0) {
    const seconds = retryAfterSeconds(Math.max(...refusals.map((r) => r.retryAfterMs)));
    throw new ApiError(429, "rate_limited", `Too many messages. Please try again in ${duration(seconds)}.`, seconds);
  }
}

/** Charges an answer's tokens to the visitor's daily allowance and the site's budget. */
export async function chargeTokens(env: Bindings, visitorId: string, tokens: number, now = Date.now()): Promise<void> {
  if (tokens <= 0) return;
  await Promise.all([
    limiter(env, `visitor:${visitorId}`).charge(tokens, now),
    limiter(env, "site").charge(tokens, now),
  ]);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
