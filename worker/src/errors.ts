/**
 * The one error path: code throws `ApiError`; `handleError` (installed as `app.onError`) turns it
 * into `{"error": {"code", "message"}}`. Anything else is logged without secrets and becomes a
 * generic 500, so a visitor never sees a stack trace or an HTML error page.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env";
import type { ErrorBody, ErrorCode } from "./protocol";
import { redactSecrets } from "./redact";

export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Seconds until a retry may succeed; sent as `Retry-After` and `error.retryAfter`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode, message: string, retryAfter?: number): ErrorBody {
  return { error: retryAfter === undefined ? { code, message } : { code, message, retryAfter } };
}

export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    if (err.retryAfter !== undefined) c.header("Retry-After", String(err.retryAfter));
    return c.json(errorBody(err.code, err.message, err.retryAfter), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody("invalid_request", err.message || "Bad request"), err.status);
  }
  console.error("unhandled error:", redactSecrets(`${err.name}: ${err.message}`, c.env));
  return c.json(errorBody("internal_error", "Something went wrong on our side. Please try again."), 500);
}
