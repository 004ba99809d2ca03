/**
 * Sources under answers, in real Chromium against `wrangler dev` and the fake provider: a model
 * answer's source shows as a link in the widget, stays after a reload, and shows in the console's
 * "Try it" too; the FAQ editor says how chats get the FAQ.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { signedInConsole } from "../support/console.ts";
import { type Product, startProduct } from "../support/product.ts";

const TOKEN = "sources-test-token-0123456789";
const URL_OF_ENTRY = "https://help.tidewater.example/brewing/cold-brew";
const FAQ = `Be warm and brief.

## How do I make cold brew?

Steep 100 g of coarse coffee in 1 litre of cold water for 16 hours, then filter it.

Source: ${URL_OF_ENTRY}

## Do you ship to Canada?

Yes, for a flat $19.95; it takes 7–14 business days.
`;
const ANSWER = "Steep 100 g of coarse coffee in 1 litre of cold water for 16 hours, then filter it. Enjoy!";

let product: Product;
let browser: Browser;

describe.skipIf(!HAS_CHROMIUM)("sources in Chromium", () => {
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct({ vars: { ADMIN_TOKEN: TOKEN } }), launchChromium()]);
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const latest = (await (await fetch(`${product.worker.origin}/api/admin/faq`, { headers })).json()) as {
      version: number;
    };
    const published = await fetch(`${product.worker.origin}/api/admin/faq`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ content: FAQ, baseVersion: latest.version }),
    });
    expect(published.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it("shows a model answer's source under it as a link to the entry's page, and keeps it after a reload", async () => {
    product.scenario({ mode: "answer", text: ANSWER });
    const page = await (await browser.newContext()).newPage();
    await page.goto(product.demo.origin);
    await page.getByRole("button", { name: "Open support chat" }).click();
    await page.getByRole("textbox", { name: "Message" }).fill("how long do I steep cold brew?");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.locator("[data-role=assistant]").last();
    await expect.poll(() => answer.innerText(), { timeout: 10_000 }).toContain("Enjoy!");
    const link = answer.getByRole("link", { name: "How do I make cold brew?" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(URL_OF_ENTRY);
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await answer.innerText()).toContain("Sources: How do I make cold brew?");

    await page.reload();
    await page.getByRole("button", { name: "Open support chat" }).click();
    const kept = page.locator("[data-role=assistant]").last().getByRole("link", { name: "How do I make cold brew?" });
    await kept.waitFor();
    expect(await kept.getAttribute("href")).toBe(URL_OF_ENTRY);
  });

  it("shows sources in the console's Try it, and the editor says chats get this small FAQ whole", async () => {
    product.scenario({ mode: "answer", text: ANSWER });
    const page = await signedInConsole(browser, product.worker.origin, TOKEN);
    expect(await page.getByTestId("faq-delivery").innerText()).toContain("Chats get this FAQ whole");
    await page.getByRole("textbox", { name: "Message" }).fill("cold brew recipe?");
    await page.getByRole("button", { name: "Send" }).click();
    const link = page.locator("[data-role=assistant]").last().getByRole("link", { name: "How do I make cold brew?" });
    await link.waitFor({ timeout: 10_000 });
    expect(await link.getAttribute("href")).toBe(URL_OF_ENTRY);
  });
});
