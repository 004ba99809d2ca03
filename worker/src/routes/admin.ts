/**
 * The operator API (docs/operator-api.md), behind `requireAdmin`: the FAQ and its versions, settings,
 * a draft preview that streams like `/api/chat`, the daily stats, the insights
 * (routes/admin-insights.ts), the inbox of handoffs (routes/admin-handoffs.ts) and the provider's
 * health (routes/admin-provider.ts).
 */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import { answer } from "../chat/answer";
import { faqDelivery, RETRIEVED_TOKENS_MAX, WHOLE_FAQ_TOKENS_MAX } from "../chat/faq-delivery";
import { buildModelPrompt } from "../chat/model-prompt";
import { embeddingStatus, embedFaqVersion } from "../embeddings/faq-vectors";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { admitPreview } from "../limits/admission";
import { requireAdmin } from "../middleware/admin-auth";
import {
  type DayStats,
  type EmbeddingStatus,
  FaqPublishRequest,
  type FaqRetrieval,
  FaqRollbackRequest,
  LIMITS,
  PreviewRequest,
  WidgetConfig,
} from "../protocol";
import { observeProvider } from "../provider-health/observations";
import { NO_COUNTS, readDailyStats } from "../stats/daily-stats";
import { countChat } from "../stats/stats-buffer";
import { faqVersion, faqVersions, latestFaq, publishFaq, VersionConflict } from "../store/faq-store";
import { publicConfig, remember } from "../store/published";
import { defaultWidgetConfig } from "../store/widget-settings-defaults";
import { saveSettings } from "../store/widget-settings-store";
import { lastDays } from "../utc-day";
import { adminHandoffs } from "./admin-handoffs";
import { adminInsights } from "./admin-insights";
import { adminProvider } from "./admin-provider";

const STATS_DAYS = 30;

/** How chats get `content`: whole or by retrieval, and whether it has embeddings. */
function faqRetrieval(content: string, embeddings: EmbeddingStatus): FaqRetrieval {
  return {
    ...faqDelivery(content),
    wholeTokensMax: WHOLE_FAQ_TOKENS_MAX,
    retrievedTokensMax: RETRIEVED_TOKENS_MAX,
    embeddings,
  };
}

const body = (request: Request) => readJsonBody(request, LIMITS.adminBodyBytesMax);

function conflict(err: unknown): never {
  if (err instanceof VersionConflict) {
    throw new ApiError(
      409,
      "version_conflict",
      `Someone published version ${err.latest} meanwhile: review it, then publish on top of it`,
    );
  }
  throw err;
}

export const admin = new Hono<AppEnv>()
  .use("*", requireAdmin())
  .use("*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .get("/faq", async (c) => {
    const { version, content, updatedAt } = await latestFaq(c.env.DB);
    const embeddings = await embeddingStatus(c.env.DB, readEnvConfig(c.env), version);
    return c.json({ version, content, updatedAt, retrieval: faqRetrieval(content, embeddings) });
  })
  .put("/faq", async (c) => {
    const { content, baseVersion, note } = validate(FaqPublishRequest, await body(c.req.raw));
    const published = await publishFaq(c.env.DB, content, baseVersion, note?.trim() ?? "").catch(conflict);
    remember(c.env.DB, { faq: published });
    // Published whatever happens next: a failed embedding leaves chats on lexical retrieval.
    const embeddings = await embedFaqVersion(c.env.DB, readEnvConfig(c.env), published.version, content);
    return c.json({ version: published.version, embeddings });
  })
  .get("/faq/versions", async (c) => c.json(await faqVersions(c.env.DB)))
  .get("/faq/versions/:version{[0-9]+}", async (c) => {
    const found = await faqVersion(c.env.DB, Number(c.req.param("version")));
    if (!found) throw new ApiError(404, "not_found", `There is no version ${c.req.param("version")}`);
    return c.json(found);
  })
  .post("/faq/rollback", async (c) => {
    const { version } = validate(FaqRollbackRequest, await body(c.req.raw));
    const old = await faqVersion(c.env.DB, version);
    if (!old) throw new ApiError(404, "not_found", `There is no version ${version}`);
    const latest = await latestFaq(c.env.DB);
    const published = await publishFaq(
      c.env.DB,
      old.content,
      latest.version,
      `Rolled back to version ${version}`,
    ).catch(conflict);
    remember(c.env.DB, { faq: published });
    const embeddings = await embedFaqVersion(c.env.DB, readEnvConfig(c.env), published.version, old.content);
    return c.json({ version: published.version, embeddings });
  })
  .post("/preview", async (c) => {
    const { content, messages } = validate(PreviewRequest, await body(c.req.raw));
    const contactUrl = (await publicConfig(c.env.DB)).contactUrl ?? defaultWidgetConfig(content).contactUrl;
    const config = readEnvConfig(c.env);
    // A draft has no embeddings: its entries are retrieved by their words alone.
    const plan = await buildModelPrompt(config, content, messages);
    // A preview spends the provider's tokens like a chat: from the site's budget, counted in the stats.
    const permit = admitPreview(c.env, config, plan.prompt.estimatedTokens);
    const waitUntil = (work: Promise<unknown>) => c.executionCtx.waitUntil(work);
    const tally = { conversation: false, rateLimited: false, limiterFallback: false, preview: true };
    try {
      return await answer({
        config,
        faq: content,
        contactUrl,
        messages,
        plan,
        faqReason: permit.faqReason,
        budget: permit.budget,
        onEnd: ({ tokens, fallback, error, provider }) => {
          waitUntil(permit.settle(tokens));
          // What the provider did tells its health; a draft's FAQ answer is no visitor's, so no fallback.
          if (provider) observeProvider(c.env, c.req.url, { ...provider, fallback: false }, waitUntil);
          countChat(c.env.DB, { ...tally, tokens, fallback, error }, waitUntil);
        },
      });
    } catch (err) {
      waitUntil(permit.settle(0));
      throw err;
    }
  })
  .get("/settings", async (c) => c.json(await publicConfig(c.env.DB)))
  .put("/settings", async (c) => {
    const settings = validate(WidgetConfig, await body(c.req.raw));
    await saveSettings(c.env.DB, settings);
    remember(c.env.DB, { settings });
    return c.json(settings);
  })
  .get("/stats", async (c) => c.json(fillDays(await readDailyStats(c.env.DB, STATS_DAYS), STATS_DAYS)))
  .route("/", adminInsights)
  .route("/", adminHandoffs)
  .route("/", adminProvider);

/** The last `days` days, newest first, with zeros for days without a row. */
function fillDays(rows: DayStats[], days: number, now = Date.now()): DayStats[] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return lastDays(days, now).map((day) => byDay.get(day) ?? { day, ...NO_COUNTS });
}
