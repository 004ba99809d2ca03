/** `GET /api/config`: the widget's public settings (title, greeting, suggestions, look). */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { publicConfig } from "../store/published";

export const config = new Hono<AppEnv>().get("/", async (c) => {
  c.header("Cache-Control", "public, max-age=60");
  return c.json(await publicConfig(c.env.DB));
});
