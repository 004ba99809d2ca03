/**
 * Operator authentication (docs/operator-api.md): `Authorization: Bearer <ADMIN_TOKEN>`, compared
 * in constant time (both sides hashed first, so not even the length leaks). No token configured →
 * 503 `admin_disabled`. Each attempt is decided in one call to the Limiter of the client's network
 * (an IPv4 address or an IPv6 /64), which records a failure and refuses everything from that
 * network, right token or not, while 5 failures of the last minute stand: concurrent guesses
 * cannot slip past the count.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { networkLimiter } from "../../limits/admission";
import { retryAfterSeconds } from "../../limits/rules";

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Whether `given` equals `secret`, in time independent of where they differ. */
export async function sameSecret(given: string, secret: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
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
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header("Authorization") ?? "")?.[1]?.trim() ?? "";
    const valid = await sameSecret(given, token);
    const { stub } = await networkLimiter(c.env, c.req.raw);
    const verdict = await stub.signIn(valid, Date.now());
    if (!verdict.ok && verdict.locked) {
      const seconds = retryAfterSeconds(verdict.retryAfterMs);
      throw new ApiError(429, "rate_limited", `Too many failed sign-ins. Try again in ${seconds} s.`, seconds);
    }
    if (!verdict.ok) {
      c.header("WWW-Authenticate", 'Bearer realm="support-chat-admin"');
      throw new ApiError(401, "unauthorized", "Sign in with the operator token");
    }
    await next();
  };
}
