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
  /** 0–1: the (IDF-weighted) share of the entry's question that the query matches, the other way round. */
  headingRecall: number;
}

interface Doc {
  entry: FaqEntry;
  id: number;
  termFrequency: Map<string, number>;
  /** The terms of the entry's question. */
  heading: Set<string>;
  /** The words of the entry's question, each as its terms (stem and concepts). */
  headingWords: string[][];
  length: number;
}

export class FaqIndex {
  readonly #docs: Doc[];
  readonly #documentFrequency = new Map<string, number>();
  readonly #averageLength: number;
  /** Every stem a query word may be corrected to. */
  readonly #knownStems: string[];

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
      const headingWords = contentStems(entry.question).map((stemmed) => [stemmed, ...conceptsOf(stemmed)]);
      return { entry, id, termFrequency, heading, headingWords, length };
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
    const stems = contentStems(text);
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
    const hits: SearchHit[] = [];
    const docs = among ? among.flatMap((id) => this.#docs[id] ?? []) : this.#docs;
    const asked = new Set(query.flatMap((word) => word.alternatives));
    for (const doc of docs) {
      let score = 0;
      let covered = 0;
      let inHeading = 0;
      let topical = false;
      const credits: number[] = [];
      for (const word of query) {
        let best = 0;
        let matched = "";
        for (const term of word.alternatives) {
          const termScore = this.#termScore(term, doc);
          if (termScore > best) [best, matched] = [termScore, term];
        }
        if (best > 0) {
          score += word.weight * best;
          // A match through a broad concept says less than the word itself would.
          const credit = word.weight * Math.min(this.#wordIdf(word), this.#idf(matched));
          covered += credit;
          credits.push(credit);
          if (doc.heading.has(matched)) inHeading += credit;
          topical ||= !word.modifier;
        } else {
          credits.push(0);
        }
      }
      if (score > 0) {
        const share = (part: number) => (total > 0 ? part / total : 0);
        hits.push({
          entry: doc.entry,
          id: doc.id,
          score,
          coverage: share(covered),
          topical,
          headingCoverage: share(inHeading),
          shares: credits.map(share),
          headingRecall: this.#headingRecall(doc, asked),
        });
      }
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** The IDF-weighted share of the words of `doc`'s question that have a term in `asked`. */
  #headingRecall(doc: Doc, asked: ReadonlySet<string>): number {
    let total = 0;
    let matched = 0;
    for (const terms of doc.headingWords) {
      const weight = Math.max(...terms.map((term) => this.#idf(term)));
      total += weight;
      if (terms.some((term) => asked.has(term))) matched += weight;
    }
    return total > 0 ? matched / total : 0;
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

  /**
   * The closest known stem within one edit (two for long words), or the stem itself. A short
   * stem is corrected only by a letter added or two swapped: "bring" is a word of its own, not a
   * typo of "ring", nor "sister" (`sist`) of "list".
   */
  #correct(stemmed: string): string {
    if (stemmed.length < 4 || this.#documentFrequency.has(stemmed) || conceptsOf(stemmed).length > 0) return stemmed;
    const max = stemmed.length >= 9 ? 2 : 1;
    const short = stemmed.length <= 5;
    let best = stemmed;
    let bestDistance = max + 1;
    for (const known of this.#knownStems) {
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
