/**
 * Handoff to a person (docs/http-api.md#handoff, docs/operator-api.md#inbox): a visitor's request
 * for the team, the team's replies, the operator's inbox, and the webhook's event.
 */
import { z } from "zod";
import { ChatMessage, VisitorId } from "./chat";
import { typeError, VISIBLE } from "./fields";
import { HANDOFF_LIMITS as H } from "./handoff-limits";
import { ProviderWebhookEvent } from "./provider";

const text = (max: number) =>
  z
    .string({ error: typeError("a string") })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.isWellFormed(), "must be valid Unicode text")
    .refine((value) => VISIBLE.test(value), "must not be empty");

/** A handoff's id: 24 hex digits. */
export const HandoffId = z
  .string({ error: typeError("a string") })
  .regex(/^[0-9a-f]{24}$/, "must be the id of one of your requests");

export const HandoffStatus = z.enum(["open", "answered", "closed"]);
export type HandoffStatus = z.infer<typeof HandoffStatus>;

/** `POST /api/handoff`: a visitor asks for a person. */
export const HandoffRequest = z.object(
  {
    visitorId: VisitorId,
    email: z
      .email({ error: "must be a valid email address, like name@example.com" })
      .max(H.emailMax, `must be at most ${H.emailMax} characters`),
    name: z
      .string({ error: typeError("a string") })
      .trim()
      .max(H.nameMax, `must be at most ${H.nameMax} characters`)
      .optional(),
    message: text(H.messageMax),
    transcript: z
      .array(ChatMessage, { error: typeError("an array of messages") })
      .max(H.transcriptMax, `must contain at most ${H.transcriptMax} messages`)
      .optional(),
    /**
     * Optional, beyond the contract's minimum: a follow-up to this visitor's own request. If that
     * request is closed or unknown, the message starts a new one instead, so nothing is lost.
     */
    handoffId: HandoffId.optional(),
  },
  { error: "must be a JSON object" },
);
export type HandoffRequest = z.infer<typeof HandoffRequest>;

/** `201` to `POST /api/handoff`. */
export const HandoffCreated = z.object({ handoffId: z.string(), status: HandoffStatus });
export type HandoffCreated = z.infer<typeof HandoffCreated>;

/** `GET /api/handoff?visitorId=`. */
export const HandoffQuery = z.object({ visitorId: VisitorId }, { error: "must have a visitorId" });

export const HandoffReply = z.object({ text: z.string(), at: z.string() });
export type HandoffReply = z.infer<typeof HandoffReply>;

/** One of a visitor's requests, as the widget sees it. */
export const VisitorHandoff = z.object({
  handoffId: z.string(),
  status: HandoffStatus,
  createdAt: z.string(),
  /** The request's first message. */
  message: z.string(),
  /** The team's replies, oldest first. */
  replies: z.array(HandoffReply),
});
export type VisitorHandoff = z.infer<typeof VisitorHandoff>;

export const VisitorHandoffList = z.object({ handoffs: z.array(VisitorHandoff) });
export type VisitorHandoffList = z.infer<typeof VisitorHandoffList>;

/** One request in the operator's inbox. */
export const HandoffSummary = VisitorHandoff.extend({
  email: z.string(),
  name: z.string().nullable(),
  /** The last message either way. */
  updatedAt: z.string(),
  /** The visitor wrote since an operator last opened it. */
  unread: z.boolean(),
});
export type HandoffSummary = z.infer<typeof HandoffSummary>;

/** Which ways of hearing about handoffs are configured (docs/configuration.md). */
export const HandoffChannels = z.object({
  /** Notifications to OPERATOR_EMAIL. */
  email: z.boolean(),
  /** Replies by email reach the widget (REPLY_DOMAIN). */
  emailReplies: z.boolean(),
  /** Visitors get the team's replies by email too (EMAIL_VISITOR_REPLIES). */
  emailVisitors: z.boolean(),
  webhook: z.boolean(),
});
export type HandoffChannels = z.infer<typeof HandoffChannels>;

/** `GET /api/admin/handoffs`. */
export const HandoffList = z.object({
  handoffs: z.array(HandoffSummary),
  /** Requests with unread visitor messages. */
  unread: z.number().int(),
  channels: HandoffChannels,
});
export type HandoffList = z.infer<typeof HandoffList>;

export const HandoffMessage = z.object({
  from: z.enum(["visitor", "team"]),
  text: z.string(),
  at: z.string(),
  via: z.enum(["widget", "console", "email"]),
});
export type HandoffMessage = z.infer<typeof HandoffMessage>;

/** `GET /api/admin/handoffs/:id`: a request, its messages both ways, and the chat before it. */
export const HandoffDetail = HandoffSummary.extend({
  messages: z.array(HandoffMessage),
  transcript: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() })),
});
export type HandoffDetail = z.infer<typeof HandoffDetail>;

/** `POST /api/admin/handoffs/:id/reply`. */
export const HandoffReplyRequest = z.object({ text: text(H.replyMax) }, { error: "must be a JSON object" });
export type HandoffReplyRequest = z.infer<typeof HandoffReplyRequest>;

/** What the reply and close routes answer: the request's new status, and the reply sent. */
export const HandoffUpdated = z.object({
  handoffId: z.string(),
  status: HandoffStatus,
  reply: HandoffReply.optional(),
});
export type HandoffUpdated = z.infer<typeof HandoffUpdated>;

/**
 * The body POSTed to `HANDOFF_WEBHOOK_URL`, signed in `X-Support-Chat-Signature`. `text` (and the
 * same words in `content`) is what Slack and Discord incoming webhooks show; `id` stays the same
 * across retries, so a receiver can drop a duplicate.
 */
export const HandoffWebhookEvent = z.object({
  id: z.string(),
  type: z.enum(["handoff.created", "handoff.follow_up"]),
  createdAt: z.string(),
  text: z.string(),
  content: z.string(),
  handoff: z.object({
    handoffId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    message: z.string(),
    consoleUrl: z.string(),
  }),
});
export type HandoffWebhookEvent = z.infer<typeof HandoffWebhookEvent>;

/** Everything POSTed to `HANDOFF_WEBHOOK_URL`: handoff events, and the provider's incidents. */
export const WebhookEvent = z.union([HandoffWebhookEvent, ProviderWebhookEvent]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;
