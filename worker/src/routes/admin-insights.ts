/**
 * The operator's insights (docs/operator-api.md#insights, behind the admin routes' auth): ratings,
 * unanswered questions and, when `LOG_CONVERSATIONS=true`, transcripts to read and delete.
 */
import { Hono } from "hono";
import type { AppEnv, Bindings } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { readInsights } from "../insights/insights-report";
import {
  deleteAllConversations,
  deleteConversation,
  listConversations,
  readConversation,
} from "../insights/transcripts";
import type { LoggingPolicy } from "../protocol";
import { latestFaq } from "../store/faq-store";

function loggingPolicy(env: Bindings): LoggingPolicy {
  const { logConversations, retentionDays } = readEnvConfig(env);
  return { enabled: logConversations, retentionDays };
}

const noConversation = (id: string) => new ApiError(404, "not_found", `There is no conversation ${id}`);

export const adminInsights = new Hono<AppEnv>()
  .get("/insights", async (c) => {
    const faq = await latestFaq(c.env.DB);
    return c.json(await readInsights(c.env.DB, loggingPolicy(c.env), faq.content));
  })
  .get("/transcripts", async (c) =>
    c.json({ logging: loggingPolicy(c.env), conversations: await listConversations(c.env.DB) }),
  )
  .delete("/transcripts", async (c) => {
    await deleteAllConversations(c.env.DB);
    return c.body(null, 204);
  })
  .get("/transcripts/:id{[0-9a-f]{32}}", async (c) => {
    const transcript = await readConversation(c.env.DB, c.req.param("id"));
    if (!transcript) throw noConversation(c.req.param("id"));
    return c.json(transcript);
  })
  .delete("/transcripts/:id{[0-9a-f]{32}}", async (c) => {
    if (!(await deleteConversation(c.env.DB, c.req.param("id")))) throw noConversation(c.req.param("id"));
    return c.body(null, 204);
  });
