/**
 * Answers a validated conversation grounded in a given FAQ (the whole FAQ, or the entries the
 * conversation needs: model-prompt.ts): the model's streamed answer, or the FAQ's own answer when
 * no provider key is set, an allowance or the site's budget is spent, or the provider fails before
 * its first token (docs/http-api.md#faq-only-answers, unless `FAQ_FALLBACK=false`). Either way the
 * `done` event names the answer's sources. With FAQ answers to fall back on, the response's headers
 * go at once and the answer follows in its body; without, they wait for the model's first token, so
 * that a failure before it is still a status code. Shared by `/api/chat` and the operator's draft
 * preview; `onEnd` learns what the answer cost once its stream ends.
 */
import type { FaqVectors } from "../embeddings/faq-vectors";
import type { EnvConfig } from "../env-config";
import { ApiError } from "../errors";
import type { FallbackReason } from "../fallback";
import { drawnOn } from "../faq/attribution";
import { faqAnswerText, faqIndex, matchFaq } from "../faq/faq-answer";
import { budgetExhausted } from "../limits/rules";
import type { AnswerSource, ChatMessage, Source } from "../protocol";
import type { ProviderOutcome } from "../provider-health/health-record";
import { ServerTiming } from "../server-timing";
import { type Collected, sourcesOf, withSources } from "./answer-sources";
import { faqAnswerEvents } from "./faq-events";
import { startModelAnswer } from "./model-answer";
import { buildModelPrompt, type ModelPrompt } from "./model-prompt";
import { ProviderStream } from "./provider-stream";
import { type AnswerStream, eventStream, SSE_HEADERS, type StreamEnd } from "./sse-format";
import { estimateTokens } from "./tokens";
import { UpstreamFailure } from "./upstream-failure";

/** What an answer amounted to, once its stream ended. */
export interface AnswerTally {
  /** Tokens used: the provider's usage, or our estimate. */
  tokens: number;
  /** Answered from the FAQ instead of the model, and why; null for a model answer (or none). */
  fallback: FallbackReason | null;
  /** Ended in an error. */
  error: boolean;
  /** What the visitor was sent; absent when no stream started. */
  sent?: SentAnswer;
  /** What the provider did, when it was asked: answered, or failed and how (provider-health/). */
  provider?: ProviderOutcome;
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
  /** The model's prompt, if the caller already built it (to size the reservation); built here otherwise. */
  plan?: ModelPrompt | Promise<ModelPrompt>;
  /** The FAQ's entry embeddings, when it has them and the prompt is built here. */
  vectors?: FaqVectors | null;
  /** Answer from the FAQ without asking the model, and why. */
  faqReason?: FallbackReason | null;
  /** Whether the site's budget covers a model answer; a promise is awaited beside the provider request. */
  budget?: boolean | Promise<boolean>;
  /** Steps before the first byte, for the `Server-Timing` header. */
  timing?: ServerTiming;
  onEnd?: (tally: AnswerTally) => void;
}

