/**
 * What an anonymous visitor's request may make the Worker store (README, "Privacy"): visitor
 * text is clipped, and a client network may leave only so many texts a day, however many visitor
 * ids it makes up. Everything else kept per request is a fixed-size row.
 */

/** Characters of a visitor's question kept (enough to group it and read it). */
export const STORED_QUESTION_MAX = 300;
/** Characters of an answer kept beside it. */
export const STORED_ANSWER_MAX = 2000;
/** Characters of a visitor's comment on a rating kept. */
export const STORED_COMMENT_MAX = 500;
/** Texts (questions with their answers, comments) a client network may leave in D1 per UTC day. */
export const STORED_TEXTS_PER_NETWORK_PER_DAY = 20;
/** Messages to the team (handoff requests and follow-ups) a client network may send per UTC day. */
export const HANDOFF_MESSAGES_PER_NETWORK_PER_DAY = 20;
/** Transcript turns a client network may leave per UTC day, when transcripts are on. */
export const TRANSCRIPT_TURNS_PER_NETWORK_PER_DAY = 200;

/** Whether one more text of a kind may be kept today (the network's Limiter counts). */
export type MayKeep = (kind: "text" | "turn" | "handoff", perDay: number) => Promise<boolean>;

/** `text` cut to at most `max` code points (never inside a character), marked "…" when cut. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  const points = Array.from(trimmed);
  return points.length <= max
    ? trimmed
    : `${points
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}
