/**
 * BM25 ranking of FAQ entries (question counted three times, answer once) for a visitor's question.
 * Each query word is matched through its stem or any concept of the support lexicon, after a
 * typo correction towards the words the index and the lexicon know. Besides the score, a hit
 * reports its coverage: the share of the query's (IDF-weighted) words it matches, which is what
 * tells an answer from a guess.
 */
import { editDistance } from "./edit-distance";
import { conceptsOf, intentsOf, isModifier, lexiconStems } from "./lexicon";
import type { FaqEntry } from "./parse-faq";
import { contentStems, foldText } from "./text-analysis";

/** A question contributes at most this many words: more say nothing more, and would only cost time. */
export const MAX_QUERY_WORDS = 32;
/** Typo corrections remembered per index (questions reuse a few words). */
const MAX_REMEMBERED_CORRECTIONS = 5_000;

const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 10;
/** How much what a question asks for ("where", "how long") counts beside its words. */
const INTENT_WEIGHT = 0.5;

/** One word of the query: the terms that match it, and how much it counts. */
export interface QueryWord {
  alternatives: readonly string[];
  weight: number;
  /** A place or a number: it adds to a match but cannot carry one alone. */
  modifier: boolean;
}

export interface SearchHit {
  entry: FaqEntry;
  /** The entry's position in the FAQ. */
  id: number;
  score: number;
  /** 0–1: the IDF-weighted share of the query's words this entry matches. */
  coverage: number;
  /** Whether a word that says what the question is about (not a modifier) matched. */
  topical: boolean;
  /** 0–1: the share of the query's words that the entry's question (its heading) matches. */
  headingCoverage: number;
  /** Per query word, the share of the query it contributes to `coverage` (0 when it does not match). */
  shares: number[];
}

interface Doc {
  entry: FaqEntry;
  id: number;
  termFrequency: Map<string, number>;
  /** The terms of the entry's question. */
  heading: Set<string>;
  length: number;
}

/** What one entry gathers while a query is scored. */
interface Tally {
  score: number;
  covered: number;
  inHeading: number;
  topical: boolean;
  credits: number[];
}

export class FaqIndex {
  readonly #docs: Doc[];
  readonly #documentFrequency = new Map<string, number>();
  readonly #averageLength: number;
  /** term → the entries that have it, with its weighted frequency there: search reads only these. */
  readonly #postings = new Map<string, [doc: number, frequency: number][]>();
  /** Per entry, BM25's length normalisation. */
  readonly #norms: number[];
  readonly #idfs = new Map<string, number>();
  /** Every stem a query word may be corrected to, by its first letter and by its second. */
  readonly #stemsByFirst = new Map<string, string[]>();
  readonly #stemsBySecond = new Map<string, string[]>();
  readonly #corrections = new Map<string, string>();

