/**
 * How much of the FAQ a chat's system message carries (docs/http-api.md#large-faqs). Up to
 * `WHOLE_FAQ_TOKENS_MAX` estimated tokens, the whole FAQ, byte for byte the same in every chat, so
 * providers' prompt caching can reuse it (OpenAI bills cached input tokens at a discount, from
 * 1,024 tokens on). Above it, the preamble and the entries relevant to the conversation, within
 * `RETRIEVED_TOKENS_MAX`, so that a chat costs the same whatever the FAQ's size. The console
 * imports this module to tell the operator which way their FAQ goes.
 */
import { estimateTokens } from "./tokens";

/**
 * About 12,000 characters of English: a FAQ of 40–50 short entries. Cached at half price (OpenAI's
 * discount for gpt-4o-mini), a whole FAQ of this size costs about what a retrieved prompt costs,
 * and the model sees everything.
 */
export const WHOLE_FAQ_TOKENS_MAX = 3_000;
/** What the retrieved entries of a larger FAQ may take: 25–35 typical entries. */
export const RETRIEVED_TOKENS_MAX = 2_000;

export interface FaqDelivery {
  /** The FAQ's estimated size in tokens. */
  tokens: number;
  /** Chats get the whole FAQ (otherwise: the entries relevant to the conversation). */
  whole: boolean;
}

export function faqDelivery(faq: string): FaqDelivery {
  const tokens = estimateTokens(faq.trim());
  return { tokens, whole: tokens <= WHOLE_FAQ_TOKENS_MAX };
}
