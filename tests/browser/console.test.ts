import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { axeViolations, signedInConsole } from "../support/console.ts";
import { type Product, startProduct } from "../support/product.ts";

const TOKEN = "console-test-token-0123456789";

let product: Product;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)("the operator console in Chromium", () => {
  beforeAll(async () => {
    [product, browser] = await Promise.all([
      startProduct({ vars: { ADMIN_TOKEN: TOKEN, OPENAI_API_KEY: "" } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** CSP violations the console page reports: its own policy must never get in its way. */
  const violations: string[] = [];

  /** A signed-in console page; `bypassCSP` only lets the test inject axe-core, an inline script. */
  const signedIn = (viewport = { width: 1400, height: 900 }, bypassCSP = false): Promise<Page> =>
    signedInConsole(browser, product.worker.origin, TOKEN, { viewport, bypassCSP, violations });

  const editor = (page: Page) => page.getByRole("textbox", { name: "FAQ (Markdown)" });

  async function append(page: Page, text: string): Promise<void> {
    await editor(page).fill(`${await editor(page).inputValue()}\n\n${text}\n`);
  }

  it("refuses a wrong token and never puts the token in the URL", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${product.worker.origin}/admin/`);
    await page.getByLabel("Operator token").fill("wrong-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").innerText()).toContain("Sign in with the operator token");
    await page.getByLabel("Operator token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await editor(page).waitFor();
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => sessionStorage.getItem("support-chat:admin-token"))).toBe(TOKEN);
  });

  it("edits, tries the draft, publishes, and the widget on the demo site answers from the new FAQ", async () => {
    const page = await signedIn();
    const marker = `Sunday cupping ${Date.now()}`;
    await append(page, `## Do you hold public tastings?\nYes: every ${marker} at the roastery, free of charge.`);

    await page.getByRole("textbox", { name: "Message" }).fill("Do you hold public tastings?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => page.locator("[data-role=assistant]").last().innerText(), { timeout: 10_000 })
      .toContain(marker);

    await page.getByRole("button", { name: "Preview" }).click();
    expect(await page.locator(".rendered").innerText()).toContain("Do you hold public tastings?");

    await page.getByLabel("Note for this version").fill("Public tastings");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toMatch(/Published version \d+/);

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(product.demo.origin);
    await visitor.getByRole("button", { name: "Open support chat" }).click();
    await visitor.getByRole("textbox", { name: "Message" }).fill("Do you hold public tastings?");
    await visitor.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => visitor.locator("[data-role=assistant]").last().innerText(), { timeout: 10_000 })
      .toContain(marker);
  });

  it("shows theirs beside yours when someone published meanwhile, and loses nothing typed", async () => {
    const [alice, bob] = await Promise.all([signedIn(), signedIn()]);
    await append(alice, "## Alice's question?\nAlice's answer.");
    await alice.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => alice.getByRole("status").innerText()).toMatch(/Published version/);

    await append(bob, "## Bob's question?\nBob's answer.");
    const bobsDraft = await editor(bob).inputValue();
    await bob.getByRole("button", { name: "Publish" }).click();
    const conflict = bob.getByRole("alert").filter({ hasText: "while you were editing" });
    await expect.poll(() => conflict.innerText()).toContain("Alice's answer.");
    expect(await editor(bob).inputValue()).toBe(bobsDraft);
    expect(await bob.locator(".diff .removed").allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining("Alice's question?")]),
    );

    await bob.getByRole("button", { name: /Publish mine on top of version/ }).click();
    await expect.poll(() => bob.getByRole("status").innerText()).toMatch(/Published version/);
  });

  it("lists versions, compares one with the live FAQ, and rolls back", async () => {
    const page = await signedIn();
    await page.getByRole("link", { name: "Versions" }).click();
    await page.getByRole("button", { name: "View version 1" }).click();
    await expect.poll(() => page.locator(".diff").count()).toBe(1);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Roll back to 1" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toMatch(/Version 1 is live again/);
    const config = await (
      await fetch(`${product.worker.origin}/api/admin/faq`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).json();
    expect((config as { content: string }).content).not.toContain("Public tastings");
  });

  it("saves settings with a live preview, and the widget's config follows", async () => {
    const page = await signedIn();
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Title").fill("Tidewater help desk");
    await page
      .getByLabel("Suggested questions (one a line, up to 6)")
      .fill("Do you have decaf?\n\nHow do I track my order?");
    await expect
      .poll(() => page.locator(".chat-preview").evaluate((el) => el.shadowRoot?.querySelector("h2")?.textContent))
      .toBe("Tidewater help desk");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByRole("status").innerText()).toContain("Saved");
    const config = (await (
      await fetch(`${product.worker.origin}/api/config`, { headers: { Origin: product.demo.origin } })
    ).json()) as { title: string; suggestions: string[] };
    expect(config).toMatchObject({
      title: "Tidewater help desk",
      suggestions: ["Do you have decaf?", "How do I track my order?"],
    });
  });

  it("runs under its own strict Content-Security-Policy without a violation", () => {
    expect(violations).toEqual([]);
  });

  it("is axe-clean on every page and works on a phone", async () => {
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 375, height: 667 },
    ]) {
      const page = await signedIn(viewport, true);
      for (const link of ["FAQ", "Versions", "Settings", "Usage", "Provider"]) {
        await page.getByRole("link", { name: link }).click();
        await page.waitForTimeout(300);
        const violations = await axeViolations(page);
        expect(violations, `${link} at ${viewport.width}px`).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${link} at ${viewport.width}px`).toBeLessThanOrEqual(0);
      }
    }
  });
});
