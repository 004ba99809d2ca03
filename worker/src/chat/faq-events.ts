/** Streams an FAQ answer in the same protocol as a model answer, a word or so per `delta`. */
import type { Source } from "../protocol";
import type { AnswerEvent } from "./sse-format";

export async function* faqAnswerEvents(
  text: string,
  messageId: string,
  sources: Source[],
  unanswered = false,
): AsyncGenerator<AnswerEvent> {
  for (const piece of text.match(/\s*\S+\s*/g) ?? []) yield { event: "delta", data: { text: piece } };
  yield {
    event: "done",
    data: {
      messageId,
      finishReason: "stop",
      source: "faq",
      usage: { promptTokens: 0, completionTokens: 0 },
      sources,
      // The widget offers "Talk to a person" right after an answer that had nothing to go on.
      ...(unanswered && { unanswered: true }),
    },
  };
}
