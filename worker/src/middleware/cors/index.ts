/**
 * CORS for the public API (docs/http-api.md): only allowed origins may call it, preflight included,
 * and every answer to an allowed origin, errors too, carries `Access-Control-Allow-Origin` so
 * the widget can read the error. Registered before every route in index.ts.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../env";
import { readEnvConfig } from "../../env-config";
import { ApiError } from "../../errors";

const ALLOW_METHODS = "GET, POST, OPTIONS";
const ALLOW_HEADERS = "Content-Type";
const PREFLIGHT_MAX_AGE = "86400";

/**
 * Whether a request from `origin` may call the API. The Worker's own origin is always allowed;
 * a missing `Origin` passes only when every origin is allowed (`*`).
 */
export function isOriginAllowed(origin: string | undefined, allowed: "*" | ReadonlySet<string>, self: string): boolean {
  if (allowed === "*") return true;
  if (!origin) return false;
  const normalised = origin.toLowerCase();
  return normalised === self.toLowerCase() || allowed.has(normalised);
}

export function originGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header("Origin") || undefined;
    const allowed = isOriginAllowed(origin, readEnvConfig(c.env).allowedOrigins, new URL(c.req.url).origin);
    if (!allowed) {
      throw new ApiError(
        403,
        "origin_not_allowed",
        origin ? `Origin ${origin} is not allowed to use this API` : "An Origin header is required",
      );
    }
    if (c.req.method === "OPTIONS") {
      c.res = new Response(null, { status: 204 });
      c.res.headers.set("Access-Control-Allow-Methods", ALLOW_METHODS);
      c.res.headers.set("Access-Control-Allow-Headers", ALLOW_HEADERS);
      c.res.headers.set("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
    } else {
      await next();
    }
    c.res.headers.append("Vary", "Origin");
    c.res.headers.set("Access-Control-Allow-Origin", origin ?? "*");
    c.res.headers.set("Access-Control-Expose-Headers", "Retry-After");
  };
}