export async function answer({
  config,
  faq,
  contactUrl,
  messages,
  plan,
  vectors,
  faqReason = config.apiKey ? null : "no_key",
  budget = true,
  timing = new ServerTiming(),
  onEnd = () => {},
}: AnswerRequest): Promise<Response> {
  const messageId = crypto.randomUUID();
  const index = faqIndex(faq);
  const respond = (source: AnswerStream | Promise<AnswerStream>, onFailure?: (err: unknown) => void) =>
    new Response(eventStream(source, onFailure), { headers: { ...SSE_HEADERS, "Server-Timing": timing.header } });
  const fromFaq = (reason: FallbackReason, provider?: ProviderOutcome): AnswerStream => {
    const question = messages.at(-1)?.content ?? "";
    const match = matchFaq(index, messages);
    const text = faqAnswerText(match, question, contactUrl);
    const sources = match.kind === "entries" ? sourcesOf(match.entries) : [];
    timing.step("faq");
    return {
      events: faqAnswerEvents(text, messageId, sources, match.kind === "unknown"),
      onEnd: (end) =>
        onEnd({
          tokens: 0,
          fallback: reason,
          error: end?.event === "error",
          ...(provider ? { provider } : {}),
          sent: {
            messageId,
            source: "faq",
            text,
            sources: end?.event === "done" ? sources : [],
            unanswered: match.kind === "unknown",
            outcome: outcomeOf(end),
          },
        }),
    };
  };
  /** The site's budget does not cover the answer. */
  const refuseOrFromFaq = (): AnswerStream => {
    if (config.faqFallback) return fromFaq("site_budget");
    onEnd({ tokens: 0, fallback: null, error: false });
    throw budgetExhausted();
  };
  const { apiKey } = config;
  if (faqReason || !apiKey) return respond(fromFaq(faqReason ?? "no_key"));
  if (budget === false) return respond(refuseOrFromFaq());
  const modelAnswer = async (): Promise<AnswerStream> => {
    try {
      const { grounding, prompt } = await (plan ?? buildModelPrompt(config, faq, messages, vectors));
      const opening = ProviderStream.open({ ...config, apiKey }, prompt.messages);
      opening.catch(() => {});
      if (!(await budget)) {
        void opening.then(
          (provider) => provider.cancel(),
          () => {},
        );
        return refuseOrFromFaq();
      }
      const provider = await opening;
      const events = await startModelAnswer(provider, {
        messageId,
        estimatedPromptTokens: prompt.estimatedTokens,
        firstTokenTimeoutMs: config.firstByteTimeoutMs * 3,
      });
      timing.step("upstream");
      const answered: ProviderOutcome = { state: "ok", at: Date.now() };
      const sent: Collected = { text: "", sources: [] };
      const sourcesFor = (text: string) =>
        sourcesOf(drawnOn(index, text, grounding.given).map((id) => index.entry(id)));
      return {
        events: withSources(events, sent, sourcesFor),
        onCancel: () => provider.cancel(),
        onEnd: (end) =>
          onEnd({
            tokens: tokensOf(end, prompt.estimatedTokens, sent.text),
            fallback: null,
            error: end?.event === "error",
            provider: answered,
            sent: { messageId, source: "model", ...sent, unanswered: false, outcome: outcomeOf(end) },
          }),
      };
    } catch (err) {
      if (!(err instanceof UpstreamFailure)) throw err;
      timing.step("upstream");
      console.warn(`${err.message}${config.faqFallback ? ": answering from the FAQ" : ""}`);
      const failed = { state: err.kind, at: Date.now() };
      if (config.faqFallback) return fromFaq("provider", { ...failed, fallback: true });
      onEnd({ tokens: 0, fallback: null, error: true, provider: failed });
      throw upstreamError(err);
    }
  };
  // Without FAQ answers to fall back on, a failure before the first token is a status code, so the
  // headers wait for it. With them, nothing can fail the request any more: the headers go now, as a
  // relay's would, and the model's answer, or the FAQ's, follows in the body.
  if (!config.faqFallback) return respond(await modelAnswer());
  return respond(modelAnswer(), (err) => {
    console.error(`answer failed: ${err instanceof Error ? err.message : String(err)}`);
    onEnd({ tokens: 0, fallback: null, error: true });
  });
}

function outcomeOf(end: StreamEnd): SentAnswer["outcome"] {
  if (end === null) return "stopped";
  return end.event === "done" ? "done" : "error";
}

/**
 * Tokens an answer cost: the provider's usage; for an answer that was stopped, cut or failed,
 * the prompt and what was streamed of it (the provider bills those too).
 */
function tokensOf(end: StreamEnd, estimatedPromptTokens: number, streamed: string): number {
  if (end?.event !== "done") return estimatedPromptTokens + estimateTokens(streamed);
  return end.data.usage.promptTokens + end.data.usage.completionTokens;
}

/** Failures that pass with time (503: try again shortly); the others are the provider's or its account's (502). */
const PASSING_FAILURES: ReadonlySet<UpstreamFailure["kind"]> = new Set(["rate_limited", "timeout", "unreachable"]);

/**
 * Maps a provider failure to the documented errors (docs/http-api.md#errors); the provider's own
 * message is never passed on.
 */
function upstreamError(failure: UpstreamFailure): ApiError {
  if (!PASSING_FAILURES.has(failure.kind)) {
    return new ApiError(502, "upstream_error", "The assistant could not answer right now. Please try again.");
  }
  return new ApiError(503, "upstream_unavailable", "The assistant is unavailable right now. Please try again shortly.");
}
