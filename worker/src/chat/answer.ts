/**
 * Answers a validated conversation grounded in a given FAQ (the whole FAQ, or the entries the
 * conversation needs: chat/grounding.ts): the model's streamed answer, or the FAQ's own answer when
 * no provider key is set or the provider fails before its first token (docs/http-api.md#faq-only-answers,
 * unless `FAQ_FALLBACK=false`). Either way the `done` event names the answer's sources. Shared by
 * `/api/chat` and the operator's draft preview; `onEnd` learns what the answer cost once its stream ends.
 */

import type { FaqVectors } from "../embeddings/faq-vectors";
import { semanticQuery } from "../embeddings/query";
import type { EnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { drawnOn } from "../faq/attribution";
import { faqAnswerText, faqIndex, faqPreamble, matchFaq } from "../faq/faq-answer";
import type { AnswerSource, ChatMessage, Source } from "../protocol";
import { type Collected, sourcesOf, withSources } from "./answer-sources";
import { faqDelivery } from "./faq-delivery";
import { faqAnswerEvents } from "./faq-events";
import { groundConversation } from "./grounding";
import { startModelAnswer } from "./model-answer";
import { buildPrompt } from "./prompt";
import { ProviderStream } from "./provider-stream";
import { type AnswerEvent, eventStream, SSE_HEADERS, type StreamEnd } from "./sse-format";
import { UpstreamFailure } from "./upstream-failure";

/** What an answer amounted to, once its stream ended. */
export interface AnswerTally {
  /** Tokens used: the provider's usage, or our estimate. */
  tokens: number;
  /** Answered from the FAQ instead of the model. */
  fallback: boolean;
  /** Ended in an error. */
  error: boolean;
  /** What the visitor was sent; absent when no stream started. */
  sent?: SentAnswer;
}

/** An answer as the visitor received it. */
export interface SentAnswer {
  messageId: string;
  source: AnswerSource;
  /** The text of every `delta`, joined. */
  text: string;
  /** The FAQ entries the answer drew on (empty for an answer that did not end with `done`). */
  sources: Source[];
  /** The FAQ had no answer: the visitor got the "I don't know" with the contact. */
  unanswered: boolean;
  /** `stopped`: the visitor went away or pressed Stop first. */
  outcome: "done" | "stopped" | "error";
}

export interface AnswerRequest {
  config: EnvConfig;
  /** The FAQ (Markdown) that grounds the answer. */
  faq: string;
  /** Where "I don't know" answers send the visitor. */
  contactUrl: string | null;
  messages: ChatMessage[];
  /** The FAQ's entry embeddings, when it has them: retrieval then goes by meaning too. */
  vectors?: FaqVectors | null;
  onEnd?: (tally: AnswerTally) => void;
}

export async function answer({
  config,
  faq,
  contactUrl,
  messages,
  vectors,
  onEnd = () => {},
}: AnswerRequest): Promise<Response> {
  const messageId = crypto.randomUUID();
  const index = faqIndex(faq);
  const fromFaq = () => {
    const question = messages.at(-1)?.content ?? "";
    const match = matchFaq(index, messages);
    const text = faqAnswerText(match, question, contactUrl);
    const sources = match.kind === "entries" ? sourcesOf(match.entries) : [];
    return streamResponse(faqAnswerEvents(text, messageId, sources), undefined, (end) =>
      onEnd({
        tokens: 0,
        fallback: true,
        error: end?.event === "error",
        sent: {
          messageId,
          source: "faq",
          text,
          sources: end?.event === "done" ? sources : [],
          unanswered: match.kind === "unknown",
          outcome: outcomeOf(end),
        },
      }),
    );
  };
  if (!config.apiKey) return fromFaq();
  try {
    // The question's embedding only helps, and only costs time, when the FAQ goes by retrieval.
    const semantic = faqDelivery(faq).whole ? undefined : await semanticQuery(config, messages, vectors);
    const grounding = groundConversation(faq, faqPreamble(faq), index, messages, semantic);
    const prompt = buildPrompt(grounding.faqText, messages, config.maxOutputTokens);
    const provider = await ProviderStream.open({ ...config, apiKey: config.apiKey }, prompt.messages);
    const events = await startModelAnswer(provider, {
      messageId,
      estimatedPromptTokens: prompt.estimatedTokens,
      firstTokenTimeoutMs: config.firstByteTimeoutMs * 3,
    });
    const sent: Collected = { text: "", sources: [] };
    const sourcesFor = (text: string) => sourcesOf(drawnOn(index, text, grounding.given).map((id) => index.entry(id)));
    return streamResponse(
      withSources(events, sent, sourcesFor),
      () => provider.cancel(),
      (end) =>
        onEnd({
          tokens: tokensOf(end, prompt.estimatedTokens),
          fallback: false,
          error: end?.event === "error",
          sent: { messageId, source: "model", ...sent, unanswered: false, outcome: outcomeOf(end) },
        }),
    );
  } catch (err) {
    if (!(err instanceof UpstreamFailure)) throw err;
    console.warn(`${err.message}${config.faqFallback ? ": answering from the FAQ" : ""}`);
    if (config.faqFallback) return fromFaq();
    onEnd({ tokens: 0, fallback: false, error: true });
    throw upstreamError(err);
  }
}

function outcomeOf(end: StreamEnd): SentAnswer["outcome"] {
  if (end === null) return "stopped";
  return end.event === "done" ? "done" : "error";
}

/** Tokens an answer cost: the provider's usage, or the prompt's estimate when it said none. */
function tokensOf(end: StreamEnd, estimatedPromptTokens: number): number {
  if (end?.event !== "done") return estimatedPromptTokens;
  return end.data.usage.promptTokens + end.data.usage.completionTokens;
}

function streamResponse(
  events: AsyncGenerator<AnswerEvent>,
  onCancel: () => void = () => {},
  onEnd: (end: StreamEnd) => void = () => {},
): Response {
  return new Response(eventStream(events, onCancel, onEnd), { headers: SSE_HEADERS });
}

/**
 * Maps a provider failure to the documented errors (docs/http-api.md#errors); the provider's own
 * message is never passed on.
 */
function upstreamError(failure: UpstreamFailure): ApiError {
  if (failure.kind === "provider_error") {
    return new ApiError(502, "upstream_error", "The assistant could not answer right now. Please try again.");
  }
  return new ApiError(503, "upstream_unavailable", "The assistant is unavailable right now. Please try again shortly.");
}
