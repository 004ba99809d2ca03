/**
 * The model provider's health (docs/operator-api.md#provider): what `GET /api/admin/provider`
 * and `POST /api/admin/provider/test` answer, and the webhook events of an incident. The states
 * and the advice for each are plain data in provider-advice.ts.
 */
import { z } from "zod";
import { PROVIDER_STATES } from "./provider-advice";

/** The same states as provider-advice.ts `ProviderState`, as a schema. */
const State = z.enum(PROVIDER_STATES);

/** `GET /api/admin/provider`. Times are ISO 8601, or null when nothing happened yet. */
export const ProviderStatus = z.object({
  /** `model` with a key set, `faq-only` without one. */
  mode: z.enum(["model", "faq-only"]),
  /** `OPENAI_MODEL`, as sent upstream. */
  model: z.string(),
  /** The outcome of the latest request to the provider: `ok`, why it failed, or `unknown` before the first. */
  state: State,
  /** Since when the state holds: the first failure of the trouble, or the first answer after it. */
  since: z.string().nullable(),
  /** When the model last answered. */
  lastAnswerAt: z.string().nullable(),
  /** Chats answered from the FAQ because the provider failed, since the trouble began (0 while it answers). */
  fallbacksSince: z.number().int().nonnegative(),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

/** `POST /api/admin/provider/test`: one minimal request with the configured key and model. */
export const ProviderTestResult = z.object({
  ok: z.boolean(),
  /** `ok`, or why the request failed. */
  state: State,
  /** Milliseconds from sending the request to its whole answer. */
  latencyMs: z.number().int().nonnegative(),
  /** The model that answered, as the provider names it (often with a version, e.g. `gpt-4o-mini-2024-07-18`). */
  model: z.string().optional(),
});
export type ProviderTestResult = z.infer<typeof ProviderTestResult>;

/**
 * A provider incident, POSTed to `HANDOFF_WEBHOOK_URL` like the handoff events (signed, queued,
 * `text` for Slack and Discord): `provider.failing` once it has lasted the alert threshold, then
 * `provider.recovered` once the model answers again. At most one of each per incident.
 */
export const ProviderWebhookEvent = z.object({
  id: z.string(),
  type: z.enum(["provider.failing", "provider.recovered"]),
  createdAt: z.string(),
  text: z.string(),
  content: z.string(),
  provider: z.object({
    /** The state when the event was sent (`ok` on recovery). */
    state: State,
    model: z.string(),
    /** When the trouble began. */
    failingSince: z.string(),
    /** Chats answered from the FAQ meanwhile. */
    fallbacks: z.number().int().nonnegative(),
    /** What to do, in one sentence (absent on recovery). */
    advice: z.string().optional(),
    consoleUrl: z.string(),
  }),
});
export type ProviderWebhookEvent = z.infer<typeof ProviderWebhookEvent>;
