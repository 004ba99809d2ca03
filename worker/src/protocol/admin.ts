/** The operator API's wire shapes (docs/operator-api.md): the FAQ, its versions, the preview and the stats. */
import { z } from "zod";
import { ChatRequest } from "./chat";
import { typeError } from "./fields";
import { LIMITS } from "./limits";

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
      .max(LIMITS.faqNoteMax, `must be at most ${LIMITS.faqNoteMax} characters`)
      .optional(),
  },
  { error: "must be a JSON object" },
);
export type FaqPublishRequest = z.infer<typeof FaqPublishRequest>;

/**
 * Whether a FAQ version has embeddings for retrieval by meaning (`EMBEDDINGS_MODEL`): `off` (not
 * configured), `pending` (not computed yet), `ready`, or `failed` (chats use lexical retrieval;
 * `detail` says why).
 */
export const EmbeddingStatus = z.object({
  state: z.enum(["off", "pending", "ready", "failed"]),
  model: z.string().optional(),
  detail: z.string().optional(),
});
export type EmbeddingStatus = z.infer<typeof EmbeddingStatus>;

/** How chats get a FAQ: whole (up to a few thousand tokens) or by retrieval, and with what. */
export const FaqRetrieval = z.object({
  /** The FAQ's estimated size in tokens. */
  tokens: z.number().int(),
  /** Chats get the whole FAQ; otherwise its preamble and the entries relevant to the conversation. */
  whole: z.boolean(),
  /** The most tokens a chat's FAQ may take: the whole FAQ up to it, retrieved entries within their own budget. */
  wholeTokensMax: z.number().int(),
  retrievedTokensMax: z.number().int(),
  embeddings: EmbeddingStatus,
});
export type FaqRetrieval = z.infer<typeof FaqRetrieval>;

/** What a publish or a rollback answers: the new version's number, and whether it has embeddings. */
export const PublishedVersion = z.object({ version: z.number().int().positive(), embeddings: EmbeddingStatus });
export type PublishedVersion = z.infer<typeof PublishedVersion>;

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
export type FaqRollbackRequest = z.infer<typeof FaqRollbackRequest>;

/** `POST /api/admin/preview`: a chat against a draft FAQ. */
export const PreviewRequest = z.object(
  { content: FaqPublishRequest.shape.content, messages: ChatRequest.shape.messages },
  { error: "must be a JSON object" },
);
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const FaqDocument = z.object({
  version: z.number().int(),
  content: z.string(),
  updatedAt: z.string(),
  retrieval: FaqRetrieval,
});
export type FaqDocument = z.infer<typeof FaqDocument>;

export const FaqVersionSummary = z.object({
  version: z.number().int(),
  note: z.string(),
  updatedAt: z.string(),
  size: z.number().int(),
});
export type FaqVersionSummary = z.infer<typeof FaqVersionSummary>;

/** One published version, whole (`GET /api/admin/faq/versions/:version`). */
export const FaqVersion = FaqVersionSummary.extend({ content: z.string() });
export type FaqVersion = z.infer<typeof FaqVersion>;

export const DayStats = z.object({
  day: z.string(),
  conversations: z.number().int(),
  messages: z.number().int(),
  tokens: z.number().int(),
  rateLimited: z.number().int(),
  /** Chats answered from the FAQ instead of the model, for any reason. */
  fallbacks: z.number().int(),
  errors: z.number().int(),
  /** Of the fallbacks: because the site's daily budget was spent. */
  budgetFallbacks: z.number().int(),
  /** Of the fallbacks: because a client network's daily tokens were spent. */
  allowanceFallbacks: z.number().int(),
  /** Chats decided while the Limiter objects could not be reached. */
  limiterFallbacks: z.number().int(),
  /** Draft previews in the console (their tokens are in `tokens`). */
  previews: z.number().int(),
  /** When the site's budget ran out that day (ISO 8601), or null. */
  budgetExhaustedAt: z.string().nullable(),
});
export type DayStats = z.infer<typeof DayStats>;
