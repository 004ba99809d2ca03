/** The one error shape of every JSON error answer, and the codes it may carry (docs/http-api.md#errors). */
import { z } from "zod";

export const ErrorCode = z.enum([
  "invalid_request",
  "origin_not_allowed",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "rate_limited",
  "budget_exhausted",
  "unauthorized",
  "admin_disabled",
  "version_conflict",
  "no_provider_key",
  "upstream_error",
  "upstream_unavailable",
  "internal_error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every JSON error answer: `{"error": {"code", "message"}}` (+ `retryAfter` on 429). */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    retryAfter: z.number().int().positive().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
