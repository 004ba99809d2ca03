/**
 * docs/operator-api.md#inbox: the operator's handoffs with real D1: newest first, unread until
 * opened, replies the visitor reads in the widget, close, delete, and the daily purge.
 */
import { createScheduledController, env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../index";
import type { HandoffCreated, HandoffDetail, HandoffList, VisitorHandoffList } from "../protocol";
import { adminEnv, call, json } from "../testing/admin";
import { request, settled, uniqueTag } from "../testing/harness";
import { DAY_MS } from "../utc-day";

async function ask(visitorId: string, message: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await request(
    "/api/handoff",
    {
      method: "POST",
      body: JSON.stringify({
        visitorId,
        email: "ann@example.org",
        name: "Ann",
        message,
        transcript: [{ role: "user", content: message }],
        ...extra,
      }),
    },
    adminEnv(),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as HandoffCreated).handoffId;
}

const visitorView = async (visitorId: string) =>
  json<VisitorHandoffList>(await request(`/api/handoff?visitorId=${visitorId}`, { method: "GET" }, adminEnv()));

afterEach(async () => {
  await settled();
  vi.restoreAllMocks();
});

describe("the operator's inbox", () => {
  it("lists requests newest first, unread until opened, with the conversation that led to each", async () => {
    const visitor = `inbox-${uniqueTag()}`;
    const older = await ask(visitor, "Is the café open on holidays?");
    const newer = await ask(visitor, "Can I return an opened bag?");
    const list = await json<HandoffList>(await call("GET", "/handoffs"));
    const ids = list.handoffs.map((h) => h.handoffId);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(list.handoffs.find((h) => h.handoffId === newer)).toMatchObject({
      status: "open",
      email: "ann@example.org",
      name: "Ann",
      message: "Can I return an opened bag?",
      replies: [],
      unread: true,
    });
    expect(list.channels).toEqual({ email: false, emailReplies: false, emailVisitors: false, webhook: false });

    const detail = await call("GET", `/handoffs/${newer}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get("Cache-Control")).toBe("no-store");
    expect(await json<HandoffDetail>(detail)).toMatchObject({
      handoffId: newer,
      transcript: [{ role: "user", content: "Can I return an opened bag?" }],
      messages: [{ from: "visitor", text: "Can I return an opened bag?", via: "widget" }],
    });
    const after = await json<HandoffList>(await call("GET", "/handoffs"));
    expect(after.handoffs.find((h) => h.handoffId === newer)?.unread).toBe(false);
    expect(after.unread).toBe(list.unread - 1);

    // A follow-up makes it unread again.
    await ask(visitor, "It's still sealed, actually.", { handoffId: newer });
    const again = await json<HandoffList>(await call("GET", "/handoffs"));
    expect(again.handoffs.find((h) => h.handoffId === newer)).toMatchObject({ unread: true, status: "open" });
  });

  it("replies: 201, the request is answered, and the visitor reads the reply", async () => {
    const visitor = `inbox-${uniqueTag()}`;
    const id = await ask(visitor, "Do you ship to Iceland?");
    const response = await call("POST", `/handoffs/${id}/reply`, { text: "  Yes, within 5 days.  " });
    expect(response.status).toBe(201);
    expect(await json(response)).toEqual({
      handoffId: id,
      status: "answered",
      reply: { text: "Yes, within 5 days.", at: expect.any(String) },
    });
    expect((await visitorView(visitor)).handoffs[0]).toMatchObject({
      status: "answered",
      replies: [{ text: "Yes, within 5 days." }],
    });
    const detail = await json<HandoffDetail>(await call("GET", `/handoffs/${id}`));
    expect(detail.messages.map((m) => [m.from, m.via])).toEqual([
      ["visitor", "widget"],
      ["team", "console"],
    ]);
  });

  it("emails the reply to the visitor too, with EMAIL_VISITOR_REPLIES, and never fails the reply when that fails", async () => {
    const vars = adminEnv({ EMAIL_FROM: "Shop <support@shop.example>", EMAIL_VISITOR_REPLIES: "true" });
    const id = await ask(`inbox-${uniqueTag()}`, "Do you sell gift cards?");
    await settled();
    const sent = vi.spyOn(env.EMAIL, "send");
    expect((await call("POST", `/handoffs/${id}/reply`, { text: "Yes, from $10." }, vars)).status).toBe(201);
    await settled();
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent.mock.calls[0]?.[0]).toMatchObject({
      from: { email: "support@shop.example", name: "Shop" },
      to: { email: "ann@example.org", name: "Ann" },
      subject: "Re: Do you sell gift cards?",
      text: expect.stringContaining("Yes, from $10."),
    });
    sent.mockRejectedValueOnce(new Error("quota exceeded"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await call("POST", `/handoffs/${id}/reply`, { text: "And online." }, vars)).status).toBe(201);
    await settled();
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/the reply by email to the visitor failed: quota exceeded/);
  });

  it("closes and deletes; refuses an empty reply, an unknown id and a missing token", async () => {
    const visitor = `inbox-${uniqueTag()}`;
    const id = await ask(visitor, "Where is my order?");
    const empty = await call("POST", `/handoffs/${id}/reply`, { text: " " });
    expect(empty.status).toBe(400);
    expect((await json<{ error: { message: string } }>(empty)).error.message).toMatch(/^text: must not be empty/);

    const closed = await call("POST", `/handoffs/${id}/close`);
    expect(closed.status).toBe(200);
    expect(await json(closed)).toEqual({ handoffId: id, status: "closed" });
    expect((await visitorView(visitor)).handoffs[0]?.status).toBe("closed");

    expect((await call("DELETE", `/handoffs/${id}`)).status).toBe(204);
    expect((await call("GET", `/handoffs/${id}`)).status).toBe(404);
    expect((await call("DELETE", `/handoffs/${id}`)).status).toBe(404);
    expect((await visitorView(visitor)).handoffs).toEqual([]);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM handoff_messages WHERE handoff_id = ?1")
      .bind(id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);

    expect((await call("POST", "/handoffs/0123456789abcdef01234567/reply", { text: "Hi" })).status).toBe(404);
    const anonymous = await request("/api/admin/handoffs", { method: "GET" }, adminEnv());
    expect(anonymous.status).toBe(401);
  });

  it("shows which channels are configured", async () => {
    const vars = adminEnv({
      OPERATOR_EMAIL: "team@shop.example",
      EMAIL_FROM: "support@shop.example",
      REPLY_DOMAIN: "reply.shop.example",
      HANDOFF_WEBHOOK_URL: "not a url",
    });
    const list = await json<HandoffList>(await call("GET", "/handoffs", undefined, vars));
    expect(list.channels).toEqual({ email: true, emailReplies: true, emailVisitors: false, webhook: false });
  });

  it("purges a request TRANSCRIPT_RETENTION_DAYS after its last message, in the daily run", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const visitor = `inbox-${uniqueTag()}`;
    const old = await ask(visitor, "An old question");
    const recent = await ask(visitor, "A recent question");
    const now = Date.now() + 31 * DAY_MS;
    await env.DB.prepare("UPDATE handoffs SET updated_at = ?2 WHERE id = ?1")
      .bind(recent, new Date(now - DAY_MS).toISOString())
      .run();
    await worker.scheduled(createScheduledController({ scheduledTime: now }), {
      ...env,
      TRANSCRIPT_RETENTION_DAYS: "30",
    });
    const left = await env.DB.prepare("SELECT id FROM handoffs WHERE id IN (?1, ?2)").bind(old, recent).all();
    expect(left.results).toEqual([{ id: recent }]);
    const messages = await env.DB.prepare("SELECT COUNT(*) AS n FROM handoff_messages WHERE handoff_id = ?1")
      .bind(old)
      .first<{ n: number }>();
    expect(messages?.n).toBe(0);
  });
});
