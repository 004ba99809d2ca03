/**
 * BM25 ranking of FAQ entries (question counted three times, answer once) for a visitor's question.
 * Each query word is matched through its stem or any concept of the support lexicon, after a
 * typo correction towards the words the index and the lexicon know. Besides the score, a hit
 * reports its coverage: the share of the query's (IDF-weighted) words it matches, which is what
 * tells an answer from a guess.
 */
import { editDistance } from "./edit-distance";
import { conceptsOf, intentsOf, isModifier, lexiconWords } from "./lexicon";
import type { FaqEntry } from "./parse-faq";
import { contentWords, foldText, stem } from "./text-analysis";

/** A question contributes at most this many words: more say nothing more, and would only cost time. */
export const MAX_QUERY_WORDS = 32;
/** Typo corrections remembered per index (questions reuse a few words). */
const MAX_REMEMBERED_CORRECTIONS = 5_000;

const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 10;
/** How much the visitor's word itself adds to an entry that a concept of it matches already. */
const LITERAL_BONUS = 0.2;
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
  /** Every word a query word may be corrected to (as written, folded), by its first letter and by its second. */
  readonly #knownWords = new TypoCandidates();
  /** The same for stems, which meet inflected typos ("restablezco" → "restablec"). */
  readonly #knownStems = new TypoCandidates();
  readonly #corrections = new Map<string, string>();

  constructor(entries: readonly FaqEntry[]) {
    this.#docs = entries.map((entry, id) => {
      const termFrequency = new Map<string, number>();
      const heading = new Set<string>();
      const add = (text: string, weight: number) => {
        for (const word of contentWords(text)) {
          const stemmed = stem(word);
          this.#learn(word, stemmed);
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
    for (const word of lexiconWords()) this.#learn(word, stem(word));
  }

  /** Makes `word` (and its stem) a word that typos are corrected towards. */
  #learn(word: string, stemmed: string): void {
    this.#knownWords.add(word);
    this.#knownStems.add(stemmed);
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
    const written = contentWords(text).slice(0, MAX_QUERY_WORDS);
    const stems = written.map(stem);
    const replaced = new Set(intents.flatMap((intent) => intent.replaces).filter((stemmed) => stems.includes(stemmed)));
    const words = written
      .map((word, i) => [word, stems[i] ?? word] as const)
      .filter(([, stemmed]) => !replaced.has(stemmed))
      .map(([word, stemmed]) => {
        const corrected = this.#correct(word, stemmed);
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
      const literal = new Map<number, number>();
      word.alternatives.forEach((term, alternative) => {
        const idf = this.#idf(term);
        for (const [doc, tf] of this.#postings.get(term) ?? []) {
          if (allowed && !allowed.has(doc)) continue;
          const score = idf * ((tf * (K1 + 1)) / (tf + (this.#norms[doc] ?? K1)));
          if (alternative === 0) literal.set(doc, score);
          if (score > (best.get(doc)?.[0] ?? 0)) best.set(doc, [score, term]);
        }
      });
      // Between entries a concept matches alike, the one with the visitor's own word ("Apple Pay").
      for (const [doc, [score, term]] of best) {
        if (term !== word.alternatives[0]) best.set(doc, [score + LITERAL_BONUS * (literal.get(doc) ?? 0), term]);
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
   * The stem of `word`, or of the known word it is most likely a typo of: within one edit (two for
   * long words) of it as written, since stems of typos can be far apart ("battry" → "battr", "battery"
   * → "bat"). A short word is corrected only by a letter added or two swapped: "bring" is a word of
   * its own, not a typo of "ring", nor "sister" of "lister".
   */
  #correct(word: string, stemmed: string): string {
    if (word.length < 4 || this.#documentFrequency.has(stemmed) || conceptsOf(stemmed).length > 0) return stemmed;
    const remembered = this.#corrections.get(word);
    if (remembered !== undefined) return remembered;
    const closestStem = this.#closest(stemmed, this.#knownStems);
    // A word its stem leaves whole was just compared as written.
    const corrected =
      closestStem !== stemmed || stemmed === word ? closestStem : stem(this.#closest(word, this.#knownWords));
    if (this.#corrections.size < MAX_REMEMBERED_CORRECTIONS) this.#corrections.set(word, corrected);
    return corrected;
  }

  /** The known word (or stem) `word` is most likely a typo of, or itself. */
  #closest(word: string, known: TypoCandidates): string {
    const max = word.length >= 9 ? 2 : 1;
    const short = word.length <= 5;
    let best = word;
    let bestDistance = max + 1;
    // A short word is only a typo of a longer word (a letter left out) or of its own letters swapped.
    const shortest = short ? word.length : word.length - max;
    const sorted = short ? [...word].sort().join("") : "";
    for (const candidate of known.near(word, shortest, word.length + max)) {
      if (short && candidate.length === word.length && [...candidate].sort().join("") !== sorted) continue;
      const distance = editDistance(word, candidate, Math.min(max, bestDistance));
      if (distance > max) continue;
      if (distance < bestDistance || (distance === bestDistance && this.#preferred(candidate, best))) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= max ? best : word;
  }

  /** Between two equally close corrections, the one the FAQ itself uses more. */
  #preferred(candidate: string, current: string): boolean {
    return (this.#documentFrequency.get(stem(candidate)) ?? 0) > (this.#documentFrequency.get(stem(current)) ?? 0);
  }
}

/**
 * Known words of four letters or more, found by a possible typo of them: by the typo's first letter
 * or its second (a first letter mistyped, or swapped with the second), and by length, so that a
 * lookup reads only words within reach of it.
 */
class TypoCandidates {
  readonly #words = new Set<string>();
  readonly #byFirst = new Map<string, string[]>();
  readonly #bySecond = new Map<string, string[]>();

  add(word: string): void {
    if (word.length < 4 || this.#words.has(word)) return;
    this.#words.add(word);
    for (const [byLetter, letter] of [
      [this.#byFirst, word[0]],
      [this.#bySecond, word[1]],
    ] as const) {
      const key = `${letter}${word.length}`;
      const list = byLetter.get(key) ?? [];
      list.push(word);
      byLetter.set(key, list);
    }
  }

  /** Known words of `shortest` to `longest` letters sharing the first or second letter of `typo`, or starting with its second. */
  *near(typo: string, shortest: number, longest: number): Generator<string> {
    const [first, second] = [typo[0] ?? "", typo[1] ?? ""];
    for (let length = Math.max(4, shortest); length <= longest; length++) {
      yield* this.#byFirst.get(`${first}${length}`) ?? [];
      yield* this.#bySecond.get(`${second}${length}`) ?? [];
      yield* this.#byFirst.get(`${second}${length}`) ?? [];
    }
  }
}
