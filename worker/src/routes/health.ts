/** `GET /api/health`: liveness, and whether answers come from the model or the FAQ alone. */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { readEnvConfig } from "../env-config";
import type { Health } from "../protocol";

export const health = new Hono<AppEnv>().get("/", (c) => {
  c.header("Cache-Control", "no-store");
  return c.json<Health>({ ok: true, mode: readEnvConfig(c.env).apiKey ? "model" : "faq-only" });
});
