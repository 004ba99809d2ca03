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
  feedbackCommentMax: 1000,
} as const;

/** Error text for a field that is missing or of the wrong JSON type. */
const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${expected}`;

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
      .max(LIMITS.contentMax, `must be at most ${LIMITS.contentMax} characters`),
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

const HexColor = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, "must be a hex color like #2563eb");

/** Public widget settings served by `GET /api/config`. */
export const WidgetConfig = z.object({
  title: z.string().min(1).max(60),
  greeting: z.string().max(500),
  suggestions: z.array(z.string().min(1).max(120)).max(6),
  color: HexColor,
  position: z.enum(["right", "left"]),
  contactUrl: z.url({ protocol: /^(https?|mailto|tel)$/ }).nullable(),
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
