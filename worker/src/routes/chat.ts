/**
 * `POST /api/chat`: validates the conversation, then streams the model's answer, or the FAQ's
 * own answer when no provider key is set or the provider fails before its first token
 * (CONTRACT §6, unless `FAQ_FALLBACK=false`).
 */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import { startModelAnswer } from "../chat/model-answer";
import { buildPrompt } from "../chat/prompt";
import { ProviderStream } from "../chat/provider-stream";
import { type AnswerEvent, eventStream, SSE_HEADERS, type StreamEnd } from "../chat/sse-format";
import { UpstreamFailure } from "../chat/upstream-failure";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { faqAnswerText, faqIndex, matchFaq } from "../faq/faq-answer";
import { faqAnswerEvents } from "../faq/faq-events";
import { publishedFaq } from "../faq/faq-source";
import { chargeTokens, enforceLimits } from "../limits/enforce";
import { type ChatMessage, ChatRequest, LIMITS } from "../protocol";
import { readSettings, type Settings } from "../settings";
import { type ChatTally, recordChat } from "../stats/daily-stats";
import { defaultWidgetConfig } from "../widget-settings/defaults";

/** Counts one chat in the daily stats, after the response (a failure to count is only logged). */
type Count = (tally: Pick<ChatTally, "tokens" | "fallback" | "error">) => void;

export const chat = new Hono<AppEnv>()
  .post("/", async (c) => {
    const { visitorId, messages } = validate(ChatRequest, await readJsonBody(c.req.raw, LIMITS.bodyBytesMax));
    const settings = readSettings(c.env);
    const later = (work: Promise<unknown>, what: string) =>
      c.executionCtx.waitUntil(work.catch((err: Error) => console.error(`${what}: ${err.message}`)));
    try {
      await enforceLimits(c.env, c.req.raw, visitorId, settings);
    } catch (err) {
      const tally = { conversation: false, tokens: 0, fallback: false, error: false, rateLimited: true };
      if (err instanceof ApiError) later(recordChat(c.env.DB, tally), "stats not recorded");
      throw err;
    }
    const faq = await publishedFaq();
    const messageId = crypto.randomUUID();
    const conversation = messages.filter((m) => m.role === "user").length === 1;
    const count: Count = (tally) => {
      later(recordChat(c.env.DB, { ...tally, conversation, rateLimited: false }), "stats not recorded");
      later(chargeTokens(c.env, visitorId, tally.tokens), "tokens not charged");
    };
    const fromFaq = () =>
      streamResponse(faqAnswer(faq, messages, messageId), undefined, (end) =>
        count({ tokens: 0, fallback: true, error: end?.event === "error" }),
      );
    if (!settings.apiKey) return fromFaq();
    try {
      return await modelAnswer(settings, settings.apiKey, faq, messages, messageId, count);
    } catch (err) {
      if (!(err instanceof UpstreamFailure)) throw err;
      console.warn(`${err.message}${settings.faqFallback ? ": answering from the FAQ" : ""}`);
      if (settings.faqFallback) return fromFaq();
      count({ tokens: 0, fallback: false, error: true });
      throw upstreamError(err);
    }
  })
  .all("/", () => {
    throw new ApiError(405, "method_not_allowed", "Use POST to send a chat message");
  });

/** Opens the provider's stream and reads it to its first token; throws `UpstreamFailure` before that. */
async function modelAnswer(
  settings: Settings,
  apiKey: string,
  faq: string,
  messages: ChatMessage[],
  messageId: string,
  count: Count,
): Promise<Response> {
  const prompt = buildPrompt(faq, messages, settings.maxOutputTokens);
  const provider = await ProviderStream.open({ ...settings, apiKey }, prompt.messages);
  const events = await startModelAnswer(provider, {
    messageId,
    estimatedPromptTokens: prompt.estimatedTokens,
    firstTokenTimeoutMs: settings.firstByteTimeoutMs * 3,
  });
  return streamResponse(
    events,
    () => provider.cancel(),
    (end) => count({ tokens: tokensOf(end, prompt.estimatedTokens), fallback: false, error: end?.event === "error" }),
  );
}

/** Tokens an answer cost: the provider's usage, or the prompt's estimate when it said none. */
function tokensOf(end: StreamEnd, estimatedPromptTokens: number): number {
  if (end?.event !== "done") return estimatedPromptTokens;
  return end.data.usage.promptTokens + end.data.usage.completionTokens;
}

function faqAnswer(faq: string, messages: ChatMessage[], messageId: string): AsyncGenerator<AnswerEvent> {
  const question = messages.at(-1)?.content ?? "";
  const text = faqAnswerText(matchFaq(faqIndex(faq), messages), question, defaultWidgetConfig(faq).contactUrl);
  return faqAnswerEvents(text, messageId);
}

function streamResponse(
  events: AsyncGenerator<AnswerEvent>,
  onCancel: () => void = () => {},
  onEnd: (end: StreamEnd) => void = () => {},
): Response {
  return new Response(eventStream(events, onCancel, onEnd), { headers: SSE_HEADERS });
}

/** Maps a provider failure to CONTRACT §3; the provider's own message is never passed on. */
function upstreamError(failure: UpstreamFailure): ApiError {
  if (failure.kind === "provider_error") {
    return new ApiError(502, "upstream_error", "The assistant could not answer right now. Please try again.");
  }
  return new ApiError(503, "upstream_unavailable", "The assistant is unavailable right now. Please try again shortly.");
}
