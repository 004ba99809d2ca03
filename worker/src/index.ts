/**
 * The Support Chat Worker. Middleware order is deliberate: CORS (with the origin check) wraps
 * the public API first; each route then checks size, validates, applies the limits
 * (limits/enforce.ts), and only then does its work.
 */
import { Hono } from "hono";
import type { AppEnv, Bindings } from "./env";
import { readEnvConfig } from "./env-config";
import { ApiError, handleError } from "./errors";
import { receiveEmail } from "./handoff/inbound-email";
import { purgeHandoffs } from "./handoff/retention";
import { siteHash } from "./handoff/site-hash";
import { deliverWebhooks } from "./handoff/webhook-delivery";
import { purgeExpired } from "./insights/retention";
import { originGuard } from "./middleware/cors";
import { securityHeaders } from "./middleware/security-headers";
import { admin } from "./routes/admin";
import { chat } from "./routes/chat";
import { config } from "./routes/config";
import { feedback } from "./routes/feedback";
import { handoff } from "./routes/handoff";
import { health } from "./routes/health";
import { openapi } from "./routes/openapi";

export const app = new Hono<AppEnv>();

app.use("*", securityHeaders());
app.use("/api/chat", originGuard());
app.use("/api/config", originGuard());
app.use("/api/feedback", originGuard());
app.use("/api/handoff", originGuard());

app.route("/api/chat", chat);
app.route("/api/config", config);
app.route("/api/feedback", feedback);
app.route("/api/handoff", handoff);
app.route("/api/health", health);
app.route("/api/openapi.json", openapi);
app.route("/api/admin", admin);

app.all("/api/*", (c) => {
  throw new ApiError(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
});
app.notFound(() => {
  throw new ApiError(404, "not_found", "Not found");
});
app.onError(handleError);

export default {
  fetch: app.fetch,
  /** The daily cron trigger (wrangler.toml): the retention rule for transcripts, insights and handoffs. */
  async scheduled(controller, env) {
    const { retentionDays } = readEnvConfig(env);
    const purged = await purgeExpired(env.DB, retentionDays, controller.scheduledTime);
    const handoffs = await purgeHandoffs(env.DB, retentionDays, controller.scheduledTime);
    console.log(`Retention: purged ${JSON.stringify({ ...purged, handoffs })}`);
  },
  /** Mail for REPLY_DOMAIN (Email Routing): the team's replies to handoffs. */
  email: (message, env, ctx) => receiveEmail(message, env, ctx, siteHash(env)),
  /** The handoff webhook's queue and its dead-letter queue (wrangler.toml). */
  queue: (batch, env) => deliverWebhooks(batch, env),
} satisfies ExportedHandler<Bindings>;
export { Limiter } from "./limits/limiter";
export { SiteBudget } from "./limits/site-budget";
export { ProviderHealth } from "./provider-health/provider-health";
