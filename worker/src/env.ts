/**
 * The Worker's environment: the bindings and vars that `wrangler types` generates from
 * wrangler.toml (`Env`), plus the secrets, which live outside it.
 */
export interface Bindings extends Env {
  /** Provider API key (`wrangler secret put OPENAI_API_KEY`). Absent → FAQ-only mode. */
  OPENAI_API_KEY?: string;
  /** Operator console token (`wrangler secret put ADMIN_TOKEN`). Absent → admin API answers 503. */
  ADMIN_TOKEN?: string;
  /** Signs handoff webhook bodies (`wrangler secret put HANDOFF_WEBHOOK_SECRET`). Absent → unsigned. */
  HANDOFF_WEBHOOK_SECRET?: string;
  /** Milliseconds to wait for the provider's response headers (default 20 000). */
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS?: string;
  /** Milliseconds of silence allowed between two chunks of the provider's stream (default 20 000). */
  UPSTREAM_IDLE_TIMEOUT_MS?: string;
}

/** The Hono environment of every route. */
export interface AppEnv {
  Bindings: Bindings;
}
