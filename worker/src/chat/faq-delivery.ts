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
/**
 * What a larger FAQ's preamble may take: instructions, not content. A longer one is cut (at a
 * paragraph's end where possible), and the console says so.
 */
export const PREAMBLE_TOKENS_MAX = 1_000;

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

/** A larger FAQ's preamble as chats get it: within `PREAMBLE_TOKENS_MAX`. */
export function boundedPreamble(preamble: string): string {
  if (estimateTokens(preamble) <= PREAMBLE_TOKENS_MAX) return preamble;
  let cut = preamble.slice(0, PREAMBLE_TOKENS_MAX * 4);
  while (estimateTokens(cut) > PREAMBLE_TOKENS_MAX) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  const paragraph = cut.lastIndexOf("\n\n");
  return (paragraph > cut.length / 2 ? cut.slice(0, paragraph) : cut).trim();
}
