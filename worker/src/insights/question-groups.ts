/**
 * Groups visitors' questions that ask the same thing, with the FAQ's own ranking machinery
 * (faq/faq-index.ts): each question is searched against all the others as if they were FAQ
 * entries, and two questions join when each covers enough of the other's meaningful words
 * (stems, lexicon concepts and typo corrections included). So "Do you ship to Antarctica?" and
 * "shipping to antarctica" meet, while "Do you ship to Canada?" stays apart.
 */
import { FaqIndex } from "../faq/faq-index";
import { foldText } from "../faq/text-analysis";

/** Both questions must cover at least this share of each other's (IDF-weighted) words. */
export const SIMILARITY = 0.5;
const EXAMPLES = 5;

export interface AskedQuestion {
  question: string;
  /** ISO 8601. */
  at: string;
  unanswered: boolean;
  ratedDown: boolean;
}

export interface GroupedQuestions {
  /** The most asked wording (the latest, between equals). */
  question: string;
  count: number;
  unanswered: number;
  ratedDown: number;
  /** Distinct wordings, most recent first. */
  examples: string[];
  lastAskedAt: string;
}

/** Groups of similar questions, the most asked first. */
export function groupQuestions(asked: readonly AskedQuestion[]): GroupedQuestions[] {
  const byRecency = [...asked].sort((a, b) => b.at.localeCompare(a.at));
  const wordings = distinctWordings(byRecency);
  // Union-find: each wording points towards the first wording of its group.
  const parent = wordings.map((_, i) => i);
  const root = (i: number): number => {
    let at = i;
    while (parent[at] !== at) at = parent[at] ?? at;
    return at;
  };
  for (const [a, b] of similarPairs(wordings.map((w) => w.text))) {
    const [ra, rb] = [root(a), root(b)];
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  const groups = new Map<number, Wording[]>();
  wordings.forEach((wording, i) => {
    const members = groups.get(root(i)) ?? [];
    members.push(wording);
    groups.set(root(i), members);
  });
  return [...groups.values()]
    .map(summarise)
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
}

/** One wording and every time it was asked (newest first). */
interface Wording {
  text: string;
  asked: AskedQuestion[];
}

/** Identical questions, up to case, accents, punctuation and spacing, are one wording. */
function distinctWordings(byRecency: readonly AskedQuestion[]): Wording[] {
  const byKey = new Map<string, Wording>();
  for (const item of byRecency) {
    const key = foldText(item.question);
    const wording = byKey.get(key);
    if (!wording) byKey.set(key, { text: item.question.trim(), asked: [item] });
    else {
      wording.asked.push(item);
      if (tidiness(item.question) > tidiness(wording.text)) wording.text = item.question.trim();
    }
  }
  return [...byKey.values()];
}

/** Between wordings that differ only in case and punctuation, show the capitalised question. */
function tidiness(question: string): number {
  return (/\p{Lu}/u.test(question) ? 1 : 0) + (/[?？¿]\s*$/u.test(question) ? 1 : 0);
}

/** Pairs of wordings (by position) similar enough to be one question. */
function similarPairs(texts: readonly string[]): [number, number][] {
  const entries = texts.map((question) => ({ question, answer: "" }));
  const index = new FaqIndex(entries);
  const position = new Map(entries.map((entry, i) => [entry, i]));
  const coverage = texts.map(() => new Map<number, number>());
  texts.forEach((text, i) => {
    for (const hit of index.search(index.queryWords(text))) {
      const j = position.get(hit.entry);
      if (j !== undefined && j !== i && hit.topical) coverage[i]?.set(j, hit.coverage);
    }
  });
  const pairs: [number, number][] = [];
  coverage.forEach((row, i) => {
    for (const [j, share] of row) {
      if (j > i && share >= SIMILARITY && (coverage[j]?.get(i) ?? 0) >= SIMILARITY) pairs.push([i, j]);
    }
  });
  return pairs;
}

function summarise(members: Wording[]): GroupedQuestions {
  const asked = members.flatMap((m) => m.asked).sort((a, b) => b.at.localeCompare(a.at));
  const representative = [...members].sort(
    (a, b) => b.asked.length - a.asked.length || (b.asked[0]?.at ?? "").localeCompare(a.asked[0]?.at ?? ""),
  )[0];
  const examples = [...members]
    .sort((a, b) => (b.asked[0]?.at ?? "").localeCompare(a.asked[0]?.at ?? ""))
    .map((m) => m.text)
    .slice(0, EXAMPLES);
  return {
    question: representative?.text ?? "",
    count: asked.length,
    unanswered: asked.filter((a) => a.unanswered).length,
    ratedDown: asked.filter((a) => a.ratedDown).length,
    examples,
    lastAskedAt: asked[0]?.at ?? "",
  };
}
