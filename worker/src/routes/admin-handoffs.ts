/**
 * The operator's inbox of handoffs (docs/operator-api.md#inbox, behind the admin routes' auth):
 * list, read (which marks a request seen), reply (the visitor sees it in the widget, and by email
 * when configured), close, and delete (the visitor's email address is personal data).
 */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import type { AppEnv, Bindings } from "../env";
import { readEnvConfig } from "../env-config";
import { ApiError } from "../errors";
import { closeHandoff, deleteHandoff, handoffDetail, inbox, storeReply } from "../handoff/handoff-store";
import { emailVisitor } from "../handoff/notify";
import { type HandoffChannels, HandoffReplyRequest, LIMITS } from "../protocol";

const ID = ":id{[0-9a-f]{24}}";
const noHandoff = (id: string) => new ApiError(404, "not_found", `There is no handoff ${id}`);

function channels(env: Bindings): HandoffChannels {
  const { operatorEmail, emailFrom, replyDomain, emailVisitors, webhookUrl } = readEnvConfig(env).handoff;
  const email = operatorEmail !== undefined && emailFrom !== undefined;
  return {
    email,
    emailReplies: email && replyDomain !== undefined,
    emailVisitors: emailVisitors && emailFrom !== undefined,
    webhook: webhookUrl !== undefined,
  };
}

export const adminHandoffs = new Hono<AppEnv>()
  .get("/handoffs", async (c) => {
    const handoffs = await inbox(c.env.DB);
    return c.json({ handoffs, unread: handoffs.filter((h) => h.unread).length, channels: channels(c.env) });
  })
  .get(`/handoffs/${ID}`, async (c) => {
    const found = await handoffDetail(c.env.DB, c.req.param("id"), Date.now());
    if (!found) throw noHandoff(c.req.param("id"));
    return c.json(found);
  })
  .post(`/handoffs/${ID}/reply`, async (c) => {
    const id = c.req.param("id");
    const { text } = validate(HandoffReplyRequest, await readJsonBody(c.req.raw, LIMITS.adminBodyBytesMax));
    const reply = await storeReply(c.env.DB, id, text, "console");
    if (!reply) throw noHandoff(id);
    c.executionCtx.waitUntil(emailVisitor(c.env, id, reply.text));
    return c.json({ handoffId: id, status: "answered" as const, reply }, 201);
  })
  .post(`/handoffs/${ID}/close`, async (c) => {
    const id = c.req.param("id");
    if (!(await closeHandoff(c.env.DB, id))) throw noHandoff(id);
    return c.json({ handoffId: id, status: "closed" as const });
  })
  .delete(`/handoffs/${ID}`, async (c) => {
    const id = c.req.param("id");
    if (!(await deleteHandoff(c.env.DB, id))) throw noHandoff(id);
    return c.body(null, 204);
  });