  constructor(entries: readonly FaqEntry[]) {
    this.#docs = entries.map((entry, id) => {
      const termFrequency = new Map<string, number>();
      const heading = new Set<string>();
      const add = (text: string, weight: number) => {
        for (const stemmed of contentStems(text)) {
          for (const term of [stemmed, ...conceptsOf(stemmed)]) {
            termFrequency.set(term, (termFrequency.get(term) ?? 0) + weight);
            if (weight === QUESTION_WEIGHT) heading.add(term);
          }
        }
      };
      add(entry.question, QUESTION_WEIGHT);
      add(entry.answer, 1);
      let length = 0;
      for (const count of termFrequency.values()) length += count;
      return { entry, id, termFrequency, heading, length };
    });
    for (const doc of this.#docs) {
      for (const [term, frequency] of doc.termFrequency) {
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
        const postings = this.#postings.get(term) ?? [];
        postings.push([doc.id, frequency]);
        this.#postings.set(term, postings);
      }
    }
    this.#averageLength = this.#docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, this.#docs.length);
    this.#norms = this.#docs.map((doc) => K1 * (1 - B + (B * doc.length) / this.#averageLength));
    const known = new Set([...this.#documentFrequency.keys()].filter((t) => !t.startsWith("#")));
    for (const s of lexiconStems()) known.add(s);
    for (const stem of known) {
      if (stem.length < 4) continue;
      for (const [byLetter, letter] of [
        [this.#stemsByFirst, stem[0]],
        [this.#stemsBySecond, stem[1]],
      ] as const) {
        if (!letter) continue;
        const list = byLetter.get(letter) ?? [];
        list.push(stem);
        byLetter.set(letter, list);
      }
    }
  }

  get size(): number {
    return this.#docs.length;
  }

  /** How informative `word` is: the IDF of its rarest known term (an unknown word counts fully). */
  informativeness(word: QueryWord): number {
    return this.#wordIdf(word);
  }

  /** Whether any entry has a term of `word`. */
  knows(word: QueryWord): boolean {
    return word.alternatives.some((term) => this.#documentFrequency.has(term));
  }

  /** The entry at position `id`. */
  entry(id: number): FaqEntry | undefined {
    return this.#docs[id]?.entry;
  }

  /** The words of `text`, typo-corrected, each with its concept alternatives, at `weight`. */
  queryWords(text: string, weight = 1): QueryWord[] {
    const intents = intentsOf(foldText(text));
    const stems = contentStems(text).slice(0, MAX_QUERY_WORDS);
    const replaced = new Set(intents.flatMap((intent) => intent.replaces).filter((stemmed) => stems.includes(stemmed)));
    const words = stems
      .filter((stemmed) => !replaced.has(stemmed))
      .map((stemmed) => {
        const corrected = this.#correct(stemmed);
        return { alternatives: [corrected, ...conceptsOf(corrected)], weight, modifier: isModifier(corrected) };
      });
    // An intent that stands for words of the question ("send it back") counts as they would have.
    const asked = intents.map(({ concepts, replaces }) =>
      replaces.some((stemmed) => replaced.has(stemmed))
        ? { alternatives: concepts, weight, modifier: false }
        : { alternatives: concepts, weight: weight * INTENT_WEIGHT, modifier: true },
    );
    return [...words, ...asked];
  }

  /** Entries ranked by BM25, best first; entries matching nothing are left out. `among`: only these entries. */
  search(query: readonly QueryWord[], among?: readonly number[]): SearchHit[] {
    const total = query.reduce((sum, word) => sum + word.weight * this.#wordIdf(word), 0);
    const allowed = among ? new Set(among) : undefined;
    const tallies = new Map<number, Tally>();
    query.forEach((word, position) => {
      // Each entry's best term for this word: the word itself, or one of its concepts.
      const best = new Map<number, [score: number, term: string]>();
      for (const term of word.alternatives) {
        const idf = this.#idf(term);
        for (const [doc, tf] of this.#postings.get(term) ?? []) {
          if (allowed && !allowed.has(doc)) continue;
          const score = idf * ((tf * (K1 + 1)) / (tf + (this.#norms[doc] ?? K1)));
          if (score > (best.get(doc)?.[0] ?? 0)) best.set(doc, [score, term]);
        }
      }
      const wordIdf = this.#wordIdf(word);
      for (const [doc, [score, term]] of best) {
        let tally = tallies.get(doc);
        if (!tally) {
          tally = {
            score: 0,
            covered: 0,
            inHeading: 0,
            topical: false,
            credits: new Array<number>(query.length).fill(0),
          };
          tallies.set(doc, tally);
        }
        tally.score += word.weight * score;
        // A match through a broad concept says less than the word itself would.
        const credit = word.weight * Math.min(wordIdf, this.#idf(term));
        tally.covered += credit;
        tally.credits[position] = credit;
        if (this.#docs[doc]?.heading.has(term)) tally.inHeading += credit;
        tally.topical ||= !word.modifier;
      }
    });
    const share = (part: number) => (total > 0 ? part / total : 0);
    const hits: SearchHit[] = [];
    for (const [id, tally] of tallies) {
      const doc = this.#docs[id];
      if (!doc || tally.score <= 0) continue;
      hits.push({
        entry: doc.entry,
        id,
        score: tally.score,
        coverage: share(tally.covered),
        topical: tally.topical,
        headingCoverage: share(tally.inHeading),
        shares: tally.credits.map(share),
      });
    }
    return hits.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  #idf(term: string): number {
    let idf = this.#idfs.get(term);
    if (idf === undefined) {
      const n = this.#docs.length;
      const df = this.#documentFrequency.get(term) ?? 0;
      idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.#idfs.set(term, idf);
    }
    return idf;
  }

  /** A word is as informative as its rarest known alternative; an unknown word counts fully. */
  #wordIdf(word: QueryWord): number {
    const known = word.alternatives.filter((t) => this.#documentFrequency.has(t));
    if (known.length === 0) return this.#idf("");
    return Math.max(...known.map((t) => this.#idf(t)));
  }

  /**
   * The closest known stem within one edit (two for long words), or the stem itself. A short
   * stem is corrected only by a letter added or two swapped: "bring" is a word of its own, not a
   * typo of "ring", nor "sister" (`sist`) of "list".
   */
  #correct(stemmed: string): string {
    if (stemmed.length < 4 || this.#documentFrequency.has(stemmed) || conceptsOf(stemmed).length > 0) return stemmed;
    const remembered = this.#corrections.get(stemmed);
    if (remembered !== undefined) return remembered;
    const corrected = this.#closest(stemmed);
    if (this.#corrections.size < MAX_REMEMBERED_CORRECTIONS) this.#corrections.set(stemmed, corrected);
    return corrected;
  }

  /** The known stem `stemmed` is most likely a typo of, or itself. */
  #closest(stemmed: string): string {
    const max = stemmed.length >= 9 ? 2 : 1;
    const short = stemmed.length <= 5;
    let best = stemmed;
    let bestDistance = max + 1;
    // Typos keep the first letter, or the second (a first letter mistyped or swapped with it).
    const first = stemmed[0] ?? "";
    const second = stemmed[1] ?? "";
    const candidates = new Set([
      ...(this.#stemsByFirst.get(first) ?? []),
      ...(this.#stemsBySecond.get(second) ?? []),
      ...(this.#stemsByFirst.get(second) ?? []),
    ]);
    for (const known of candidates) {
      // A short stem is only a typo of a longer word (a letter left out) or of its own letters swapped.
      if (known.length < 4 || (short && known.length < stemmed.length)) continue;
      if (short && known.length === stemmed.length && [...known].sort().join("") !== [...stemmed].sort().join(""))
        continue;
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
