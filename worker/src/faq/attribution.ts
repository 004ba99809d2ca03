/**
 * Which FAQ entries a piece of text draws on: an answer's sources, found after the fact by what it
 * shares with each entry it was given (the words and the facts: numbers, names, codes), with the
 * visitor's question as a tie-breaker. Words count through the lexicon's concepts too, so an answer
 * in Spanish still meets the English entry it retells. See docs/http-api.md#sources.
 */
import type { FaqIndex, SearchHit } from "./faq-index";

/** Below this share of the text's (IDF-weighted) words, an entry is not what the text retells. */
export const MIN_SHARE = 0.2;
/** Another entry this close to the best one is a source too… */
const RUNNER_UP_RATIO = 0.75;
/** …if it accounts for this share of the text that the best one does not (a second topic, not a near copy). */
const MIN_ADDED_SHARE = 0.15;
/** How much being the question's first-ranked entry adds to an entry's share (halved for the second…). */
const QUESTION_RANK_BONUS = 0.25;
/** At most this many sources for one answer. */
const MAX_SOURCES = 3;

/**
 * The entries among `given` (ids, best-ranked first for the question) that `text` draws on, best
 * first; empty when it draws on none (an "I don't know", small talk).
 */
export function drawnOn(index: FaqIndex, text: string, given: readonly number[]): number[] {
  if (given.length === 0) return [];
  const rank = new Map(given.map((id, i) => [id, i]));
  // Between entries the answer shares about as much with, the one ranked first for the question.
  const weighed = (hit: SearchHit) =>
    hit.coverage * (1 + QUESTION_RANK_BONUS / (1 + (rank.get(hit.id) ?? given.length)));
  const hits = index
    .search(index.queryWords(text), given)
    .filter((hit) => hit.topical && hit.coverage >= MIN_SHARE)
    .sort((a, b) => weighed(b) - weighed(a));
  const best = hits[0];
  if (!best) return [];
  const chosen = [best];
  for (const hit of hits.slice(1)) {
    if (chosen.length >= MAX_SOURCES || hit.coverage < best.coverage * RUNNER_UP_RATIO) break;
    const added = hit.shares.reduce(
      (sum, share, i) => (chosen.some((c) => (c.shares[i] ?? 0) > 0) ? sum : sum + share),
      0,
    );
    if (added >= MIN_ADDED_SHARE) chosen.push(hit);
  }
  return chosen.map((hit) => hit.id);
}
