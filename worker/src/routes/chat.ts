/**
 * `POST /api/chat`: validates the conversation, admits it against the limits (one Durable Object
 * call, reserving the answer's worst case), then streams the answer grounded in the published FAQ
 * (chat/answer.ts). Once it ends, the reservation is settled with what it used, the answer is
 * counted in the daily stats and logged for the operator's insights, and what the provider did is
 * noted for its health (provider-health/), all after the response.
 */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import { answer } from "../chat/answer";
import { faqDelivery } from "../chat/faq-delivery";
import { buildModelPrompt, type ModelPrompt, retrievedPromptBound } from "../chat/model-prompt";
import { publishedVectors } from "../embeddings/faq-vectors";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { LOG_AFTER_MS, logAnswer } from "../insights/answer-log";
import { admitChat, type ChatPermit, textAllowance } from "../limits/admission";
import { ChatRequest, LIMITS } from "../protocol";
import { observeProvider } from "../provider-health/observations";
import { ServerTiming } from "../server-timing";
import { countChat } from "../stats/stats-buffer";
import { publicConfig, publishedFaq } from "../store/published";
import { writeBehind } from "../write-behind";

export const chat = new Hono<AppEnv>()
  .post("/", async (c) => {
    const timing = new ServerTiming();
    const { visitorId, messages } = validate(ChatRequest, await readJsonBody(c.req.raw, LIMITS.bodyBytesMax));
    timing.step("validate");
    const config = readEnvConfig(c.env);
    const waitUntil = (work: Promise<unknown>) => c.executionCtx.waitUntil(work);
    const later = (work: Promise<unknown>, what: string) =>
      waitUntil(work.catch((err: Error) => console.error(`${what}: ${err.message}`)));
    const [faq, widget] = await Promise.all([publishedFaq(c.env.DB), publicConfig(c.env.DB)]);
    // A whole FAQ's prompt is built at once and sizes the reservation exactly; a retrieved FAQ's may
    // wait for the question's embedding, which goes beside the limits, sized by its bound.
    let plan: Promise<ModelPrompt> | undefined;
    let promptTokens = 0;
    if (config.apiKey) {
      const vectors = await publishedVectors(c.env.DB, config, faq, (work) => later(work, "FAQ not embedded"));
      plan = buildModelPrompt(config, faq.content, messages, vectors);
      plan.catch(() => {});
      promptTokens = faqDelivery(faq.content).whole
        ? (await plan).prompt.estimatedTokens
        : retrievedPromptBound(faq.content, messages);
    }
    timing.step("prompt");
    let permit: ChatPermit;
    try {
      permit = await admitChat(c.env, c.req.raw, visitorId, config, promptTokens);
    } catch (err) {
      const tally = { tokens: 0, fallback: null, error: false, rateLimited: true, limiterFallback: false };
      if (err instanceof ApiError) countChat(c.env.DB, { ...tally, conversation: false }, waitUntil);
      throw err;
    }
    timing.step("limits");
    const conversation = messages.filter((m) => m.role === "user").length === 1;
    try {
      return await answer({
        config,
        faq: faq.content,
        contactUrl: widget.contactUrl,
        messages,
        ...(plan ? { plan } : {}),
        faqReason: permit.faqReason,
        budget: permit.budget,
        timing,
        onEnd: ({ sent, provider, ...tally }) => {
          later(permit.settle(tally.tokens), "reservation not settled");
          if (provider) observeProvider(c.env, c.req.url, provider, waitUntil);
          const stats = { ...tally, conversation, rateLimited: false, limiterFallback: permit.limiterFallback };
          countChat(c.env.DB, stats, waitUntil);
          if (sent) {
            const logged = { visitorId, faqVersion: faq.version, messages, sent };
            const policy = {
              transcripts: config.logConversations,
              mayKeep: textAllowance(c.env, c.req.raw),
              write: (statements: D1PreparedStatement[]) => writeBehind(c.env.DB, statements, waitUntil, LOG_AFTER_MS),
            };
            later(logAnswer(c.env, logged, policy), "answer not logged");
          }
        },
      });
    } catch (err) {
      later(permit.settle(0), "reservation not settled");
      throw err;
    }
  })
  .all("/", () => {
    throw new ApiError(405, "method_not_allowed", "Use POST to send a chat message");
  });
