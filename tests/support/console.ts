/**
 * The operator console in browser tests: a signed-in page (collecting any CSP violation it
 * reports) and axe-core's findings on it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface ConsoleOptions {
  viewport?: { width: number; height: number };
  /** Only so that a test can inject axe-core, an inline script. */
  bypassCSP?: boolean;
  /** Where the page's Content-Security-Policy violations go. */
  violations?: string[];
}

/** A new page of the console at `origin`/admin, signed in with `token`, on the FAQ editor. */
export async function signedInConsole(
  browser: Browser,
  origin: string,
  token: string,
  { viewport = { width: 1400, height: 900 }, bypassCSP = false, violations }: ConsoleOptions = {},
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, bypassCSP })).newPage();
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations?.push(message.text());
  });
  await page.goto(`${origin}/admin/`);
  await page.getByLabel("Operator token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("textbox", { name: "FAQ (Markdown)" }).waitFor();
  return page;
}

/** axe-core's WCAG 2.1 AA and best-practice violations on the page (opened with `bypassCSP`). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = window.axe;
    if (!axe) throw new Error("axe-core did not load");
    return (await axe.run({ runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] })).violations.map((v) => v.id);
  });
}
