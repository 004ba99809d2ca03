/** `POST /api/feedback`: a visitor rates an answer (docs/http-api.md); shares the chat's per-visitor limits. */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { saveFeedback } from "../insights/feedback-store";
import { enforceRequestLimits, textAllowance } from "../limits/admission";
import { FeedbackRequest, LIMITS } from "../protocol";

export const feedback = new Hono<AppEnv>()
  .post("/", async (c) => {
    const rating = validate(FeedbackRequest, await readJsonBody(c.req.raw, LIMITS.bodyBytesMax));
    await enforceRequestLimits(c.env, c.req.raw, rating.visitorId, readEnvConfig(c.env));
    await saveFeedback(c.env, rating, textAllowance(c.env, c.req.raw));
    return c.body(null, 204);
  })
  .all("/", () => {
    throw new ApiError(405, "method_not_allowed", "Use POST to send feedback");
  });
