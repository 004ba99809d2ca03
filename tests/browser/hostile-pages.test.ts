/**
 * Hostile host pages (issue #7): the widget runs on other people's pages. Aggressive CSS can't
 * change it, a strict CSP sees no violation, model output can't inject anything, and a single-page
 * app can destroy and reload it without leaks.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { type Product, startProduct } from "../support/product.ts";

let product: Product;
let browser: Browser;
let context: BrowserContext;

const AGGRESSIVE_CSS = `
  * { all: unset !important; }
  html { font-size: 4px !important; line-height: 0.5 !important; }
  button, input, textarea, [role="dialog"] { display: none !important; }
  div, section, p { position: relative !important; z-index: 99999999 !important; }
  support-chat { display: none !important; opacity: 0 !important; transform: scale(0.1) !important; }
  *, *::before, *::after { box-sizing: content-box !important; font-family: "Comic Sans MS", cursive !important; color: red !important; }
`;

function hostPage(worker: string, css = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${css ? '<link rel="stylesheet" href="/hostile.css">' : ""}</head>
<body><div><p>A host page with plenty of its own content.</p></div><script src="${worker}/widget.js" async></script></body></html>`;
}

/** Serves `html` (and its stylesheet) from the demo server, with an optional CSP, and opens it. */
async function serveHost(page: Page, html: string, csp?: string): Promise<void> {
  const path = `/host-${Math.random().toString(36).slice(2)}.html`;
  product.demo.addPage(path, {
    body: html,
    type: "text/html; charset=utf-8",
    headers: csp ? { "Content-Security-Policy": csp } : {},
  });
  product.demo.addPage("/hostile.css", { body: AGGRESSIVE_CSS, type: "text/css" });
  await page.goto(`${product.demo.origin}${path}`);
}

async function chat(page: Page, question: string): Promise<void> {
  await page.getByRole("button", { name: "Open support chat" }).click();
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => page.locator("[data-role=assistant]").count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count(), { timeout: 10_000 }).toBe(0);
}

/** The share of pixels that differ between two PNG screenshots, compared in the browser. */
async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const load = async (base64: string) =>
        createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const [x, y] = await Promise.all([load(first), load(second)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      const pixels = (image: ImageBitmap) => {
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context2d = canvas.getContext("2d");
        context2d?.drawImage(image, 0, 0);
        return context2d?.getImageData(0, 0, image.width, image.height).data ?? new Uint8ClampedArray();
      };
      const [p, q] = [pixels(x), pixels(y)];
      let different = 0;
      for (let i = 0; i < p.length; i += 4)
        if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) different++;
      return different / (p.length / 4);
    },
    [a.toString("base64"), b.toString("base64")] as const,
  );
}

