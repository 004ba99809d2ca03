/**
 * "Talk to a person" end to end, in Chromium against `npm run serve` (wrangler dev): a question
 * the FAQ cannot answer goes to the team by email; the team's reply, sent as an email to the
 * notification's Reply-To, comes back to the visitor's widget; the same through the console's
 * Inbox; and the webhook, through a receiver that is down for its first deliveries.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../worker/tools/webhook-receiver/server.ts";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { axeViolations, signedInConsole } from "../support/console.ts";
import { deliverEmail, gmailReply, waitForEmail } from "../support/email.ts";
import { type Product, startProduct } from "../support/product.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TOKEN = "handoff-test-token-0123456789";
const SECRET = "whsec-browser-test-0123456789";
const TEAM = "team@tidewater.example";

let receiver: WebhookReceiver;
let product: Product;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function visitor(options: { viewport?: { width: number; height: number }; lang?: string } = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(product.worker.origin)) requests.push(`${request.method()} ${request.url()}`);
  });
  return { page, requests };
}

/** Polls for up to 10 s: most of what these tests wait for crosses wrangler dev and the network. */
const eventually = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 10_000 });

const launcher = (page: Page) => page.getByRole("button", { name: "Open support chat" });
const talk = (page: Page) => page.getByRole("button", { name: "Talk to a person" });
const apiCalls = (requests: string[]) => requests.filter((r) => r.includes("/api/"));

/** axe-core's WCAG 2.1 AA and best-practice violations inside the widget. */
async function widgetViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = window.axe;
    if (!axe) throw new Error("axe-core did not load");
    const result = await axe.run(
      { include: [["support-chat"]] },
      { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] },
    );
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

async function ask(page: Page, question: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect
    .poll(() => page.locator("[data-role=assistant]:not([aria-busy])").count(), { timeout: 10_000 })
    .toBe(await page.locator("[data-role=user]").count());
}

/** Fills the form to reach the team and sends it; resolves once the log says it went. */
async function sendToTeam(page: Page, email: string, name?: string): Promise<void> {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  if (name) await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Send to our team" }).click();
  await expect
    .poll(() => page.locator("[data-role=handoff]").last().innerText(), { timeout: 10_000 })
    .toContain(`We'll reply to ${email} and here in this chat`);
}

