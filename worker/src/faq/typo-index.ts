/**
 * Finds the known words within one or two edits of a word without comparing it with every known
 * word: each known word is filed under the strings left by deleting up to two of its letters, and
 * a word's own deletions find its neighbours (symmetric delete search, as SymSpell does). Built on
 * first use. Two words within `d` edits (insertions, deletions, substitutions, adjacent
 * transpositions) always share a string within `d` deletions of each, so no neighbour is missed;
 * candidates are then checked with the true distance.
 */
import { editDistance } from "./edit-distance";

/** The deepest correction searched. */
const MAX_EDITS = 2;

/** `word` and every string left by deleting up to `depth` of its letters. */
function deletions(word: string, depth: number): Set<string> {
  const found = new Set([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const text of frontier) {
      for (let i = 0; i < text.length; i++) {
        const shorter = text.slice(0, i) + text.slice(i + 1);
        if (!found.has(shorter)) {
          found.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return found;
}

export class TypoIndex {
  readonly #words: readonly string[];
  #byDeletion: Map<string, string[]> | undefined;

  constructor(words: Iterable<string>) {
    this.#words = [...new Set(words)];
  }

  /**
   * The known words within `max` edits of `word` (at most 2), closest first, with their distance.
   */
  neighbours(word: string, max: number): { word: string; distance: number }[] {
    const depth = Math.min(max, MAX_EDITS);
    const candidates = new Set<string>();
    for (const variant of deletions(word, depth)) {
      for (const known of this.#index().get(variant) ?? []) candidates.add(known);
    }
    const found: { word: string; distance: number }[] = [];
    for (const known of candidates) {
      const distance = editDistance(word, known, depth);
      if (distance <= depth) found.push({ word: known, distance });
    }
    return found.sort((a, b) => a.distance - b.distance);
  }

  #index(): Map<string, string[]> {
    if (!this.#byDeletion) {
      this.#byDeletion = new Map();
      for (const known of this.#words) {
        for (const variant of deletions(known, MAX_EDITS)) {
          const filed = this.#byDeletion.get(variant);
          if (filed) filed.push(known);
          else this.#byDeletion.set(variant, [known]);
        }
      }
    }
    return this.#byDeletion;
  }
}
