/**
 * BM25 ranking of FAQ entries (question counted three times, answer once) for a visitor's question.
 * Each query word is matched through its stem or any concept of the support lexicon, after a
 * typo correction towards the words the index and the lexicon know. Besides the score, a hit
 * reports its coverage: the share of the query's (IDF-weighted) words it matches, which is what
 * tells an answer from a guess.
 */
import { editDistance } from "./edit-distance";
import { conceptsOf, isModifier, lexiconStems } from "./lexicon";
import type { FaqEntry } from "./parse-faq";
import { contentStems } from "./text-analysis";

const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 3;

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
  readonly #averageLength: number;
  /** Every stem a query word may be corrected to. */
  readonly #knownStems: string[];

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
    for (const doc of this.#docs) {
      for (const term of doc.termFrequency.keys()) {
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      }
    }
    this.#averageLength = this.#docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.#docs.length);
    const known = new Set([...this.#documentFrequency.keys()].filter((t) => !t.startsWith("#")));
    for (const s of lexiconStems()) known.add(s);
    this.#knownStems = [...known];
  }

  get size(): number {
    return this.#docs.length;
  }

  /** The words of `text`, typo-corrected, each with its concept alternatives, at `weight`. */
  queryWords(text: string, weight = 1): QueryWord[] {
    return contentStems(text).map((stemmed) => {
      const corrected = this.#correct(stemmed);
      return { alternatives: [corrected, ...conceptsOf(corrected)], weight, modifier: isModifier(corrected) };
    });
  }

  /** Entries ranked by BM25, best first; entries matching nothing are left out. */
  search(query: readonly QueryWord[]): SearchHit[] {
    const total = query.reduce((sum, word) => sum + word.weight * this.#wordIdf(word), 0);
    const hits: SearchHit[] = [];
    for (const doc of this.#docs) {
      let score = 0;
      let covered = 0;
      let topical = false;
      for (const word of query) {
        let best = 0;
        for (const term of word.alternatives) best = Math.max(best, this.#termScore(term, doc));
        if (best > 0) {
          score += word.weight * best;
          covered += word.weight * this.#wordIdf(word);
          topical ||= !word.modifier;
        }
      }
      if (score > 0) hits.push({ entry: doc.entry, score, coverage: total > 0 ? covered / total : 0, topical });
    }
    return hits.sort((a, b) => b.score - a.score);
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
    const max = stemmed.length >= 7 ? 2 : 1;
    let best = stemmed;
    let bestDistance = max + 1;
    for (const known of this.#knownStems) {
      if (known.length < 4) continue;
      const distance = editDistance(stemmed, known, Math.min(max, bestDistance));
      if (distance < bestDistance || (distance === bestDistance && this.#preferred(known, best))) {
        best = known;
        bestDistance = distance;
      }
    }
    return bestDistance <= max ? best : stemmed;
  }

  /** Between two equally close corrections, the one the FAQ itself uses. */
  #preferred(candidate: string, current: string): boolean {
    return (this.#documentFrequency.get(candidate) ?? 0) > (this.#documentFrequency.get(current) ?? 0);
  }
}
