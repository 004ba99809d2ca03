/**
 * The Worker's `email()` handler with real D1 and real MIME: the team's reply reaches the
 * visitor, with what the mail client quoted left out; forged and unknown addresses are refused;
 * automatic replies never reach a visitor.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bindings } from "../env";
import worker from "../index";
import type { HandoffCreated, VisitorHandoffList } from "../protocol";
import { request, settled, testEnv, uniqueTag } from "../testing/harness";
import { replyAddress } from "./reply-address";
import { siteHash } from "./site-hash";

const vars = (overrides: Partial<Bindings> = {}) => testEnv({ REPLY_DOMAIN: "reply.shop.example", ...overrides });

async function newHandoff(visitorId: string, bindings = vars()): Promise<string> {
  const response = await request(
    "/api/handoff",
    {
      method: "POST",
      body: JSON.stringify({ visitorId, email: "ann@example.org", message: "Do you deliver on Saturdays?" }),
    },
    bindings,
  );
  return ((await response.json()) as HandoffCreated).handoffId;
}

async function replies(visitorId: string) {
  const response = await request(`/api/handoff?visitorId=${visitorId}`, { method: "GET" }, vars());
  return ((await response.json()) as VisitorHandoffList).handoffs[0];
}

interface Received {
  rejected: string | undefined;
}

/** Delivers `raw` to the Worker's email handler as Email Routing would, addressed to `to`. */
async function deliver(to: string, raw: string, bindings = vars()): Promise<Received> {
  const received: Received = { rejected: undefined };
  const headerBlock = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const headers = new Headers();
  for (const line of headerBlock.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const bytes = new TextEncoder().encode(raw);
  const message: ForwardableEmailMessage = {
    from: "maria@shop.example",
    to,
    headers,
    raw: new Response(bytes).body as ReadableStream<Uint8Array>,
    rawSize: bytes.byteLength,
    canBeForwarded: true,
    setReject: (reason: string) => {
      received.rejected = reason;
    },
    forward: () => Promise.reject(new Error("not expected")),
    reply: () => Promise.reject(new Error("not expected")),
  };
  const context = createExecutionContext();
  await worker.email(message, bindings, context);
  await waitOnExecutionContext(context);
  return received;
}

const mail = (to: string, body: string, extraHeaders: string[] = []) =>
  [
    "From: Maria <maria@shop.example>",
    `To: ${to}`,
    "Subject: Re: Chat request from ann@example.org: Do you deliver on Saturdays?",
    `Message-ID: <${uniqueTag()}@shop.example>`,
    "Date: Thu, 03 Dec 2026 10:05:00 +0000",
    "MIME-Version: 1.0",
    ...extraHeaders,
    "",
    body,
  ].join("\r\n");

afterEach(async () => {
  await settled();
  vi.restoreAllMocks();
});

describe("the email() handler", () => {
  it("stores a Gmail reply, quote left out, as the team's reply the visitor reads", async () => {
    const visitor = `mail-${uniqueTag()}`;
    const id = await newHandoff(visitor);
    const to = await replyAddress(siteHash(env), id, "reply.shop.example");
    const body = [
      "Yes, on Saturdays too =E2=80=94 order by Thursday noon.",
      "",
      "On Thu, Dec 3, 2026 at 10:00 AM Shop Support <support@shop.example> wrote:",
      "> Do you deliver on Saturdays?",
    ].join("\r\n");
    const raw = mail(to, body, [
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
    ]);
    expect(await deliver(to, raw)).toEqual({ rejected: undefined });
    expect(await replies(visitor)).toMatchObject({
      handoffId: id,
      status: "answered",
      replies: [{ text: "Yes, on Saturdays too — order by Thursday noon.", at: expect.any(String) }],
    });
  });

  it("reads an HTML-only reply", async () => {
    const visitor = `mail-${uniqueTag()}`;
    const id = await newHandoff(visitor);
    const to = await replyAddress(siteHash(env), id, "reply.shop.example");
    const raw = mail(to, '<div dir="ltr">Saturdays: <b>yes</b>.</div><div class="gmail_quote">On … wrote:</div>', [
      "Content-Type: text/html; charset=utf-8",
    ]);
    await deliver(to, raw);
    expect((await replies(visitor))?.replies.map((r) => r.text)).toEqual(["Saturdays: yes."]);
  });

  it("refuses and logs mail to a forged or unknown address, storing nothing", async () => {
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    const visitor = `mail-${uniqueTag()}`;
    const id = await newHandoff(visitor);
    const genuine = await replyAddress(siteHash(env), id, "reply.shop.example");
    const otherId = id.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const forged = [
      genuine.replace(id, otherId), // another handoff's id under this one's signature
      genuine.replace(
        /-([0-9a-f])([0-9a-f]{23})@/,
        (_, c: string, rest: string) => `-${c === "0" ? "1" : "0"}${rest}@`,
      ),
      `handoff-${id}@reply.shop.example`,
      "support@reply.shop.example",
    ];
    for (const to of forged) {
      expect((await deliver(to, mail(to, "Send me everything."))).rejected).toMatch(/Unknown address/);
    }
    expect((await replies(visitor))?.replies).toEqual([]);
    expect(
      warnings.mock.calls.filter(([line]) => /not the reply address of any handoff/.test(String(line))),
    ).toHaveLength(4);
  });

  it("refuses a reply to a deleted handoff", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const id = await newHandoff(`mail-${uniqueTag()}`);
    await env.DB.batch([
      env.DB.prepare("DELETE FROM handoff_messages WHERE handoff_id = ?1").bind(id),
      env.DB.prepare("DELETE FROM handoffs WHERE id = ?1").bind(id),
    ]);
    const to = await replyAddress(siteHash(env), id, "reply.shop.example");
    expect((await deliver(to, mail(to, "Hello?"))).rejected).toMatch(/deleted/);
  });

  it("drops an out-of-office reply, so that it never reaches the visitor", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const visitor = `mail-${uniqueTag()}`;
    const id = await newHandoff(visitor);
    const to = await replyAddress(siteHash(env), id, "reply.shop.example");
    const received = await deliver(
      to,
      mail(to, "I am out of the office until Monday.", ["Auto-Submitted: auto-replied"]),
    );
    expect(received.rejected).toBeUndefined();
    expect(await replies(visitor)).toMatchObject({ status: "open", replies: [] });
  });

  it("emails the reply to the visitor too, when EMAIL_VISITOR_REPLIES is on", async () => {
    const bindings = vars({
      EMAIL_FROM: "support@shop.example",
      OPERATOR_EMAIL: "team@shop.example",
      EMAIL_VISITOR_REPLIES: "true",
    });
    const visitor = `mail-${uniqueTag()}`;
    const id = await newHandoff(visitor, bindings);
    await settled();
    const sent = vi.spyOn(env.EMAIL, "send");
    const to = await replyAddress(siteHash(env), id, "reply.shop.example");
    await deliver(to, mail(to, "Yes, Saturdays too."), bindings);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent.mock.calls[0]?.[0]).toMatchObject({
      to: "ann@example.org",
      replyTo: "team@shop.example",
      subject: "Re: Do you deliver on Saturdays?",
      text: expect.stringContaining("Yes, Saturdays too."),
    });
  });
});
