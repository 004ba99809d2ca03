/**
 * `POST /api/chat`: validates the conversation, applies the visitor's limits, then streams the
 * answer grounded in the published FAQ (chat/answer.ts). Once it ends, the answer is counted in
 * the daily stats, its tokens are charged, and it is logged for the operator's insights.
 */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import { answer } from "../chat/answer";
import { publishedVectors } from "../embeddings/faq-vectors";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { logAnswer } from "../insights/answer-log";
import { chargeTokens, enforceLimits, siteSalt } from "../limits/enforce";
import { ChatRequest, LIMITS } from "../protocol";
import { recordChat } from "../stats/daily-stats";
import { publicConfig, publishedFaq } from "../store/published";

export const chat = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { visitorId, messages } = validate(ChatRequest, await readJsonBody(c.req.raw, LIMITS.bodyBytesMax));
    const config = readEnvConfig(c.env);
    const later = (work: Promise<unknown>, what: string) =>
      c.executionCtx.waitUntil(work.catch((err: Error) => console.error(`${what}: ${err.message}`)));
    try {
      await enforceLimits(c.env, c.req.raw, visitorId, config);
    } catch (err) {
      const tally = { conversation: false, tokens: 0, fallback: false, error: false, rateLimited: true };
      if (err instanceof ApiError) later(recordChat(c.env.DB, tally), "stats not recorded");
      throw err;
    }
    const [faq, widget] = await Promise.all([publishedFaq(c.env.DB), publicConfig(c.env.DB)]);
    const vectors = await publishedVectors(c.env.DB, config, faq, (work) => later(work, "FAQ not embedded"));
    const conversation = messages.filter((m) => m.role === "user").length === 1;
    return answer({
      config,
      faq: faq.content,
      contactUrl: widget.contactUrl,
      messages,
      vectors,
      onEnd: ({ sent, ...tally }) => {
        later(recordChat(c.env.DB, { ...tally, conversation, rateLimited: false }), "stats not recorded");
        later(chargeTokens(c.env, visitorId, tally.tokens), "tokens not charged");
        if (sent) {
          const logged = { visitorId, faqVersion: faq.version, messages, sent };
          const log = (salt: string) => logAnswer(c.env.DB, logged, { transcripts: config.logConversations, salt });
          later(siteSalt(c.env).then(log), "answer not logged");
        }
      },
    });
  })
  .all("/", () => {
    throw new ApiError(405, "method_not_allowed", "Use POST to send a chat message");
  });
