/**
 * Answers a conversation from the FAQ alone: the best-matching entry (or the best two, when they
 * are close), or an honest "I don't know" that says how to reach a person. Follow-ups such as
 * "and how long does that take?" are read with the visitor's previous question as context.
 */
import type { ChatMessage } from "../protocol";
import { FaqIndex, type QueryWord, type SearchHit } from "./faq-index";
import { detectLanguage, type Language } from "./language";
import { type FaqEntry, parseFaq } from "./parse-faq";

/**
 * When a match is an answer rather than a guess, calibrated on the tuning half of the labelled set
 * (tests/fixtures/faq-eval/, 1,000 entries) and the seed FAQ's set (18 entries), so that no
 * question the FAQ cannot answer gets an entry: "I don't know" is far better than a wrong entry
 * shown with confidence. Coverage is the share of the visitor's (IDF-weighted) words the entry
 * matches; heading coverage, the share its question matches.
 */
export const CONFIDENCE = {
  /** One word matched: the entry covers this much of the question, or its question this much. */
  oneWord: { coverage: 0.6, headingCoverage: 0.4 },
  /** Two or more words matched. */
  severalWords: { coverage: 0.7, headingCoverage: 0.4 },
  /**
   * A word of the visitor's that appears nowhere in the FAQ is a sign the question is about
   * something else, the stronger the larger the FAQ (in a small one, most words appear nowhere):
   * then two words must match, and the entry or its question cover this much, from `small` for a
   * FAQ of 20 entries or fewer to `large` from 300 entries on.
   */
  withUnknownWords: { small: 0.2, large: 0.6, smallEntries: 20, largeEntries: 300 },
  /**
   * Added to every bar above, from nothing for a FAQ of `smallEntries` to `large` for one of
   * `largeEntries`: the more entries, the likelier one of them matches a question it does not
   * answer by coincidence. Calibrated on the 1,000-entry FAQ, whose tuning half put its closest
   * question that must get "I don't know" just under the bars; the held-out half came closer.
   */
  margin: { large: 0.1 },
} as const;

/** Where a FAQ of `entries` entries sits between `smallEntries` (0) and `largeEntries` (1), on a log scale. */
function sizeScale(entries: number): number {
  const { smallEntries, largeEntries } = CONFIDENCE.withUnknownWords;
  const position = Math.log(Math.max(entries, 1) / smallEntries) / Math.log(largeEntries / smallEntries);
  return Math.min(1, Math.max(0, position));
}

/** The coverage a match needs when some word of the question is unknown to a FAQ of `entries` entries. */
export function unknownWordsBar(entries: number): number {
  const { small, large } = CONFIDENCE.withUnknownWords;
  return small + (large - small) * sizeScale(entries);
}

/** A question this short ("and to Canada?") is read as a follow-up of the previous one. */
const FOLLOW_UP_WORDS = 3;
/** A runner-up this close to the best entry is shown too. */
const RUNNER_UP_RATIO = 0.8;
/** How much the previous question counts when the latest one needs context. */
const CONTEXT_WEIGHT = 0.5;

export type FaqMatch = { kind: "entries"; entries: FaqEntry[] } | { kind: "unknown" };

let cached: { faq: string; index: FaqIndex; preamble: string } | undefined;

function parsed(faq: string): { index: FaqIndex; preamble: string } {
  if (cached?.faq !== faq) {
    const { preamble, entries } = parseFaq(faq);
    cached = { faq, index: new FaqIndex(entries), preamble };
  }
  return cached;
}

/** The search index of `faq`, built once per FAQ text. */
export function faqIndex(faq: string): FaqIndex {
  return parsed(faq).index;
}

/** The FAQ's preamble of instructions, parsed once per FAQ text. */
export function faqPreamble(faq: string): string {
  return parsed(faq).preamble;
}

export function matchFaq(index: FaqIndex, messages: readonly ChatMessage[]): FaqMatch {
  const questions = messages.filter((m) => m.role === "user").map((m) => m.content);
  const latest = questions.at(-1) ?? "";
  const previous = questions.at(-2);
  const words = index.queryWords(latest);
  if (previous !== undefined && words.filter((w) => !w.modifier).length <= FOLLOW_UP_WORDS) {
    const context = index.queryWords(previous, CONTEXT_WEIGHT);
    const hits = confident(index, [...words, ...context]);
    const topic = confident(index, index.queryWords(previous))[0]?.entry;
    const best = hits[0];
    // The entry the conversation was about stays beside the one the follow-up asks for.
    if (best && topic && best.entry !== topic && hits.some((hit) => hit.entry === topic)) {
      return { kind: "entries", entries: [best.entry, topic] };
    }
    if (best) return ranked(hits);
  }
  return ranked(confident(index, words));
}

function ranked([best, second]: SearchHit[]): FaqMatch {
  if (!best) return { kind: "unknown" };
  const close = second && second.score >= best.score * RUNNER_UP_RATIO;
  return { kind: "entries", entries: close ? [best.entry, second.entry] : [best.entry] };
}

/** The hits for `words` that answer rather than guess (see `CONFIDENCE`). */
function confident(index: FaqIndex, words: QueryWord[]): SearchHit[] {
  const unknown = words.some((word) => !word.modifier && !index.knows(word));
  return index.search(words).filter((hit) => {
    if (!hit.topical) return false;
    const matched = words.filter((word, i) => !word.modifier && (hit.shares[i] ?? 0) > 0).length;
    const { coverage, headingCoverage } = hit;
    const margin = CONFIDENCE.margin.large * sizeScale(index.size);
    if (unknown) {
      const least = unknownWordsBar(index.size) + margin;
      return matched >= 2 && (coverage >= least || headingCoverage >= least);
    }
    const bar = matched >= 2 ? CONFIDENCE.severalWords : CONFIDENCE.oneWord;
    return coverage >= bar.coverage + margin || headingCoverage >= bar.headingCoverage + margin;
  });
}

const UNKNOWN: Record<Language, (contact: string | null) => string> = {
  en: (contact) =>
    `I'm sorry, I couldn't find an answer to that in our FAQ. ${contact ? `Please contact us at ${contact} and a person will help you.` : "Please contact our support team and a person will help you."}`,
  es: (contact) =>
    `Lo siento, no encontré una respuesta a eso en nuestras preguntas frecuentes. ${contact ? `Escríbenos a ${contact} y una persona te ayudará.` : "Contacta con nuestro equipo de soporte y una persona te ayudará."}`,
  de: (contact) =>
    `Entschuldigung, dazu habe ich in unseren FAQ keine Antwort gefunden. ${contact ? `Bitte kontaktiere uns unter ${contact}, dann hilft dir ein Mensch weiter.` : "Bitte kontaktiere unser Support-Team, dann hilft dir ein Mensch weiter."}`,
};

/** The answer's Markdown: each matched entry under its question in bold. */
export function faqAnswerText(match: FaqMatch, question: string, contactUrl: string | null): string {
  if (match.kind === "unknown") return UNKNOWN[detectLanguage(question)](contactLink(contactUrl));
  return match.entries.map((entry) => `**${entry.question}**\n\n${entry.answer}`).join("\n\n");
}

/** A contact as Markdown: an email address as itself, a web page as a link. */
function contactLink(contactUrl: string | null): string | null {
  if (!contactUrl) return null;
  if (contactUrl.startsWith("mailto:")) return contactUrl.slice("mailto:".length);
  if (contactUrl.startsWith("tel:")) return contactUrl.slice("tel:".length);
  return `[${contactUrl.replace(/^https?:\/\//, "").replace(/\/$/, "")}](${contactUrl})`;
}
