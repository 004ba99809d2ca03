/**
 * The provider's health for the operator (docs/operator-api.md#provider, behind the admin routes'
 * auth): its state as every Worker instance found it, and "Test provider", one minimal request
 * with the configured key and model, whose outcome counts in that state too.
 */
import { Hono } from "hono";
import { checkProvider } from "../chat/provider-check";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import type { ProviderStatus, ProviderTestResult } from "../protocol";
import { reportNow } from "../provider-health/observations";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const adminProvider = new Hono<AppEnv>()
  .get("/provider", async (c) => {
    const config = readEnvConfig(c.env);
    const health = await reportNow(c.env, c.req.url);
    const status: ProviderStatus = config.apiKey
      ? {
          mode: "model",
          model: config.model,
          state: health.state,
          since: iso(health.since),
          lastAnswerAt: iso(health.lastAnswerAt),
          fallbacksSince: health.fallbacksSince,
        }
      : // FAQ-only: no request goes to the provider, so there is no state to speak of.
        {
          mode: "faq-only",
          model: config.model,
          state: "unknown",
          since: null,
          lastAnswerAt: iso(health.lastAnswerAt),
          fallbacksSince: 0,
        };
    return c.json(status);
  })
  .post("/provider/test", async (c) => {
    const config = readEnvConfig(c.env);
    if (!config.apiKey) {
      throw new ApiError(
        409,
        "no_provider_key",
        "No provider key is set (FAQ-only mode): put one with npx wrangler secret put OPENAI_API_KEY",
      );
    }
    const check = await checkProvider({ ...config, apiKey: config.apiKey });
    try {
      await reportNow(c.env, c.req.url, { state: check.state, at: Date.now() });
    } catch (err) {
      console.error(`provider health not reported: ${err instanceof Error ? err.message : String(err)}`);
    }
    const result: ProviderTestResult = check;
    return c.json(result);
  });
