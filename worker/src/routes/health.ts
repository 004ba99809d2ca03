/** `GET /api/health`: liveness, and whether answers come from the model or the FAQ alone. */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import type { Health } from "../protocol";
import { readSettings } from "../settings";

export const health = new Hono<AppEnv>().get("/", (c) => {
  c.header("Cache-Control", "no-store");
  return c.json<Health>({ ok: true, mode: readSettings(c.env).apiKey ? "model" : "faq-only" });
});
