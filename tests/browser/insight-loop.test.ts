/**
 * The insight loop end to end in Chromium, the way it is meant to be used: a visitor on the demo
 * site asks something the FAQ cannot answer and rates the answer down with a comment; the
 * operator finds it on the console's Insights page, drafts an FAQ entry from it in one click,
 * writes the answer and publishes; the next visitor asking the same thing gets that answer.
 * `wrangler dev` in FAQ-only mode, so what was published comes back word for word.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { signedInConsole } from "../support/console.ts";
import { type Product, startProduct } from "../support/product.ts";

const TOKEN = "insight-loop-token-0123456789";
const QUESTION = "Do you ship to Antarctica?";
const COMMENT = "I'm at a research station for the winter.";
const ANSWER = "Yes: research stations get our beans with the January supply flight from Christchurch.";

let product: Product;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)("from a rated-down answer to an FAQ entry that answers it", () => {
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

  /** A visitor on the demo site, with the chat open. */
  async function visitor(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(product.demo.origin);
    await page.getByRole("button", { name: "Open support chat" }).click();
    await page.getByRole("dialog", { name: "Support" }).waitFor();
    return page;
  }

  async function ask(page: Page, question: string): Promise<string> {
    const answers = page.locator("[data-role=assistant]");
    const before = await answers.count();
    await page.getByRole("textbox", { name: "Message" }).fill(question);
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => answers.count(), { timeout: 10_000 }).toBe(before + 1);
    await expect.poll(() => answers.last().getAttribute("aria-busy"), { timeout: 10_000 }).toBeNull();
    return answers.last().innerText();
  }

  async function consoleOn(link: string): Promise<Page> {
    const page = await signedInConsole(browser, product.worker.origin, TOKEN);
    await page.getByRole("link", { name: link }).click();
    return page;
  }

  it("closes the loop", async () => {
    // The visitor asks, gets the honest "I don't know", and says so.
    const first = await visitor();
    expect(await ask(first, QUESTION)).toContain("couldn't find an answer");
    const answer = first.locator("[data-role=assistant]").last();
    const sent = first.waitForResponse(
      (r) => r.url().endsWith("/api/feedback") && r.request().postData()?.includes(COMMENT) === true,
    );
    await answer.getByRole("button", { name: "Not helpful" }).click();
    await answer.getByRole("textbox", { name: "What was missing?" }).fill(COMMENT);
    await answer.getByRole("button", { name: "Submit" }).click();
    expect((await sent).status()).toBe(204);

    // The operator sees it on Insights: the question, the comment, the version that answered.
    const operator = await consoleOn("Insights");
    const rated = operator
      .getByRole("region", { name: "Rated-down answers" })
      .getByRole("listitem")
      .filter({ hasText: COMMENT });
    await rated.waitFor();
    expect(await rated.innerText()).toContain(QUESTION);
    expect(await rated.innerText()).toContain("FAQ version 1");
    const group = operator
      .getByRole("region", { name: "Unanswered questions" })
      .getByRole("listitem")
      .filter({ hasText: QUESTION });
    expect(await group.first().innerText()).toMatch(/1 unanswered · 1 rated down/);
    const satisfaction = await operator
      .getByRole("region", { name: "Satisfaction by FAQ version" })
      .getByRole("row")
      .allInnerTexts();
    expect(satisfaction[1]).toMatch(/^1\s+0\s+1\s+0%$/);

    // One click drafts the entry; the operator writes the answer and publishes.
    await rated.getByRole("button", { name: /Draft FAQ entry/ }).click();
    const editor = operator.getByRole("textbox", { name: "FAQ (Markdown)" });
    await expect
      .poll(() =>
        editor.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd)),
      )
      .toBe("Write the answer here.");
    await operator.keyboard.type(ANSWER);
    await operator.getByLabel("Note for this version").fill("Shipping to Antarctica");
    await operator.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => operator.getByRole("status").first().innerText()).toMatch(/Published version 2/);

    // The next visitor who asks gets the new answer, from the FAQ.
    const next = await visitor();
    const reply = await ask(next, QUESTION);
    expect(reply).toContain(ANSWER);
    expect(reply).toContain("From our FAQ");

    // And Insights shows the question as answered now.
    await operator.getByRole("link", { name: "Insights" }).click();
    await expect
      .poll(() =>
        operator
          .getByRole("region", { name: "Unanswered questions" })
          .getByRole("listitem")
          .filter({ hasText: QUESTION })
          .first()
          .innerText(),
      )
      .toContain("Answered by the FAQ now");

    // Drafting it again opens the published entry, its answer selected, rather than a duplicate.
    await rated.getByRole("button", { name: /Draft FAQ entry/ }).click();
    await expect
      .poll(() =>
        editor.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd)),
      )
      .toBe(ANSWER);
    expect((await editor.inputValue()).split(`## ${QUESTION}`)).toHaveLength(2);
  });
});