describe.skipIf(!HAS_CHROMIUM)("talk to a person", () => {
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    [product, browser] = await Promise.all([
      startProduct({
        vars: {
          OPENAI_API_KEY: "",
          ADMIN_TOKEN: TOKEN,
          OPERATOR_EMAIL: TEAM,
          EMAIL_FROM: "Tidewater Support <support@tidewater.example>",
          REPLY_DOMAIN: "reply.tidewater.example",
          // The receiver fails the first two deliveries of every event, as one down for a while does.
          HANDOFF_WEBHOOK_URL: receiver.url("browser", 2),
          HANDOFF_WEBHOOK_SECRET: SECRET,
        },
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await receiver?.close();
  });

  it("takes a question the FAQ cannot answer to the team by email, and brings the reply back to the widget", async () => {
    const { page, requests } = await visitor();
    await page.goto(product.demo.origin);
    await launcher(page).click();
    await ask(page, "Who won the last World Cup?");

    // Offered, in the brand's color, right under the honest "I don't know".
    expect(await talk(page).getAttribute("class")).toBe("talk offer");
    await talk(page).click();
    const email = page.getByRole("textbox", { name: "Email" });
    await eventually(() => email.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await page.getByRole("textbox", { name: "Your message" }).inputValue()).toBe("Who won the last World Cup?");
    // The conversation and its composer make way for the form.
    expect(await page.getByRole("log").count()).toBe(0);
    expect(await page.getByRole("textbox", { name: "Message", exact: true }).count()).toBe(0);

    // A typo in the address is caught, announced, and nothing is sent.
    await email.fill("ann@example");
    await page.getByRole("button", { name: "Send to our team" }).click();
    await eventually(() => page.getByRole("alert").innerText()).toContain("valid email address");
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(requests.filter((r) => r.startsWith("POST") && r.includes("/api/handoff"))).toEqual([]);

    await sendToTeam(page, "ann@example.org", "Ann");
    await expect
      .poll(() => talk(page).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);

    // The team's notification, as the local Email Service simulation recorded it.
    const notification = await waitForEmail(
      product.worker.origin,
      (mail) => mail.to.includes(TEAM) && mail.subject.includes("World Cup"),
    );
    expect(notification.from).toContain("support@tidewater.example");
    expect(notification.subject).toBe("Chat request from Ann: Who won the last World Cup?");
    expect(notification.text).toContain("Ann <ann@example.org> asked to talk to a person");
    expect(notification.text).toContain("I'm sorry, I couldn't find an answer to that in our FAQ");
    const replyTo = notification.replyTo ?? "";
    expect(replyTo).toMatch(/^handoff-[0-9a-f]{24}-[0-9a-f]{24}@reply\.tidewater\.example$/);

    // The team answers from their mail client; what it quotes stays out of the widget.
    const raw = gmailReply(
      "Maria <maria@tidewater.example>",
      replyTo,
      notification.subject,
      "Argentina won in 2022! Ask me anything about our coffee, too.",
      notification.text ?? "",
    );
    expect(await deliverEmail(product.worker.origin, "maria@tidewater.example", replyTo, raw)).toMatchObject({
      outcome: "ok",
    });

    // The visitor closes the chat and comes back later: one check for replies, a badge, a new name.
    await page.getByRole("button", { name: "Close chat" }).click();
    requests.length = 0;
    await page.reload();
    await expect
      .poll(() => page.getByRole("button", { name: "Open support chat, 1 new reply" }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await launcher(page).getAttribute("data-unread")).toBe("1");
    expect(apiCalls(requests)).toEqual([expect.stringMatching(/^GET .*\/api\/handoff\?visitorId=[\w-]+$/)]);

    await launcher(page).click();
    const reply = page.locator("[data-role=operator]");
    await expect.poll(() => reply.count(), { timeout: 10_000 }).toBe(1);
    expect(await reply.innerText()).toContain("Argentina won in 2022! Ask me anything about our coffee, too.");
    expect(await reply.innerText()).toContain("Reply from our team");
    expect(await reply.innerText()).not.toMatch(/wrote:|asked to talk/);
    await eventually(() => launcher(page).getAttribute("aria-label")).toBe("Open support chat");
    expect(await launcher(page).getAttribute("data-unread")).toBeNull();

    // Within five minutes, a page load asks nothing more.
    requests.length = 0;
    await page.reload();
    await launcher(page).waitFor();
    await page.waitForLoadState("networkidle");
    expect(apiCalls(requests)).toEqual([]);
    expect(await launcher(page).getAttribute("aria-label")).toBe("Open support chat");
  });

  it("works through the console's Inbox too: offered after a thumbs-down, answered, closed and deleted", async () => {
    const { page } = await visitor();
    await page.goto(product.demo.origin);
    await launcher(page).click();
    await ask(page, "Do you have decaf?");
    expect(await talk(page).getAttribute("class")).toBe("talk");
    await page.getByRole("button", { name: "Not helpful" }).click();
    await eventually(() => talk(page).getAttribute("class")).toBe("talk offer");
    await talk(page).click();
    await sendToTeam(page, "bob@example.org");

    const admin = await signedInConsole(browser, product.worker.origin, TOKEN, { bypassCSP: true });
    // The navigation counts the requests with unread messages (this one among them).
    const inbox = admin.getByRole("link", { name: /^Inbox/ });
    await eventually(() => inbox.getAttribute("aria-label")).toMatch(/^Inbox, [1-9]\d* unread$/);
    expect(await inbox.innerText()).toMatch(/^Inbox\s*[1-9]/);
    await inbox.click();
    const requests = admin.getByRole("list", { name: "Requests" }).getByRole("listitem");
    await eventually(() => requests.first().innerText()).toContain("bob@example.org");
    expect(await requests.first().innerText()).toContain("Open");
    await requests.first().getByRole("link").click();
    await eventually(() => admin.getByRole("heading", { level: 2 }).first().innerText()).toBe("bob@example.org");
    const view = admin.locator(".handoff");
    expect(await view.innerText()).toContain("Do you have decaf?");
    expect(await axeViolations(admin)).toEqual([]);

    await admin.getByRole("textbox", { name: "Reply" }).fill("Yes: our Swiss Water decaf, in 250 g and 1 kg bags.");
    await admin.getByRole("button", { name: "Send reply" }).click();
    await eventually(() => admin.getByRole("status").innerText()).toContain("Sent.");
    await eventually(() => requests.first().innerText()).toContain("Answered");

    // The visitor's next visit: the badge, then the reply.
    await page.getByRole("button", { name: "Close chat" }).click();
    await page.reload();
    await expect
      .poll(() => page.getByRole("button", { name: "Open support chat, 1 new reply" }).count(), { timeout: 10_000 })
      .toBe(1);
    await launcher(page).click();
    await eventually(() => page.locator("[data-role=operator]").innerText()).toContain("Swiss Water decaf");

    await admin.getByRole("button", { name: "Close request" }).click();
    await eventually(() => requests.first().innerText()).toContain("Closed");
    await admin.getByRole("button", { name: "Delete", exact: true }).click();
    const cancel = admin.getByRole("button", { name: "Cancel" });
    await eventually(() => cancel.evaluate((el) => el === document.activeElement)).toBe(true);
    await admin.getByRole("group").getByRole("button", { name: "Delete", exact: true }).click();
    await eventually(() => admin.getByRole("status").innerText()).toContain("Deleted");
    await eventually(() => admin.getByText("bob@example.org").count()).toBe(0);
  });

  it("drops a reply sent to a forged address, and refuses invalid input naming the field", async () => {
    const forged = "handoff-0123456789abcdef01234567-0123456789abcdef01234567@reply.tidewater.example";
    const raw = gmailReply("Mallory <m@evil.example>", forged, "Hello", "Click this link", "");
    expect(await deliverEmail(product.worker.origin, "m@evil.example", forged, raw)).toMatchObject({
      rejectReason: expect.stringContaining("Unknown address"),
    });
    // Logged: the Worker's console reaches wrangler's output a moment later.
    await expect.poll(() => product.worker.output(), { timeout: 10_000 }).toContain(`Email to ${forged} refused`);

    const response = await fetch(`${product.worker.origin}/api/handoff`, {
      method: "POST",
      headers: { Origin: product.demo.origin },
      body: JSON.stringify({ visitorId: "visitor-0001", email: "not-an-address", message: "Hi" }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(product.demo.origin);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^email: /);
  });

  it("says so before sending, outside office hours, with the reply time the team promises", async () => {
    // Office hours on a day that is not today, in UTC.
    const today = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][new Date().getUTCDay()];
    const otherDay = today === "mon" ? "tue" : "mon";
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const current = await (await fetch(`${product.worker.origin}/api/admin/settings`, { headers })).json();
    const saved = await fetch(`${product.worker.origin}/api/admin/settings`, {
      method: "PUT",
      headers,
      body: JSON.stringify({
        ...current,
        officeHours: { timezone: "UTC", days: [otherDay], start: "09:00", end: "17:00" },
        replyTimeHours: 4,
      }),
    });
    expect(saved.status).toBe(200);
    try {
      const { page } = await visitor();
      await page.goto(product.demo.origin);
      await launcher(page).click();
      await page.getByRole("dialog").waitFor();
      await talk(page).click();
      const note = page.locator("#sc-handoff-note");
      await expect.poll(() => note.innerText(), { timeout: 10_000 }).toContain("outside our office hours");
      expect(await note.innerText()).toContain("We usually reply within 4 hours.");
      expect(await page.getByRole("button", { name: "Send to our team" }).getAttribute("aria-describedby")).toBe(
        "sc-handoff-note",
      );
      await page.getByRole("textbox", { name: "Your message" }).fill("Can I visit the roastery?");
      await sendToTeam(page, "cleo@example.org");
      expect(await page.locator("[data-role=handoff]").last().innerText()).toContain("outside our office hours");
    } finally {
      await fetch(`${product.worker.origin}/api/admin/settings`, {
        method: "PUT",
        headers,
        body: JSON.stringify(current),
      });
    }
  });

  it("is accessible, on a phone too, and speaks the visitor's language", async () => {
    const { page } = await visitor({ viewport: { width: 375, height: 667 } });
    await page.goto(product.demo.origin);
    await launcher(page).click();
    await talk(page).click();
    const form = page.locator("form.handoff-form");
    await form.waitFor();
    const box = await page.getByRole("dialog").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    for (const name of ["Email", "Name", "Your message"]) {
      const field = page.getByRole("textbox", { name, exact: true });
      expect(await field.evaluate((el) => getComputedStyle(el).fontSize)).toBe("16px");
    }
    // Keyboard order: Email, Name, Your message, Send to our team, Back to chat.
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      order.push(
        await page.evaluate(() => {
          const active = document.querySelector("support-chat")?.shadowRoot?.activeElement as HTMLElement | null;
          return active?.getAttribute("name") ?? active?.textContent ?? "";
        }),
      );
      await page.keyboard.press("Tab");
    }
    expect(order).toEqual(["email", "name", "message", "Send to our team", "Back to chat"]);
    // An error announced and tied to its field; axe finds nothing, light or dark.
    await page.getByRole("textbox", { name: "Email" }).fill("no-at-sign");
    await page.getByRole("button", { name: "Send to our team" }).click();
    await eventually(() => page.getByRole("alert").count()).toBe(1);
    expect(await page.getByRole("textbox", { name: "Email" }).getAttribute("aria-describedby")).toBe("sc-email-error");
    expect(await widgetViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await widgetViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Back to chat" }).click();
    await eventually(() => page.getByRole("log").count()).toBe(1);

    const { page: spanish } = await visitor();
    product.demo.addPage("/es.html", {
      body: `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Tienda</title></head><body><p>Hola</p><script src="${product.worker.origin}/widget.js" async></script></body></html>`,
      type: "text/html; charset=utf-8",
    });
    await spanish.goto(`${product.demo.origin}/es.html`);
    await spanish.getByRole("button", { name: "Abrir el chat de soporte" }).click();
    await spanish.getByRole("button", { name: "Hablar con una persona" }).click();
    await spanish.getByRole("textbox", { name: "Correo electrónico" }).fill("dora@example.org");
    await spanish.getByRole("textbox", { name: "Tu mensaje" }).fill("¿Hacéis envíos a Canarias?");
    await spanish.getByRole("button", { name: "Enviar a nuestro equipo" }).click();
    await expect
      .poll(() => spanish.locator("[data-role=handoff]").innerText(), { timeout: 10_000 })
      .toContain("Te responderemos en dora@example.org");
  });

  it("delivers the webhook to a receiver that was down, signed, with an id to drop duplicates", {
    timeout: 90_000,
  }, async () => {
    // The first event of the run met a receiver answering 503; the queue retried with backoff.
    await expect
      .poll(() => receiver.deliveries("browser").filter((d) => d.status === 200).length, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBeGreaterThan(0);
    const deliveries = receiver.deliveries("browser");
    const [first, second] = deliveries;
    expect([first?.status, second?.status]).toEqual([503, 503]);
    const firstId = first?.headers["x-support-chat-event-id"];
    const delivered = deliveries.filter((d) => d.headers["x-support-chat-event-id"] === firstId);
    expect(delivered.map((d) => d.status)).toEqual([503, 503, 200]);
    for (const delivery of delivered) {
      const event = JSON.parse(delivery.body) as { id: string; type: string; text: string };
      expect(event).toMatchObject({ id: firstId, type: "handoff.created" });
      expect(event.text).toContain("asked to talk to a person");
      const expected = `sha256=${createHmac("sha256", SECRET).update(delivery.body).digest("hex")}`;
      expect(delivery.headers["x-support-chat-signature"]).toBe(expected);
    }
  });
});
