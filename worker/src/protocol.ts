/**
 * The wire protocol between the widget, the operator console and the Worker (CONTRACT §3, §5).
 * Every shape that crosses the network is a Zod schema here; types come from `z.infer`.
 * Imports only zod, so the widget can `import type` from it without pulling Zod into its bundle.
 */
import { z } from "zod";

export const LIMITS = {
  visitorIdMin: 8,
  visitorIdMax: 64,
  messagesMax: 50,
  contentMax: 4000,
  bodyBytesMax: 64 * 1024,
  adminBodyBytesMax: 512 * 1024,
  faqCharsMax: 200_000,
  feedbackCommentMax: 1000,
  /** The longest answer a rating may quote back (model answers are capped far below this). */
  feedbackAnswerMax: 16_000,
} as const;

/** Error text for a field that is missing or of the wrong JSON type. */
const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${expected}`;

/** Some character that shows: not only spaces, zero-width characters or direction marks. */
const VISIBLE = /[^\s\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;

export const VisitorId = z
  .string({ error: typeError("a string") })
  .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, '_' and '-'")
  .min(LIMITS.visitorIdMin, `must be at least ${LIMITS.visitorIdMin} characters`)
  .max(LIMITS.visitorIdMax, `must be at most ${LIMITS.visitorIdMax} characters`);

export const ChatRole = z.enum(["user", "assistant"], {
  error: (issue) =>
    issue.input === "system"
      ? "'system' is not accepted: the operator's FAQ is the only system message"
      : "must be 'user' or 'assistant'",
});

export const ChatMessage = z.object(
  {
    role: ChatRole,
    content: z
      .string({ error: typeError("a string") })
      .min(1, "must not be empty")
      .max(LIMITS.contentMax, `must be at most ${LIMITS.contentMax} characters`)
      .refine((text) => text.isWellFormed(), "must be valid Unicode text")
      .refine((text) => VISIBLE.test(text), "must not be empty"),
  },
  { error: typeError("an object with role and content") },
);

export const ChatRequest = z.object(
  {
    visitorId: VisitorId,
    messages: z
      .array(ChatMessage, { error: typeError("an array of messages") })
      .min(1, "must contain at least one message")
      .max(LIMITS.messagesMax, `must contain at most ${LIMITS.messagesMax} messages`)
      .refine((messages) => messages.at(-1)?.role === "user", "the last message must be from the user"),
  },
  { error: "must be a JSON object" },
);

export const FeedbackRequest = z.object(
  {
    visitorId: VisitorId,
    messageId: z
      .string({ error: typeError("a string") })
      .min(1, "must not be empty")
      .max(100),
    rating: z.enum(["up", "down"], { error: "must be 'up' or 'down'" }),
    comment: z
      .string({ error: typeError("a string") })
      .max(LIMITS.feedbackCommentMax, `must be at most ${LIMITS.feedbackCommentMax} characters`)
      .optional(),
    /**
     * Beyond CONTRACT §3, optional: with a thumbs-down the widget quotes the question and the
     * answer, so the operator can see what went wrong without transcripts being logged. Kept only
     * if they match the fingerprint the Worker took of that answer.
     */
    question: z
      .string({ error: typeError("a string") })
      .max(LIMITS.contentMax, `must be at most ${LIMITS.contentMax} characters`)
      .optional(),
    answer: z
      .string({ error: typeError("a string") })
      .max(LIMITS.feedbackAnswerMax, `must be at most ${LIMITS.feedbackAnswerMax} characters`)
      .optional(),
  },
  { error: "must be a JSON object" },
);

export const Usage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});

export const AnswerSource = z.enum(["model", "faq"]);

/** `event: delta` — the next piece of the answer. */
export const DeltaEvent = z.object({ text: z.string() });

/** `event: done` — the answer is complete. */
export const DoneEvent = z.object({
  messageId: z.string(),
  finishReason: z.string(),
  source: AnswerSource,
  usage: Usage,
});

/** `event: error` — the stream failed after it started. */
export const StreamErrorEvent = z.object({ code: z.string(), message: z.string() });

export const ErrorCode = z.enum([
  "invalid_request",
  "origin_not_allowed",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "rate_limited",
  "budget_exhausted",
  "unauthorized",
  "admin_disabled",
  "version_conflict",
  "upstream_error",
  "upstream_unavailable",
  "internal_error",
]);

/** Every JSON error answer: `{"error": {"code", "message"}}` (+ `retryAfter` on 429). */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    retryAfter: z.number().int().positive().optional(),
  }),
});

const HexColor = z
  .string({ error: typeError("a string") })
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "must be a hex color like #2563eb");

/** Public widget settings served by `GET /api/config`, saved with `PUT /api/admin/settings`. */
export const WidgetConfig = z.object(
  {
    title: z
      .string({ error: typeError("a string") })
      .trim()
      .min(1, "must not be empty")
      .max(60, "must be at most 60 characters"),
    greeting: z
      .string({ error: typeError("a string") })
      .trim()
      .max(500, "must be at most 500 characters"),
    suggestions: z
      .array(
        z
          .string({ error: typeError("a string") })
          .trim()
          .min(1, "must not be empty")
          .max(120, "must be at most 120 characters"),
        { error: typeError("an array of questions") },
      )
      .max(6, "must list at most 6 questions"),
    color: HexColor,
    position: z.enum(["right", "left"], { error: "must be 'right' or 'left'" }),
    contactUrl: z
      .url({ protocol: /^(https?|mailto|tel)$/, error: "must be an http(s), mailto: or tel: URL" })
      .max(500, "must be at most 500 characters")
      .nullable(),
  },
  { error: "must be a JSON object" },
);

/** `PUT /api/admin/faq`: publish a new version on top of `baseVersion`. */
export const FaqPublishRequest = z.object(
  {
    content: z
      .string({ error: typeError("a string") })
      .refine((text) => text.trim() !== "", "must not be empty")
      .refine((text) => text.length <= LIMITS.faqCharsMax, `must be at most ${LIMITS.faqCharsMax} characters`),
    baseVersion: z
      .number({ error: typeError("a version number") })
      .int("must be a whole number")
      .nonnegative(),
    note: z
      .string({ error: typeError("a string") })
      .max(200, "must be at most 200 characters")
      .optional(),
  },
  { error: "must be a JSON object" },
);

/** `POST /api/admin/faq/rollback`: publish an old version's content again. */
export const FaqRollbackRequest = z.object(
  {
    version: z
      .number({ error: typeError("a version number") })
      .int("must be a whole number")
      .positive(),
  },
  { error: "must be a JSON object" },
);

/** `POST /api/admin/preview`: a chat against a draft FAQ. */
export const PreviewRequest = z.object(
  { content: FaqPublishRequest.shape.content, messages: ChatRequest.shape.messages },
  { error: "must be a JSON object" },
);

export const FaqDocument = z.object({ version: z.number().int(), content: z.string(), updatedAt: z.string() });

export const FaqVersionSummary = z.object({
  version: z.number().int(),
  note: z.string(),
  updatedAt: z.string(),
  size: z.number().int(),
});

export const DayStats = z.object({
  day: z.string(),
  conversations: z.number().int(),
  messages: z.number().int(),
  tokens: z.number().int(),
  rateLimited: z.number().int(),
  fallbacks: z.number().int(),
  errors: z.number().int(),
});

/** Thumbs up and down of the answers one FAQ version produced. */
export const VersionSatisfaction = z.object({
  version: z.number().int(),
  up: z.number().int(),
  down: z.number().int(),
  /** up / (up + down), or null without ratings. */
  rate: z.number().nullable(),
});

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

export const LoggingPolicy = z.object({ enabled: z.boolean(), retentionDays: z.number().int() });

/** `GET /api/admin/insights`. */
export const Insights = z.object({
  logging: LoggingPolicy,
  satisfaction: z.array(VersionSatisfaction),
  unanswered: z.array(QuestionGroup),
  ratedDown: z.array(RatedDownAnswer),
});

export const TranscriptSummary = z.object({
  id: z.string(),
  /** A short, anonymous label of the visitor (from their hashed id). */
  visitor: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  turns: z.number().int(),
  firstQuestion: z.string(),
});

/** `GET /api/admin/transcripts`. */
export const TranscriptList = z.object({ logging: LoggingPolicy, conversations: z.array(TranscriptSummary) });

export const TranscriptTurn = z.object({
  messageId: z.string(),
  question: z.string(),
  answer: z.string(),
  source: AnswerSource,
  /** `stopped`: the visitor left or pressed Stop; `error`: the stream failed. */
  outcome: z.enum(["done", "stopped", "error"]),
  at: z.string(),
});

/** `GET /api/admin/transcripts/:id`. */
export const Transcript = z.object({ id: z.string(), visitor: z.string(), turns: z.array(TranscriptTurn) });

export const Health = z.object({
  ok: z.literal(true),
  mode: z.enum(["model", "faq-only"]),
});

export type ChatRequest = z.infer<typeof ChatRequest>;
export type ChatMessage = z.infer<typeof ChatMessage>;
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;
export type Usage = z.infer<typeof Usage>;
export type AnswerSource = z.infer<typeof AnswerSource>;
export type DeltaEvent = z.infer<typeof DeltaEvent>;
export type DoneEvent = z.infer<typeof DoneEvent>;
export type StreamErrorEvent = z.infer<typeof StreamErrorEvent>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ErrorBody = z.infer<typeof ErrorBody>;
export type WidgetConfig = z.infer<typeof WidgetConfig>;
export type Health = z.infer<typeof Health>;
export type FaqPublishRequest = z.infer<typeof FaqPublishRequest>;
export type PreviewRequest = z.infer<typeof PreviewRequest>;
export type FaqDocument = z.infer<typeof FaqDocument>;
export type FaqVersionSummary = z.infer<typeof FaqVersionSummary>;
export type DayStats = z.infer<typeof DayStats>;
export type VersionSatisfaction = z.infer<typeof VersionSatisfaction>;
export type QuestionGroup = z.infer<typeof QuestionGroup>;
export type RatedDownAnswer = z.infer<typeof RatedDownAnswer>;
export type LoggingPolicy = z.infer<typeof LoggingPolicy>;
export type Insights = z.infer<typeof Insights>;
export type TranscriptSummary = z.infer<typeof TranscriptSummary>;
export type TranscriptList = z.infer<typeof TranscriptList>;
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;
export type Transcript = z.infer<typeof Transcript>;
