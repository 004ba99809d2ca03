/**
 * The provider's health end to end, in Chromium against `npm run serve` (wrangler dev): the
 * provider starts rejecting the key; visitors get FAQ answers; the console shows a banner on every
 * page and says what to do; after the alert threshold (2 s here) one email and one signed webhook
 * event reach the operator; a new key, "Test provider", and one recovery of each.
 */
import { createHmac } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_ADVICE } from "../../worker/src/protocol/provider-advice.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../worker/tools/webhook-receiver/server.ts";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { axeViolations, signedInConsole } from "../support/console.ts";
import { sentEmails, waitForEmail } from "../support/email.ts";
import { type Product, startProduct } from "../support/product.ts";

const TOKEN = "provider-test-token-0123456789";
const SECRET = "whsec-provider-test-0123456789";
const TEAM = "ops@tidewater.example";
const PAGES = ["FAQ", "Versions", "Insights", "Inbox", "Settings", "Usage", "Provider"];

let receiver: WebhookReceiver;
let product: Product;
let browser: Browser;

const eventually = <T>(value: () => Promise<T>) => expect.poll(value, { timeout: 15_000 });
const banner = (page: Page) => page.getByRole("complementary").filter({ hasText: "The AI provider is failing" });
const facts = (page: Page) => page.locator("dl.facts");

/** Asks the demo site's widget a question; resolves with the answer's text once it is complete. */
async function ask(page: Page, question: string): Promise<string> {
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const answers = page.locator("[data-role=assistant]:not([aria-busy])");
  await eventually(() => answers.count()).toBe(await page.locator("[data-role=user]").count());
  return answers.last().innerText();
}

const signed = (body: string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

describe.skipIf(!HAS_CHROMIUM)("the provider's health in the console", () => {
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    [product, browser] = await Promise.all([
      startProduct({
        vars: {
          ADMIN_TOKEN: TOKEN,
          OPERATOR_EMAIL: TEAM,
          EMAIL_FROM: "Tidewater Support <support@tidewater.example>",
          HANDOFF_WEBHOOK_URL: receiver.url("provider"),
          HANDOFF_WEBHOOK_SECRET: SECRET,
          PROVIDER_ALERT_AFTER_SECONDS: "2",
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

  it("shows a rejected key on every page, alerts once, and once more when a new key works", async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(product.demo.origin);
    await visitor.getByRole("button", { name: "Open support chat" }).click();
    expect(await ask(visitor, "How long does delivery take?")).not.toContain("From our FAQ");

    const admin = await signedInConsole(browser, product.worker.origin, TOKEN, { bypassCSP: true });
    await admin.getByRole("link", { name: "Provider" }).click();
    await eventually(() => facts(admin).innerText()).toContain("Answering");
    expect(await facts(admin).innerText()).toContain("gpt-4o-mini");
    expect(await banner(admin).count()).toBe(0);

    // The key is revoked at the provider: visitors get the FAQ's answers.
    product.scenario({ mode: "error", error: "invalid_api_key" });
    expect(await ask(visitor, "Do you have decaf?")).toContain("From our FAQ");

    for (const link of PAGES) {
      await admin.getByRole("link", { name: link, exact: true }).click();
      await eventually(() => banner(admin).innerText()).toContain("key rejected");
    }
    expect(await banner(admin).innerText()).toContain("1 chat was answered from the FAQ instead");
    expect(await facts(admin).innerText()).toMatch(/State\s+Key rejected since/);
    expect(await facts(admin).innerText()).toMatch(/FAQ answers since the trouble began\s+1/);
    expect(await admin.locator(".notice").innerText()).toBe(PROVIDER_ADVICE.key_rejected.replaceAll("`", ""));
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 375, height: 667 },
    ]) {
      await admin.setViewportSize(viewport);
      expect(await axeViolations(admin), `Provider at ${viewport.width}px`).toEqual([]);
      const overflow = await admin.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `Provider at ${viewport.width}px`).toBeLessThanOrEqual(0);
    }
    await admin.setViewportSize({ width: 1400, height: 900 });

    await admin.getByRole("button", { name: "Test provider" }).click();
    await eventually(() => admin.getByRole("alert").innerText()).toMatch(
      /^The test failed after \d+ ms: key rejected\./,
    );

    // After the threshold: one email and one webhook event.
    const failing = await waitForEmail(product.worker.origin, (mail) => mail.subject.includes("is failing"));
    expect(failing.subject).toBe("Support Chat: the AI provider is failing (key rejected)");
    expect(failing.to).toContain(TEAM);
    expect(failing.text).toContain(PROVIDER_ADVICE.key_rejected);
    expect(failing.text).toContain(`${product.worker.origin}/admin/#provider`);
    await eventually(async () => receiver.deliveries("provider").length).toBe(1);
    const [event] = receiver.deliveries("provider");
    expect(event?.headers["x-support-chat-event"]).toBe("provider.failing");
    expect(event?.headers["x-support-chat-signature"]).toBe(signed(event?.body ?? ""));
    expect(JSON.parse(event?.body ?? "{}")).toMatchObject({
      type: "provider.failing",
      provider: { state: "key_rejected", model: "gpt-4o-mini" },
    });

    // A new key works: Test provider says so, the banner goes, and the recovery is told once.
    product.scenario({ mode: "answer" });
    await admin.getByRole("button", { name: "Test provider" }).click();
    await eventually(() => admin.getByRole("status").innerText()).toMatch(
      /^The provider answered in \d+ ms: gpt-4o-mini-2026-01-15\.$/,
    );
    await eventually(() => banner(admin).count()).toBe(0);
    expect(await facts(admin).innerText()).toContain("Answering");
    await waitForEmail(product.worker.origin, (mail) => mail.subject.includes("answers again"));
    await eventually(async () => receiver.deliveries("provider").length).toBe(2);
    expect(JSON.parse(receiver.deliveries("provider")[1]?.body ?? "{}")).toMatchObject({ type: "provider.recovered" });
    expect(await ask(visitor, "Do you have decaf?")).not.toContain("From our FAQ");

    // One of each for the incident, however many chats failed or answered.
    const subjects = (await sentEmails(product.worker.origin)).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.includes("is failing"))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes("answers again"))).toHaveLength(1);
    expect(receiver.deliveries("provider")).toHaveLength(2);
  });
});
