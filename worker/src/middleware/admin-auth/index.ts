/**
 * Operator authentication (docs/operator-api.md): `Authorization: Bearer <ADMIN_TOKEN>`, compared in
 * constant time (both sides hashed first, so not even the length leaks). No token configured →
 * 503 `admin_disabled`. After 5 failed attempts in a minute from one IP, further attempts from it
 * are refused with 429 until the minute has passed.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Bindings } from "../../env";
import { ApiError } from "../../errors";
import { ipKey, limiter } from "../../limits/enforce";
import { MINUTE_MS, retryAfterSeconds } from "../../limits/rules";

const MAX_FAILURES_PER_MINUTE = 5;

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Whether `given` equals `secret`, in time independent of where they differ. */
export async function sameSecret(given: string, secret: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

async function failureLimiter(env: Bindings, ip: string) {
  return limiter(env, `admin-failures:${await ipKey(env, ip)}`);
}

export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = c.env.ADMIN_TOKEN;
    if (!token)
      throw new ApiError(
        503,
        "admin_disabled",
        "The operator console is off: set the ADMIN_TOKEN secret to turn it on",
      );
    const ip = c.req.header("CF-Connecting-IP");
    const failures = ip ? await failureLimiter(c.env, ip) : undefined;
    const now = Date.now();
    if (failures && (await failures.recentRequests(now)) >= MAX_FAILURES_PER_MINUTE) {
      const seconds = retryAfterSeconds(MINUTE_MS);
      throw new ApiError(429, "rate_limited", `Too many failed sign-ins. Try again in ${seconds} s.`, seconds);
    }
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header("Authorization") ?? "")?.[1]?.trim() ?? "";
    if (!(await sameSecret(given, token))) {
      await failures?.admit({ perMinute: Number.MAX_SAFE_INTEGER }, now);
      c.header("WWW-Authenticate", 'Bearer realm="support-chat-admin"');
      throw new ApiError(401, "unauthorized", "Sign in with the operator token");
    }
    await next();
  };
}
