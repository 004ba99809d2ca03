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
