/**
 * What grounds a model answer: the whole FAQ when it is small, else its preamble and the entries
 * the conversation needs (faq/retrieval.ts) within the token budget (chat/faq-delivery.ts). Also
 * says which entries the model was given, ranked for the question, for the answer's sources.
 */
import type { FaqIndex } from "../faq/faq-index";
import type { FaqEntry } from "../faq/parse-faq";
import { rankForConversation, type SemanticQuery, withinBudget } from "../faq/retrieval";
import type { ChatMessage } from "../protocol";
import { boundedPreamble, faqDelivery, RETRIEVED_TOKENS_MAX } from "./faq-delivery";
import { estimateTokens } from "./tokens";

export interface Grounding {
  /** The FAQ as the system message carries it. */
  faqText: string;
  /** Ids of the entries the model was given, the most relevant to the question first. */
  given: number[];
  whole: boolean;
}

export function groundConversation(
  faq: string,
  preamble: string,
  index: FaqIndex,
  messages: readonly ChatMessage[],
  semantic?: SemanticQuery,
): Grounding {
  if (faqDelivery(faq).whole) {
    // The ranking only orders the answer's sources, once it is complete: not on the way to the provider.
    let given: number[] | undefined;
    return {
      faqText: faq.trim(),
      get given() {
        if (!given) {
          const ranked = rankForConversation(index, messages, semantic);
          const rest = Array.from({ length: index.size }, (_, id) => id).filter((id) => !ranked.includes(id));
          given = [...ranked, ...rest];
        }
        return given;
      },
      whole: true,
    };
  }
  const ranked = rankForConversation(index, messages, semantic);
  const given = withinBudget(ranked, RETRIEVED_TOKENS_MAX, (id) => {
    const entry = index.entry(id);
    return entry ? estimateTokens(entryMarkdown(entry)) : undefined;
  });
  const entries = given.flatMap((id) => index.entry(id) ?? []).map(entryMarkdown);
  const note = "(The entries of a larger FAQ that are relevant to this conversation.)";
  return { faqText: [boundedPreamble(preamble), note, ...entries].filter(Boolean).join("\n\n"), given, whole: false };
}

/** An entry as the FAQ writes it, its `Source:` line included so the model can link to it. */
export function entryMarkdown(entry: FaqEntry): string {
  return `## ${entry.question}\n\n${entry.answer}${entry.url ? `\n\nSource: ${entry.url}` : ""}`;
}
