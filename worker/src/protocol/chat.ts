/**
 * The public chat API's wire shapes (docs/http-api.md): the chat and feedback requests, the events
 * of the answer stream, and the health check. Types come from the schemas with `z.infer`.
 */
import { z } from "zod";
import { typeError, VISIBLE } from "./fields";
import { LIMITS } from "./limits";

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
export type ChatMessage = z.infer<typeof ChatMessage>;

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
export type ChatRequest = z.infer<typeof ChatRequest>;

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
     * Optional, beyond the documented surface's minimum: with a thumbs-down the widget quotes the
     * question and the answer, so the operator can see what went wrong without transcripts being
     * logged. Kept only if they match the fingerprint the Worker took of that answer.
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
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

export const Usage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof Usage>;

export const AnswerSource = z.enum(["model", "faq"]);
export type AnswerSource = z.infer<typeof AnswerSource>;

/** `event: delta` — the next piece of the answer. */
export const DeltaEvent = z.object({ text: z.string() });
export type DeltaEvent = z.infer<typeof DeltaEvent>;

/** One FAQ entry an answer drew on: its `##` question, and its help-centre page when it names one. */
export const Source = z.object({ title: z.string(), url: z.string().optional() });
export type Source = z.infer<typeof Source>;

/** `event: done` — the answer is complete. */
export const DoneEvent = z.object({
  messageId: z.string(),
  finishReason: z.string(),
  source: AnswerSource,
  usage: Usage,
  /** Present and true when the FAQ had no answer: the visitor got the honest "I don't know". */
  unanswered: z.literal(true).optional(),
  /** The FAQ entries the answer drew on (docs/http-api.md#sources); always present, possibly empty. */
  sources: z.array(Source),
});
export type DoneEvent = z.infer<typeof DoneEvent>;

/** `event: error` — the stream failed after it started. */
export const StreamErrorEvent = z.object({ code: z.string(), message: z.string() });
export type StreamErrorEvent = z.infer<typeof StreamErrorEvent>;

export const Health = z.object({
  ok: z.literal(true),
  mode: z.enum(["model", "faq-only"]),
});
export type Health = z.infer<typeof Health>;
