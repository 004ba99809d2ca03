import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { axeViolations, signedInConsole } from "../support/console.ts";
import { type Product, startProduct } from "../support/product.ts";

const TOKEN = "insights-test-token-0123456789";
const UNANSWERED = "Do you ship to Antarctica?";
const COMMENT = "I really need beans at the South Pole.";
const PLACEHOLDER = "Write the answer here.";

let product: Product;
let browser: Browser;

/** Asks the Worker as a visitor on the demo site; the answer's text and its `done` messageId. */
async function ask(visitorId: string, question: string): Promise<{ messageId: string; answer: string }> {
  const response = await fetch(`${product.worker.origin}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: product.demo.origin },
    body: JSON.stringify({ visitorId, messages: [{ role: "user", content: question }] }),
  });
  const body = await response.text();
  const data = (event: string) =>
    [...body.matchAll(new RegExp(`^event: ${event}\\ndata: (.*)$`, "gm"))].map((m) => JSON.parse(m[1] ?? "null"));
  const answer = data("delta")
    .map((d: { text: string }) => d.text)
    .join("");
  const [done] = data("done") as { messageId: string }[];
  if (!done) throw new Error(`No done event in ${body}`);
  return { messageId: done.messageId, answer };
}

async function rate(body: Record<string, string>): Promise<void> {
  const response = await fetch(`${product.worker.origin}/api/feedback`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: product.demo.origin },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(204);
}

describe.skipIf(!HAS_CHROMIUM)("the console's Insights page in Chromium", () => {
  beforeAll(async () => {
    [product, browser] = await Promise.all([
      startProduct({
        vars: {
          ADMIN_TOKEN: TOKEN,
          OPENAI_API_KEY: "",
          LOG_CONVERSATIONS: "true",
          TRANSCRIPT_RETENTION_DAYS: "14",
        },
      }),
      launchChromium(),
    ]);
    const down = await ask("insights-visitor-down", UNANSWERED);
    await rate({
      visitorId: "insights-visitor-down",
      messageId: down.messageId,
      rating: "down",
      comment: COMMENT,
      question: UNANSWERED,
      answer: down.answer,
    });
    const up = await ask("insights-visitor-up", "Do you have decaf?");
    await rate({ visitorId: "insights-visitor-up", messageId: up.messageId, rating: "up" });
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** CSP violations the console reports: its own policy must never get in its way. */
  const violations: string[] = [];

  /** A signed-in console on Insights; `bypassCSP` only lets the test inject axe-core, an inline script. */
  async function insights(viewport = { width: 1400, height: 900 }, bypassCSP = false): Promise<Page> {
    const page = await signedInConsole(browser, product.worker.origin, TOKEN, { viewport, bypassCSP, violations });
    await page.getByRole("link", { name: "Insights" }).click();
    await page.getByRole("heading", { name: "Unanswered questions" }).waitFor();
    return page;
  }

  const section = (page: Page, name: string) => page.getByRole("region", { name });
  const draftButton = (page: Page) =>
    section(page, "Unanswered questions")
      .getByRole("listitem")
      .filter({ hasText: UNANSWERED })
      .first()
      .getByRole("button", { name: /Draft/ });

  it("shows the unanswered question, the rated-down answer with its version, and satisfaction", async () => {
    const page = await insights();
    expect(await page.locator("main").innerText()).toContain("Transcripts are kept for 14 days.");

    const satisfaction = await section(page, "Satisfaction by FAQ version").getByRole("row").allInnerTexts();
    expect(satisfaction[0]).toMatch(/Version\s+Helpful\s+Not helpful\s+Satisfaction/);
    expect(satisfaction[1]).toMatch(/^1\s+1\s+1\s+50%$/);

    const group = section(page, "Unanswered questions").getByRole("listitem").filter({ hasText: UNANSWERED });
    await expect.poll(() => group.count()).toBeGreaterThan(0);
    expect(await group.first().innerText()).toMatch(/Asked once: 1 unanswered · 1 rated down/);
    await expect
      .poll(() =>
        group
          .first()
          .getByRole("button", { name: /Draft FAQ entry/ })
          .count(),
      )
      .toBe(1);

    const rated = section(page, "Rated-down answers").getByRole("listitem").filter({ hasText: COMMENT });
    const text = await rated.innerText();
    expect(text).toContain(UNANSWERED);
    expect(text).toContain("FAQ version 1");
    expect(text).toContain("source: FAQ");
    await rated.getByText("The answer", { exact: true }).click();
    expect((await rated.locator(".answer").innerText()).length).toBeGreaterThan(10);
  });

  it("drafts a FAQ entry from a question: the editor opens on it with the placeholder selected", async () => {
    const page = await insights();
    await draftButton(page).click();
    const editor = page.getByRole("textbox", { name: "FAQ (Markdown)" });
    await expect.poll(() => page.getByRole("status").innerText()).toContain(`Added a draft entry for “${UNANSWERED}”`);
    expect(page.url()).toMatch(/#faq$/);
    expect(await editor.inputValue()).toContain(`\n\n## ${UNANSWERED}\n\n${PLACEHOLDER}\n`);
    const selection = await editor.evaluate((area: HTMLTextAreaElement) => ({
      focused: document.activeElement === area,
      selected: area.value.slice(area.selectionStart, area.selectionEnd),
    }));
    expect(selection).toEqual({ focused: true, selected: PLACEHOLDER });

    await page.keyboard.type("Not yet: we ship within the US and to Canada.");
    expect(await editor.inputValue()).toContain(`## ${UNANSWERED}\n\nNot yet: we ship within the US and to Canada.\n`);
    await page.reload();
    await expect.poll(() => page.getByRole("status").innerText()).toBe("Your unpublished draft was restored.");
    expect(await editor.inputValue()).toContain("Not yet: we ship within the US and to Canada.");

    // Drafting the same question again opens the entry already in the draft instead of a second one.
    await page.getByRole("link", { name: "Insights" }).click();
    await draftButton(page).click();
    await expect.poll(() => page.getByRole("status").innerText()).toContain(`already has an entry for “${UNANSWERED}”`);
    expect((await editor.inputValue()).split(`## ${UNANSWERED}`)).toHaveLength(2);
    expect(
      await editor.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd)),
    ).toBe("Not yet: we ship within the US and to Canada.");
  });

  it("is axe-clean and fits at 1400 and 375 px, with answers and a transcript open", async () => {
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 375, height: 667 },
    ]) {
      const page = await insights(viewport, true);
      await page.getByText("The answer", { exact: true }).first().click();
      await page.getByRole("button", { name: /^View/ }).first().click();
      await page.locator(".turns").first().waitFor();
      const found = await axeViolations(page);
      expect(found, `Insights at ${viewport.width}px`).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `Insights at ${viewport.width}px`).toBeLessThanOrEqual(0);
    }
  });

  it("shows a transcript's turns, and deletes transcripts after an inline confirmation", async () => {
    const page = await insights();
    const transcripts = section(page, "Transcripts");
    const conversation = transcripts.locator(".card").filter({ hasText: UNANSWERED }).first();
    await conversation.getByRole("button", { name: /^View/ }).click();
    await expect.poll(() => conversation.locator(".turns").innerText()).toContain(UNANSWERED);
    await expect.poll(() => conversation.getByRole("button", { name: /^Hide/ }).count()).toBe(1);

    await conversation.getByRole("button", { name: /^Delete/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Cancel");
    await page.keyboard.press("Enter");
    expect(await transcripts.locator(".card").filter({ hasText: UNANSWERED }).count()).toBe(1);

    await conversation.getByRole("button", { name: /^Delete/ }).click();
    await conversation.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(() => transcripts.getByRole("status").innerText()).toBe("Deleted the transcript.");
    expect(await transcripts.locator(".card").filter({ hasText: UNANSWERED }).count()).toBe(0);
    // Deleting a conversation also drops what the insights quoted of it.
    await expect.poll(() => section(page, "Rated-down answers").innerText()).toContain("(question not kept)");

    await transcripts.getByRole("button", { name: "Delete all transcripts" }).click();
    await transcripts.getByRole("button", { name: "Delete all", exact: true }).click();
    await expect.poll(() => transcripts.getByRole("status").innerText()).toBe("Deleted all transcripts.");
    expect(await transcripts.innerText()).toContain("No conversations are kept at the moment.");
    const list = await fetch(`${product.worker.origin}/api/admin/transcripts`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(((await list.json()) as { conversations: unknown[] }).conversations).toEqual([]);
  });

  it("runs under the console's strict Content-Security-Policy without a violation", () => {
    expect(violations).toEqual([]);
  });
});
