/**
 * Measures FAQ retrieval on a labelled set (tests/fixtures/faq-eval/): what the model is given,
 * what FAQ-only answers show, and which sources an answer gets. Used by retrieval-quality.test.ts.
 *
 * Sources need model answers, and there is no model offline: each answer is simulated from the
 * entry that answers the question, the way an assistant retells it. In English, the entry's first
 * two sentences (an optimistic case for overlap: real answers paraphrase more); in Spanish and
 * German, a sentence in that language carrying only the entry's facts (numbers, prices, names,
 * screen paths, addresses: a pessimistic case, as real answers also translate its words, which the
 * lexicon would match). When the entry was not given to the model, or the FAQ cannot answer, the
 * simulated answer is an "I don't know" that points to the contact, and the right sources are none.
 */

import type { LabelledSet, Lang } from "../../../tests/fixtures/faq-eval/labelled-set";
import { groundConversation } from "../chat/grounding";
import { drawnOn } from "../faq/attribution";
import { faqIndex, matchFaq } from "../faq/faq-answer";
import { parseFaq } from "../faq/parse-faq";

export interface RetrievalFigures {
  answerable: number;
  unanswerable: number;
  /** Answerable questions whose entry is among those the model is given. */
  recall: number;
  /** Answerable questions whose FAQ-only answer shows a right entry first. */
  rightFirst: number;
  /** Answerable questions whose FAQ-only answer shows a wrong entry first. */
  wrongFirst: number;
  /** Unanswerable questions that get an entry instead of "I don't know". */
  confidentlyWrong: number;
  /** Questions whose simulated answer gets exactly the right sources. */
  sourcesRight: number;
  /** Average prompt entries given to the model, and their estimated tokens. */
  givenEntries: number;
  misses: string[];
}

export function measureRetrieval(faq: string, set: LabelledSet): RetrievalFigures {
  const index = faqIndex(faq);
  const { preamble } = parseFaq(faq);
  const figures: RetrievalFigures = {
    answerable: set.answerable.length,
    unanswerable: set.unanswerable.length,
    recall: 0,
    rightFirst: 0,
    wrongFirst: 0,
    confidentlyWrong: 0,
    sourcesRight: 0,
    givenEntries: 0,
    misses: [],
  };
  const titles = (ids: readonly number[]) => ids.map((id) => index.entry(id)?.question ?? "?");
  for (const { lang, question, answers } of set.answerable) {
    const messages = [{ role: "user" as const, content: question }];
    const grounding = groundConversation(faq, preamble, index, messages);
    figures.givenEntries += grounding.given.length;
    const givenTitles = titles(grounding.given);
    const given = answers.some((answer) => givenTitles.includes(answer));
    if (given) figures.recall++;
    else figures.misses.push(`not given: ${question}`);
    const match = matchFaq(index, messages);
    const first = match.kind === "entries" ? match.entries[0]?.question : undefined;
    if (first && answers.includes(first)) figures.rightFirst++;
    else if (first) {
      figures.wrongFirst++;
      figures.misses.push(`wrong first: ${question} → ${first}`);
    } else figures.misses.push(`don't know: ${question}`);
    const gold = index.entry(
      givenTitles.indexOf(answers.find((a) => givenTitles.includes(a)) ?? "") >= 0
        ? (grounding.given[givenTitles.findIndex((t) => answers.includes(t))] ?? -1)
        : -1,
    );
    const answer = gold ? simulatedAnswer(lang, gold.answer) : dontKnow(lang);
    const sources = titles(drawnOn(index, answer, grounding.given));
    const right = gold
      ? sources.length > 0 && sources.length <= 2 && answers.includes(sources[0] ?? "")
      : sources.length === 0;
    if (right) figures.sourcesRight++;
    else figures.misses.push(`sources: ${question} → ${sources.join(" + ") || "(none)"}`);
  }
  for (const { lang, question } of set.unanswerable) {
    const messages = [{ role: "user" as const, content: question }];
    const match = matchFaq(index, messages);
    if (match.kind === "entries") {
      figures.confidentlyWrong++;
      figures.misses.push(`should not know: ${question} → ${match.entries[0]?.question}`);
    }
    const grounding = groundConversation(faq, preamble, index, messages);
    const sources = titles(drawnOn(index, dontKnow(lang), grounding.given));
    if (sources.length === 0) figures.sourcesRight++;
    else figures.misses.push(`sources: ${question} → ${sources.join(" + ")}`);
  }
  figures.givenEntries /= Math.max(1, set.answerable.length);
  return figures;
}

const percent = (part: number, whole: number): string =>
  `${((100 * part) / Math.max(1, whole)).toFixed(1)}% (${part}/${whole})`;

