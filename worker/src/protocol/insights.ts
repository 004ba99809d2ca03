/** The operator's insights (docs/operator-api.md#insights): satisfaction, unanswered questions, transcripts. */
import { z } from "zod";
import { AnswerSource } from "./chat";

/** Thumbs up and down of the answers one FAQ version produced. */
export const VersionSatisfaction = z.object({
  version: z.number().int(),
  up: z.number().int(),
  down: z.number().int(),
  /** up / (up + down), or null without ratings. */
  rate: z.number().nullable(),
});
export type VersionSatisfaction = z.infer<typeof VersionSatisfaction>;

/** Similar questions the FAQ could not answer, or whose answers were rated down. */
export const QuestionGroup = z.object({
  /** The group's most representative wording. */
  question: z.string(),
  count: z.number().int(),
  /** How many got the FAQ's "I don't know". */
  unanswered: z.number().int(),
  /** How many were rated down. */
  ratedDown: z.number().int(),
  /** Up to five distinct wordings, most recent first. */
  examples: z.array(z.string()),
  lastAskedAt: z.string(),
  /** The FAQ had no answer for some of these questions, and the published FAQ answers them now. */
  answeredNow: z.boolean(),
});
export type QuestionGroup = z.infer<typeof QuestionGroup>;

export const RatedDownAnswer = z.object({
  messageId: z.string(),
  /** Null when the widget did not quote it (an older widget, or a mismatch). */
  question: z.string().nullable(),
  answer: z.string().nullable(),
  comment: z.string().nullable(),
  faqVersion: z.number().int().nullable(),
  source: AnswerSource.nullable(),
  ratedAt: z.string(),
});
export type RatedDownAnswer = z.infer<typeof RatedDownAnswer>;

export const LoggingPolicy = z.object({ enabled: z.boolean(), retentionDays: z.number().int() });
export type LoggingPolicy = z.infer<typeof LoggingPolicy>;

/** A published FAQ entry and how many logged answers named it among their sources. */
export const CitedEntry = z.object({ question: z.string(), url: z.string().optional(), count: z.number().int() });
export type CitedEntry = z.infer<typeof CitedEntry>;

/** Which entries of the published FAQ answers cite, over the answers kept (`TRANSCRIPT_RETENTION_DAYS`). */
export const Citations = z.object({
  /** Finished answers kept, and how many of them named at least one source. */
  answers: z.number().int(),
  answersWithSources: z.number().int(),
  /** The published FAQ's entries cited at least once, most cited first (at most 20). */
  mostCited: z.array(CitedEntry),
  /** How many of the published FAQ's entries no kept answer cited, and the first 50 of them, in FAQ order. */
  neverCitedCount: z.number().int(),
  neverCited: z.array(CitedEntry.omit({ count: true })),
});
export type Citations = z.infer<typeof Citations>;

/** `GET /api/admin/insights`. */
export const Insights = z.object({
  logging: LoggingPolicy,
  satisfaction: z.array(VersionSatisfaction),
  unanswered: z.array(QuestionGroup),
  ratedDown: z.array(RatedDownAnswer),
  citations: Citations,
});
export type Insights = z.infer<typeof Insights>;

export const TranscriptSummary = z.object({
  id: z.string(),
  /** A short, anonymous label of the visitor (from their hashed id). */
  visitor: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  turns: z.number().int(),
  firstQuestion: z.string(),
});
export type TranscriptSummary = z.infer<typeof TranscriptSummary>;

/** `GET /api/admin/transcripts`. */
export const TranscriptList = z.object({ logging: LoggingPolicy, conversations: z.array(TranscriptSummary) });
export type TranscriptList = z.infer<typeof TranscriptList>;

export const TranscriptTurn = z.object({
  messageId: z.string(),
  question: z.string(),
  answer: z.string(),
  source: AnswerSource,
  /** `stopped`: the visitor left or pressed Stop; `error`: the stream failed. */
  outcome: z.enum(["done", "stopped", "error"]),
  at: z.string(),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;

/** `GET /api/admin/transcripts/:id`. */
export const Transcript = z.object({ id: z.string(), visitor: z.string(), turns: z.array(TranscriptTurn) });
export type Transcript = z.infer<typeof Transcript>;
