/**
 * The provider's states (docs/operator-api.md#provider) and what an operator should do about each,
 * in one sentence, as plain data: the Worker's alerts and the console say exactly the same words.
 * No Zod here, so the console imports it by value (protocol/provider.ts builds the schemas on it).
 */

/** Ways the provider fails, by what fixes them. */
export const PROVIDER_FAILURE_KINDS = [
  "key_rejected",
  "quota_exhausted",
  "rate_limited",
  "model_not_found",
  "request_rejected",
  "provider_error",
  "timeout",
  "unreachable",
] as const;
export type ProviderFailureKind = (typeof PROVIDER_FAILURE_KINDS)[number];

/** The provider's state: the outcome of the latest request, or `unknown` before the first. */
export const PROVIDER_STATES = ["ok", ...PROVIDER_FAILURE_KINDS, "unknown"] as const;
export type ProviderState = (typeof PROVIDER_STATES)[number];

/** Failures that do not heal by themselves: someone has to change the key, the account or the settings. */
export const LASTING_FAILURES: ReadonlySet<ProviderState> = new Set([
  "key_rejected",
  "quota_exhausted",
  "model_not_found",
  "request_rejected",
]);

/** A state in a few words, for headings, subjects and banners. */
export const PROVIDER_STATE_LABELS: Record<ProviderState, string> = {
  ok: "Answering",
  key_rejected: "Key rejected",
  quota_exhausted: "Quota or credit exhausted",
  rate_limited: "Rate limited",
  model_not_found: "Model not found",
  request_rejected: "Request rejected",
  provider_error: "Provider error",
  timeout: "Timing out",
  unreachable: "Unreachable",
  unknown: "Not checked yet",
};

/** What to do, one sentence per state. Text between backticks is a command or a setting's name. */
export const PROVIDER_ADVICE: Record<ProviderState, string> = {
  ok: "The provider answers with the configured key and model: nothing to do.",
  key_rejected:
    "The key was rejected: put a new one with `npx wrangler secret put OPENAI_API_KEY`, then press Test provider.",
  quota_exhausted:
    "The provider account is out of quota or credit: add credit or raise its spending limit at the provider, then press Test provider.",
  rate_limited:
    "The provider is limiting how often we may ask: it passes by itself, and if it keeps happening, ask the provider for a higher rate limit.",
  model_not_found:
    "The provider does not know the model: correct `OPENAI_MODEL` (or `OPENAI_BASE_URL`) in wrangler.toml and deploy again.",
  request_rejected:
    "The provider refused the request itself: check that `OPENAI_MODEL` is a chat model it serves and that `MAX_OUTPUT_TOKENS` is within the model's limit.",
  provider_error:
    "The provider is failing on its side: check its status page; visitors get answers from the FAQ meanwhile.",
  timeout:
    "The provider is too slow to answer: check its status page, or raise `UPSTREAM_FIRST_BYTE_TIMEOUT_MS` if it is always this slow.",
  unreachable: "The provider cannot be reached: check `OPENAI_BASE_URL` and the provider's status page.",
  unknown: "No request has reached the provider yet: press Test provider to check the key and the model.",
};

/** The advice in FAQ-only mode, where there is no provider to ask. */
export const FAQ_ONLY_ADVICE =
  "No provider key is set, so visitors get answers from the FAQ alone: put one with `npx wrangler secret put OPENAI_API_KEY` to let the model answer.";