/** The goals for FAQ-only answers (#17): the right entry first, and no entry for a question the FAQ cannot answer. */
export const FAQ_ONLY_GOALS = { rightFirst: 0.9, confidentlyWrong: 0 } as const;

/** Where `f` falls short of the FAQ-only goals, in words (empty when it meets them). */
export function shortOfFaqOnlyGoals(f: RetrievalFigures): string[] {
  const gaps: string[] = [];
  if (f.rightFirst / f.answerable < FAQ_ONLY_GOALS.rightFirst) {
    gaps.push(
      `right entry first ${percent(f.rightFirst, f.answerable)} is below its goal of ${FAQ_ONLY_GOALS.rightFirst * 100}%`,
    );
  }
  if (f.confidentlyWrong > FAQ_ONLY_GOALS.confidentlyWrong) {
    gaps.push(`${f.confidentlyWrong} unanswerable question(s) got an entry; the goal is none`);
  }
  return gaps;
}

/** Prints `f` on the line npm run bench reads for `set` (bench/faq-scale.ts), for bench/RESULTS.md. */
export function printForBench(set: "held-out" | "probes", f: RetrievalFigures): void {
  const { misses: _, ...counts } = f;
  console.log(`RETRIEVAL_FIGURES ${set} ${JSON.stringify(counts)}`);
}

/** The figures of several labelled sets (over their own FAQs) as one. */
export function combinedFigures(parts: readonly RetrievalFigures[]): RetrievalFigures {
  const sum = (pick: (f: RetrievalFigures) => number) => parts.reduce((total, f) => total + pick(f), 0);
  const answerable = sum((f) => f.answerable);
  return {
    answerable,
    unanswerable: sum((f) => f.unanswerable),
    recall: sum((f) => f.recall),
    rightFirst: sum((f) => f.rightFirst),
    wrongFirst: sum((f) => f.wrongFirst),
    confidentlyWrong: sum((f) => f.confidentlyWrong),
    sourcesRight: sum((f) => f.sourcesRight),
    givenEntries: sum((f) => f.givenEntries * f.answerable) / Math.max(1, answerable),
    misses: parts.flatMap((f) => f.misses),
  };
}

/** The figures in one line, for a test's annotations. */
export function describeFigures(name: string, f: RetrievalFigures): string {
  return (
    `${name}: recall of the right entry in what the model is given ${percent(f.recall, f.answerable)}` +
    ` (${f.givenEntries.toFixed(1)} entries on average); right entry first in FAQ-only answers ${percent(f.rightFirst, f.answerable)},` +
    ` wrong entry first ${percent(f.wrongFirst, f.answerable)}; confidently wrong on unanswerable questions ${percent(f.confidentlyWrong, f.unanswerable)};` +
    ` sources right ${percent(f.sourcesRight, f.answerable + f.unanswerable)}`
  );
}

const DONT_KNOW: Record<Lang, string> = {
  en: "I'm sorry, I couldn't find an answer to that in our FAQ. Please contact our support team at help@brightnest.example.",
  es: "Lo siento, no encontré una respuesta a eso en nuestras preguntas frecuentes. Escribe a help@brightnest.example.",
  de: "Entschuldigung, dazu habe ich keine Antwort gefunden. Bitte schreib an help@brightnest.example.",
};

function dontKnow(lang: Lang): string {
  return DONT_KNOW[lang];
}

const FACT =
  /\*\*[^*]+\*\*|https?:\/\/\S+|[\w.+-]+@[\w.-]+|\+?\d[\d ,.–-]*\d(?:\s?(?:%|GB|MB|W|kW|V|A|cm|mm|m|kg|g|°C|hours?|days?|minutes?|months?|years?|seconds?))?|[$€£¥]\s?\d[\d.,]*|\b[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*)+/g;

function simulatedAnswer(lang: Lang, entryAnswer: string): string {
  const plain = entryAnswer.replace(/\*\*/g, "");
  if (lang === "en") {
    const sentences = plain.match(/[^.!?]+[.!?]+/g) ?? [plain];
    return `Sure! ${sentences.slice(0, 2).join(" ").trim()}`;
  }
  const facts = [...new Set(entryAnswer.match(FACT) ?? [])].map((fact) => fact.replace(/\*\*/g, ""));
  const body = facts.length ? facts.join(", ") : "";
  return lang === "es"
    ? `¡Claro! Según nuestras preguntas frecuentes: ${body}. ¿Te ayudo con algo más?`
    : `Gerne! Laut unseren FAQ: ${body}. Kann ich sonst noch helfen?`;
}
