/**
 * Reads the Worker's configuration (docs/configuration.md) from its env once per isolate and env object,
 * with the documented defaults for anything unset or unparseable.
 */
import type { Bindings } from "./env";

export interface EnvConfig {
  apiKey: string | undefined;
  baseUrl: string;
  model: string;
  maxOutputTokens: number;
  /** `"*"` or the exact origins allowed to call the API. */
  allowedOrigins: "*" | ReadonlySet<string>;
  faqFallback: boolean;
  /** Chat requests per visitor per sliding minute (per IP: 5×). */
  perMinute: number;
  /** Tokens per visitor per UTC day. */
  tokensPerDay: number;
  /** Tokens per UTC day for the whole site. */
  dailyBudget: number;
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
  /** Keep transcripts for the console (`LOG_CONVERSATIONS=true`). */
  logConversations: boolean;
  /** Days before transcripts and quoted questions are purged. */
  retentionDays: number;
  /** Handoffs (docs/configuration.md#handoff): where notifications go, and as whom. */
  handoff: HandoffConfig;
  /** The provider's embedding model for FAQ retrieval (`EMBEDDINGS_MODEL`); unset → lexical retrieval only. */
  embeddingsModel: string | undefined;
  /** How long the provider must have been failing before the operator is alerted (`PROVIDER_ALERT_AFTER_SECONDS`). */
  providerAlertAfterMs: number;
}

export interface HandoffConfig {
  /** `OPERATOR_EMAIL`: where notifications go; absent → none. */
  operatorEmail: string | undefined;
  /** `EMAIL_FROM`: the sender of notifications and replies, `a@b` or `Name <a@b>`. */
  emailFrom: { email: string; name?: string } | undefined;
  /** `REPLY_DOMAIN`: the domain whose mail Email Routing hands to the Worker. */
  replyDomain: string | undefined;
  /** `EMAIL_VISITOR_REPLIES=true`: visitors get the team's replies by email too. */
  emailVisitors: boolean;
  /** `HANDOFF_WEBHOOK_URL`, if it is an http(s) URL. */
  webhookUrl: string | undefined;
  /** `HANDOFF_WEBHOOK_SECRET`: signs webhook bodies. */
  webhookSecret: string | undefined;
}

const cache = new WeakMap<Bindings, EnvConfig>();

export function readEnvConfig(env: Bindings): EnvConfig {
  let settings = cache.get(env);
  if (!settings) {
    settings = parseEnvConfig(env);
    cache.set(env, settings);
  }
  return settings;
}

function parseEnvConfig(env: Bindings): EnvConfig {
  return {
    apiKey: env.OPENAI_API_KEY?.trim() || undefined,
    baseUrl: (env.OPENAI_BASE_URL?.trim() || "https://api.openai.com/v1").replace(/\/+$/, ""),
    model: env.OPENAI_MODEL?.trim() || "gpt-4o-mini",
    maxOutputTokens: positiveInt(env.MAX_OUTPUT_TOKENS, 512),
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS ?? ""),
    faqFallback: env.FAQ_FALLBACK?.trim().toLowerCase() !== "false",
    perMinute: positiveInt(env.RATE_LIMIT_PER_MINUTE, 10),
    tokensPerDay: positiveInt(env.RATE_LIMIT_TOKENS_PER_DAY, 20_000),
    dailyBudget: positiveInt(env.DAILY_TOKEN_BUDGET, 2_000_000),
    firstByteTimeoutMs: positiveInt(env.UPSTREAM_FIRST_BYTE_TIMEOUT_MS, 20_000),
    idleTimeoutMs: positiveInt(env.UPSTREAM_IDLE_TIMEOUT_MS, 20_000),
    logConversations: env.LOG_CONVERSATIONS?.trim().toLowerCase() === "true",
    retentionDays: positiveInt(env.TRANSCRIPT_RETENTION_DAYS, 30),
    handoff: {
      operatorEmail: emailAddress(env.OPERATOR_EMAIL),
      emailFrom: sender(env.EMAIL_FROM),
      replyDomain: domain(env.REPLY_DOMAIN),
      emailVisitors: env.EMAIL_VISITOR_REPLIES?.trim().toLowerCase() === "true",
      webhookUrl: httpUrl(env.HANDOFF_WEBHOOK_URL),
      webhookSecret: env.HANDOFF_WEBHOOK_SECRET?.trim() || undefined,
    },
    embeddingsModel: env.EMBEDDINGS_MODEL?.trim() || undefined,
    providerAlertAfterMs: positiveInt(env.PROVIDER_ALERT_AFTER_SECONDS, 300) * 1000,
  };
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

function emailAddress(value: string | undefined): string | undefined {
  const address = value?.trim();
  return address && EMAIL.test(address) ? address : undefined;
}

/** `support@shop.example` or `Shop Support <support@shop.example>`. */
function sender(value: string | undefined): HandoffConfig["emailFrom"] {
  const match = value?.trim().match(/^(?:(.*?)\s*<([^<>]+)>|([^<>]+))$/);
  const email = emailAddress(match?.[2] ?? match?.[3]);
  if (!email) return undefined;
  const name = match?.[1]?.replace(/^"|"$/g, "").trim();
  return name ? { email, name } : { email };
}

function domain(value: string | undefined): string | undefined {
  const name = value?.trim().replace(/^@/, "").toLowerCase();
  return name && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name) ? name : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** `"*"` allows any origin; otherwise a comma-separated list, compared without a trailing slash. */
export function parseOrigins(value: string): "*" | ReadonlySet<string> {
  const items = value
    .split(",")
    .map((item) => item.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  if (items.includes("*")) return "*";
  return new Set(items.map((item) => item.toLowerCase()));
}
