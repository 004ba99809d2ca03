/**
 * Relays a provider stream as our own events. The provider is read up to its first token before
 * anything is sent, so a failure up to that point is still an `UpstreamFailure` the route can turn
 * into a status code (or, later, a fallback answer). After it, every stream ends with exactly one
 * `done` or `error` event, and the upstream request is cancelled once it is no longer needed.
 */
import { withTimeout } from "../timeout";
import type { ChunkReading } from "./completion-chunk";
import type { ProviderStream } from "./provider-stream";
import type { AnswerEvent } from "./sse-format";
import { estimateTokens } from "./tokens";
import { UpstreamFailure } from "./upstream-failure";

export interface AnswerContext {
  messageId: string;
  /** Charged as prompt tokens when the provider reports no usage. */
  estimatedPromptTokens: number;
  /** How long the provider may take to its first token, keep-alive comments notwithstanding. */
  firstTokenTimeoutMs: number;
}

/** What one provider event means for the answer in progress. */
type Step = "continue" | "finished" | "failed";

class AnswerState {
  text = "";
  finishReason: string | null = null;
  usage: ChunkReading["usage"] = null;

  apply(reading: ChunkReading | null): Step {
    if (reading === null) return this.finishReason ? "finished" : "failed";
    if (reading.error) return "failed";
    this.text += reading.text;
    this.finishReason = reading.finishReason ?? this.finishReason;
    this.usage = reading.usage ?? this.usage;
    return reading.done ? "finished" : "continue";
  }
}

/**
 * Reads `provider` to its first token (or its end), then returns the events of the whole answer.
 * Throws `UpstreamFailure` if the provider fails before that.
 */
export async function startModelAnswer(
  provider: ProviderStream,
  context: AnswerContext,
): Promise<AsyncGenerator<AnswerEvent>> {
  const state = new AnswerState();
  const first = await withTimeout(readToFirstToken(provider, state), context.firstTokenTimeoutMs, () => {
    provider.cancel();
    return new UpstreamFailure("timeout");
  });
  return answerEvents(provider, state, first, context);
}

async function readToFirstToken(provider: ProviderStream, state: AnswerState): Promise<Step> {
  for (;;) {
    const step = state.apply(await provider.next());
    if (step === "failed") {
      provider.cancel();
      throw new UpstreamFailure("provider_error");
    }
    if (step === "finished" || state.text !== "") return step;
  }
}

async function* answerEvents(
  provider: ProviderStream,
  state: AnswerState,
  firstStep: Step,
  context: AnswerContext,
): AsyncGenerator<AnswerEvent> {
  if (state.text) yield { event: "delta", data: { text: state.text } };
  let step = firstStep;
  while (step === "continue") {
    let reading: ChunkReading | null;
    try {
      reading = await provider.next();
    } catch (err) {
      if (state.finishReason) break; // Only the usage was still to come: the answer is whole.
      yield streamFailure(err);
      return;
    }
    const before = state.text.length;
    step = state.apply(reading);
    if (state.text.length > before) yield { event: "delta", data: { text: state.text.slice(before) } };
  }
  provider.cancel();
  if (step === "failed") {
    yield { event: "error", data: { code: "upstream_error", message: "The answer was cut off. Please try again." } };
    return;
  }
  yield {
    event: "done",
    data: {
      messageId: context.messageId,
      finishReason: state.finishReason ?? "stop",
      source: "model",
      // Filled in from the whole answer by chat/answer-sources.ts, which knows what the model was given.
      sources: [],
      usage: state.usage ?? {
        promptTokens: context.estimatedPromptTokens,
        completionTokens: estimateTokens(state.text),
      },
    },
  };
}

function streamFailure(err: unknown): AnswerEvent {
  const timedOut = err instanceof UpstreamFailure && err.kind === "timeout";
  return {
    event: "error",
    data: {
      code: "upstream_unavailable",
      message: timedOut
        ? "The assistant stopped responding. Please try again."
        : "The connection to the assistant broke. Please try again.",
    },
  };
}
