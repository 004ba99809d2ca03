/** Adds the security headers to every API answer: nothing sniffed, no referrer leaked, never framed. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { API_SECURITY_HEADERS } from "./policy";

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) c.res.headers.set(name, value);
  };
}
