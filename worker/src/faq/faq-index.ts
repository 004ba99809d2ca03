/**
 * BM25 ranking of FAQ entries (question counted three times, answer once) for a visitor's question.
 * Each query word is matched through its stem or any concept of the support lexicon, after a
 * typo correction towards the words the index and the lexicon know. Besides the score, a hit
 * reports its coverage: the share of the query's (IDF-weighted) words it matches, which is what
 * tells an answer from a guess.
 */

import { conceptsOf, isModifier, lexiconStems } from "./lexicon";
import type { FaqEntry } from "./parse-faq";
import { contentStems } from "./text-analysis";
import { TypoIndex } from "./typo-index";

const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 3;
/** A question contributes at most this many words: more say nothing more, and would only cost time. */
export const MAX_QUERY_WORDS = 32;
/** Typo corrections remembered per index (most questions reuse a few words). */
const MAX_REMEMBERED_CORRECTIONS = 5_000;

/** One word of the query: the terms that match it, and how much it counts. */
export interface QueryWord {
  alternatives: readonly string[];
  weight: number;
  /** A place or a number: it adds to a match but cannot carry one alone. */
  modifier: boolean;
}

export interface SearchHit {
  entry: FaqEntry;
  score: number;
  /** 0–1: the IDF-weighted share of the query's words this entry matches. */
  coverage: number;
  /** Whether a word that says what the question is about (not a modifier) matched. */
  topical: boolean;
}

interface Doc {
  entry: FaqEntry;
  termFrequency: Map<string, number>;
  length: number;
}

export class FaqIndex {
  readonly #docs: Doc[];
  readonly #documentFrequency = new Map<string, number>();
  /** Term → the positions of the entries it appears in. */
  readonly #postings = new Map<string, number[]>();
  readonly #averageLength: number;
  /** Every stem a query word may be corrected to. */
  readonly #typos: TypoIndex;
  readonly #corrections = new Map<string, string>();

  constructor(entries: readonly FaqEntry[]) {
    this.#docs = entries.map((entry) => {
      const termFrequency = new Map<string, number>();
      const add = (text: string, weight: number) => {
        for (const stemmed of contentStems(text)) {
          for (const term of [stemmed, ...conceptsOf(stemmed)]) {
            termFrequency.set(term, (termFrequency.get(term) ?? 0) + weight);
          }
        }
      };
      add(entry.question, QUESTION_WEIGHT);
      add(entry.answer, 1);
      let length = 0;
      for (const count of termFrequency.values()) length += count;
      return { entry, termFrequency, length };
    });
    this.#docs.forEach((doc, position) => {
      for (const term of doc.termFrequency.keys()) {
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
        const postings = this.#postings.get(term);
        if (postings) postings.push(position);
        else this.#postings.set(term, [position]);
      }
    });
    this.#averageLength = this.#docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.#docs.length);
    const known = new Set([...this.#documentFrequency.keys()].filter((t) => !t.startsWith("#")));
    for (const s of lexiconStems()) known.add(s);
    this.#typos = new TypoIndex([...known].filter((stem) => stem.length >= 4));
  }

  get size(): number {
    return this.#docs.length;
  }

  /** The first MAX_QUERY_WORDS words of `text`, typo-corrected, each with its concept alternatives, at `weight`. */
  queryWords(text: string, weight = 1): QueryWord[] {
    return contentStems(text)
      .slice(0, MAX_QUERY_WORDS)
      .map((stemmed) => {
        const corrected = this.#correct(stemmed);
        return { alternatives: [corrected, ...conceptsOf(corrected)], weight, modifier: isModifier(corrected) };
      });
  }

  /** Entries ranked by BM25, best first (in FAQ order between equals); entries matching nothing are left out. */
  search(query: readonly QueryWord[]): SearchHit[] {
    const total = query.reduce((sum, word) => sum + word.weight * this.#wordIdf(word), 0);
    // Only the entries a word's terms appear in are visited, through the postings.
    const found = new Map<number, { score: number; covered: number; topical: boolean }>();
    for (const word of query) {
      const best = new Map<number, number>();
      for (const term of word.alternatives) {
        for (const position of this.#postings.get(term) ?? []) {
          const doc = this.#docs[position];
          if (doc) best.set(position, Math.max(best.get(position) ?? 0, this.#termScore(term, doc)));
        }
      }
      const idf = this.#wordIdf(word);
      for (const [position, score] of best) {
        if (score <= 0) continue;
        const hit = found.get(position) ?? { score: 0, covered: 0, topical: false };
        hit.score += word.weight * score;
        hit.covered += word.weight * idf;
        hit.topical ||= !word.modifier;
        found.set(position, hit);
      }
    }
    return [...found]
      .sort(([a, x], [b, y]) => y.score - x.score || a - b)
      .flatMap(([position, { score, covered, topical }]) => {
        const doc = this.#docs[position];
        return doc ? [{ entry: doc.entry, score, coverage: total > 0 ? covered / total : 0, topical }] : [];
      });
  }

  #idf(term: string): number {
    const n = this.#docs.length;
    const df = this.#documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** A word is as informative as its rarest known alternative; an unknown word counts fully. */
  #wordIdf(word: QueryWord): number {
    const known = word.alternatives.filter((t) => this.#documentFrequency.has(t));
    if (known.length === 0) return this.#idf("");
    return Math.max(...known.map((t) => this.#idf(t)));
  }

  #termScore(term: string, doc: Doc): number {
    const tf = doc.termFrequency.get(term) ?? 0;
    if (tf === 0) return 0;
    const norm = K1 * (1 - B + (B * doc.length) / this.#averageLength);
    return this.#idf(term) * ((tf * (K1 + 1)) / (tf + norm));
  }

  /** The closest known stem within one edit (two for long words), or the stem itself. */
  #correct(stemmed: string): string {
    if (stemmed.length < 5 || this.#documentFrequency.has(stemmed) || conceptsOf(stemmed).length > 0) return stemmed;
    const remembered = this.#corrections.get(stemmed);
    if (remembered !== undefined) return remembered;
    const max = stemmed.length >= 7 ? 2 : 1;
    let best = stemmed;
    let bestDistance = max + 1;
    for (const { word: known, distance } of this.#typos.neighbours(stemmed, max)) {
      if (distance < bestDistance || (distance === bestDistance && this.#preferred(known, best))) {
        best = known;
        bestDistance = distance;
      }
    }
    const corrected = bestDistance <= max ? best : stemmed;
    if (this.#corrections.size < MAX_REMEMBERED_CORRECTIONS) this.#corrections.set(stemmed, corrected);
    return corrected;
  }

  /** Between two equally close corrections, the one the FAQ itself uses. */
  #preferred(candidate: string, current: string): boolean {
    return (this.#documentFrequency.get(candidate) ?? 0) > (this.#documentFrequency.get(current) ?? 0);
  }
}
