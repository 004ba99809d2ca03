/**
 * What a model answer is given: the FAQ grounded for the conversation (grounding.ts: the whole FAQ,
 * or the entries the conversation needs, by meaning too when the FAQ has embeddings) and the prompt
 * built on it. The chat route builds it before admitting the chat, to size the reservation; a
 * question's embedding, when one is asked for, is awaited beside the limits, not in front of them.
 */
import type { FaqVectors } from "../embeddings/faq-vectors";
import { semanticQuery } from "../embeddings/query";
import type { EnvConfig } from "../env-config";
import { faqIndex, faqPreamble } from "../faq/faq-answer";
import type { ChatMessage } from "../protocol";
import { boundedPreamble, faqDelivery, RETRIEVED_TOKENS_MAX } from "./faq-delivery";
import { type Grounding, groundConversation } from "./grounding";
import { buildPrompt, type Prompt } from "./prompt";
import { estimateMessageTokens, estimateTokens } from "./tokens";

export interface ModelPrompt {
  grounding: Grounding;
  prompt: Prompt;
}

export async function buildModelPrompt(
  config: EnvConfig,
  faq: string,
  messages: readonly ChatMessage[],
  vectors?: FaqVectors | null,
): Promise<ModelPrompt> {
  // The question's embedding only helps, and only costs time, when the FAQ goes by retrieval.
  const semantic = faqDelivery(faq).whole ? undefined : await semanticQuery(config, messages, vectors);
  const grounding = groundConversation(faq, faqPreamble(faq), faqIndex(faq), messages, semantic);
  return { grounding, prompt: buildPrompt(grounding.faqText, messages, config.maxOutputTokens) };
}

/**
 * The most tokens the prompt of a retrieved FAQ can take, before it is built: the preamble, the
 * retrieved entries' budget, and the conversation (the prompt keeps no more of it than this).
 */
export function retrievedPromptBound(faq: string, messages: readonly ChatMessage[]): number {
  const history = messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0);
  return estimateTokens(boundedPreamble(faqPreamble(faq))) + RETRIEVED_TOKENS_MAX + history + 200;
}
