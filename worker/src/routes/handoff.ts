/**
 * `POST /api/handoff` and `GET /api/handoff?visitorId=` (docs/http-api.md#handoff): a visitor asks
 * for a person, or reads the team's replies. Same CORS, body limit and per-visitor and per-IP
 * limits as feedback; on top, a visitor may send the team at most `perHour` messages an hour, and
 * a client network at most HANDOFF_MESSAGES_PER_NETWORK_PER_DAY a day (insights/storage-budget.ts).
 * The team hears of it after the answer is sent (handoff/notify.ts).
 */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { handoffContact, storeVisitorMessage, visitorHandoffs } from "../handoff/handoff-store";
import { notifyTeam } from "../handoff/notify";
import { siteHash } from "../handoff/site-hash";
import { visitorHash } from "../hashing";
import { HANDOFF_MESSAGES_PER_NETWORK_PER_DAY } from "../insights/storage-budget";
import { enforceRequestLimits, textAllowance } from "../limits/admission";
import { retryAfterSeconds } from "../limits/rules";
import { HANDOFF_LIMITS, HandoffQuery, HandoffRequest, LIMITS } from "../protocol";
import { msUntilUtcMidnight } from "../utc-day";

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export const handoff = new Hono<AppEnv>()
  .post("/", async (c) => {
    const input = validate(HandoffRequest, await readJsonBody(c.req.raw, LIMITS.bodyBytesMax));
    await enforceRequestLimits(c.env, c.req.raw, input.visitorId, readEnvConfig(c.env));
    // However many visitor ids a client makes up, its network may leave only so many requests a day.
    if (!(await textAllowance(c.env, c.req.raw)("handoff", HANDOFF_MESSAGES_PER_NETWORK_PER_DAY))) {
      const seconds = retryAfterSeconds(msUntilUtcMidnight(Date.now()));
      throw new ApiError(
        429,
        "rate_limited",
        "Our team has had many messages from your network today. Please try again tomorrow.",
        seconds,
      );
    }
    const transcript = input.transcript ?? [];
    const stored = await storeVisitorMessage(c.env.DB, {
      visitorHash: await visitorHash(input.visitorId),
      email: input.email,
      name: input.name || null,
      message: input.message,
      transcript,
      handoffId: input.handoffId,
    });
    if (!stored.ok) {
      throw new ApiError(
        429,
        "rate_limited",
        `You can send our team at most ${HANDOFF_LIMITS.perHour} messages an hour. Please try again in ${minutes(stored.retryAfterSeconds)} min.`,
        stored.retryAfterSeconds,
      );
    }
    const { handoffId, created } = stored;
    const contact = { id: handoffId, email: input.email, name: input.name || null, message: input.message, transcript };
    const notified = notifyTeam(c.env, siteHash(c.env), {
      kind: created ? "created" : "follow_up",
      // A follow-up's notification names the request as it was first made.
      handoff: created ? contact : ((await handoffContact(c.env.DB, handoffId)) ?? contact),
      message: input.message,
      origin: new URL(c.req.url).origin,
    });
    c.executionCtx.waitUntil(notified);
    return c.json({ handoffId, status: "open" as const }, 201);
  })
  .get("/", async (c) => {
    const { visitorId } = validate(HandoffQuery, c.req.query());
    await enforceRequestLimits(c.env, c.req.raw, visitorId, readEnvConfig(c.env));
    c.header("Cache-Control", "no-store");
    return c.json({ handoffs: await visitorHandoffs(c.env.DB, await visitorHash(visitorId)) });
  })
  .all("/", () => {
    throw new ApiError(405, "method_not_allowed", "Use POST to ask for a person, or GET to read the replies");
  });