describe.skipIf(!HAS_CHROMIUM)("the widget on hostile host pages", () => {
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
  beforeEach(async () => {
    product.scenario({ mode: "answer", text: "Our decaf is **Swiss Water Process**." });
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  });

  it("looks and works the same under aggressive host CSS as on a plain page", async () => {
    const shots: Buffer[] = [];
    for (const css of ["", AGGRESSIVE_CSS]) {
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
      const page = await fresh.newPage();
      await serveHost(page, hostPage(product.worker.origin, css));
      await chat(page, "Do you have decaf?");
      shots.push(await page.getByRole("dialog", { name: "Support" }).screenshot());
      shots.push(await page.getByRole("button", { name: "Open support chat" }).screenshot());
      await fresh.close();
    }
    const page = await context.newPage();
    const [plainPanel, plainLauncher, hostilePanel, hostileLauncher] = shots as [Buffer, Buffer, Buffer, Buffer];
    expect(await pixelDifference(page, plainPanel, hostilePanel)).toBeLessThan(0.001);
    expect(await pixelDifference(page, plainLauncher, hostileLauncher)).toBeLessThan(0.001);
  });

  it("works under a strict CSP without a single violation", async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        window.violations ??= [];
        window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const worker = product.worker.origin;
    await serveHost(
      page,
      hostPage(worker),
      `default-src 'self'; script-src 'self' ${worker}; connect-src ${worker}; style-src 'self'`,
    );
    await chat(page, "Do you have decaf?");
    expect(await page.locator("[data-role=assistant] strong").innerText()).toBe("Swiss Water Process");
    expect(await page.evaluate(() => window.violations ?? [])).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("lets a visitor reach the team under aggressive CSS and a strict CSP, without a violation", async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const worker = product.worker.origin;
    await serveHost(
      page,
      hostPage(worker, AGGRESSIVE_CSS),
      `default-src 'self'; script-src 'self' ${worker}; connect-src ${worker}; style-src 'self'`,
    );
    await chat(page, "Do you have decaf?");
    await page.getByRole("button", { name: "Talk to a person" }).click();
    await page.getByRole("textbox", { name: "Email" }).fill("host@example.org");
    const send = page.getByRole("button", { name: "Send to our team" });
    const box = await send.boundingBox();
    expect(box?.height).toBeGreaterThan(30);
    await send.click();
    await expect
      .poll(() => page.locator("[data-role=handoff]").innerText(), { timeout: 10_000 })
      .toContain("We'll reply to host@example.org");
    expect(violations).toEqual([]);
  });

  it("renders hostile and deceptive model output inert", async () => {
    product.scenario({
      mode: "answer",
      text: [
        '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> <iframe src="javascript:window.pwned=3"></iframe>',
        "[click](javascript:window.pwned=4) [data](data:text/html,<script>window.pwned=5</script>) [vb](vbscript:msgbox(1))",
        "[https://tidewater.coffee/login](https://evil.example/steal) and [tidewater.coffee](https://www.tidewater.coffee/help)",
        '<a href="https://evil.example">raw anchor</a> **<b onclick="window.pwned=6">bold</b>**',
      ].join("\n\n"),
    });
    const page = await context.newPage();
    await serveHost(page, hostPage(product.worker.origin));
    await chat(page, "Say something nasty");
    const answer = page.locator("[data-role=assistant]");
    expect(await answer.locator("img, script, iframe, b, object, embed").count()).toBe(0);
    const links = await answer
      .locator("a")
      .evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute("href")]));
    expect(links).toEqual([
      ["https://tidewater.coffee/login", "https://evil.example/steal"],
      ["tidewater.coffee", "https://www.tidewater.coffee/help"],
    ]);
    expect(await answer.locator("a a").count()).toBe(0);
    const text = await answer.innerText();
    expect(text).toContain("https://tidewater.coffee/login (evil.example)");
    expect(text).not.toContain("tidewater.coffee (www.tidewater.coffee)");
    expect(text).toContain('<a href="https://evil.example">raw anchor</a>');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  });

  it("survives a single-page app that destroys and reloads it: no duplicate, no leaked listener, conversation intact", async () => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const windowListeners = async () => {
      const { result } = await cdp.send("Runtime.evaluate", { expression: "window" });
      const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId ?? "" });
      return listeners.length;
    };
    await serveHost(page, hostPage(product.worker.origin).replace(/<script src=[^>]+><\/script>/, ""));
    const before = await windowListeners();
    const load = () =>
      page.evaluate(
        (src) =>
          new Promise<void>((resolve) => {
            window.addEventListener("support-chat:ready", () => resolve(), { once: true });
            const script = document.createElement("script");
            script.src = src;
            document.body.append(script);
          }),
        `${product.worker.origin}/widget.js`,
      );
    await load();
    await chat(page, "Remember me across navigations");
    for (let round = 0; round < 3; round++) {
      await page.evaluate(() => {
        window.SupportChat?.destroy();
        history.pushState({}, "", `/page-${Math.random()}`);
      });
      expect(
        await page.evaluate(() => [document.querySelectorAll("support-chat").length, typeof window.SupportChat]),
      ).toEqual([0, "undefined"]);
      expect(await windowListeners()).toBe(before);
      await load();
      expect(await page.evaluate(() => document.querySelectorAll("support-chat").length)).toBe(1);
    }
    await page.getByRole("button", { name: "Open support chat" }).click();
    await expect
      .poll(() => page.locator("[data-role=user]").allInnerTexts())
      .toEqual(["Remember me across navigations"]);
  });
});
