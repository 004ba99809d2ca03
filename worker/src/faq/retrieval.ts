/**
 * Picks the FAQ entries a conversation needs when the FAQ is too large to send whole: the entries
 * the earlier answers drew on (so "and for the other one?" keeps its context), then the entries
 * ranked for the visitor's latest question, by BM25 and, when the FAQ has embeddings, by meaning
 * too (the two rankings fused by reciprocal rank), within a token budget.
 */
import type { ChatMessage } from "../protocol";
import { drawnOn } from "./attribution";
import type { FaqIndex } from "./faq-index";
import { type EntryVectors, nearest } from "./vectors";

/** How much the previous question counts beside the latest one. */
const PREVIOUS_QUESTION_WEIGHT = 0.3;
/** Earlier answers whose entries stay in the context. */
const EARLIER_ANSWERS = 2;
/** How far down each ranking is looked at. */
const DEPTH = 60;
/** Reciprocal rank fusion's constant (Cormack et al.): damps the top ranks' lead. */
const RRF_K = 60;

export interface SemanticQuery {
  vectors: EntryVectors;
  /** The latest question's embedding. */
  query: Float32Array;
}

/** Entry ids for the conversation, most needed first. */
export function rankForConversation(
  index: FaqIndex,
  messages: readonly ChatMessage[],
  semantic?: SemanticQuery,
): number[] {
  const questions = messages.filter((m) => m.role === "user").map((m) => m.content);
  const latest = questions.at(-1) ?? "";
  const previous = questions.at(-2);
  const words = [
    ...index.queryWords(latest),
    ...(previous === undefined ? [] : index.queryWords(previous, PREVIOUS_QUESTION_WEIGHT)),
  ];
  const lexical = index
    .search(words)
    .slice(0, DEPTH)
    .map((hit) => hit.id);
  const meaning = semantic ? nearest(semantic.vectors, semantic.query, DEPTH) : [];
  const ranked = fuse([lexical, meaning]);
  const earlier = earlierEntries(index, messages);
  return [...new Set([...earlier, ...ranked])];
}

/** The entries the conversation's last answers drew on, found in the entries ranked for their questions. */
export function earlierEntries(index: FaqIndex, messages: readonly ChatMessage[]): number[] {
  const found: number[] = [];
  let answers = 0;
  for (let i = messages.length - 1; i > 0 && answers < EARLIER_ANSWERS; i--) {
    const answer = messages[i];
    const question = messages[i - 1];
    if (answer?.role !== "assistant" || question?.role !== "user") continue;
    answers++;
    const candidates = index
      .search(index.queryWords(question.content))
      .slice(0, DEPTH)
      .map((hit) => hit.id);
    found.push(...drawnOn(index, answer.content, candidates));
  }
  return found;
}

/** Reciprocal rank fusion of rankings of ids. */
function fuse(rankings: readonly (readonly number[])[]): number[] {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1));
    });
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/** The ranked ids whose entries fit in `budget` tokens (an entry too large for what is left is skipped). */
export function withinBudget(
  ranked: readonly number[],
  budget: number,
  cost: (id: number) => number | undefined,
): number[] {
  const chosen: number[] = [];
  let left = budget;
  for (const id of ranked) {
    const tokens = cost(id);
    if (tokens === undefined || tokens > left) continue;
    chosen.push(id);
    left -= tokens;
  }
  return chosen;
}
