/**
 * The widget in real Chromium on the demo site, against `wrangler dev` and the fake provider
 * (docs/embed.md): loading, chatting, persistence, Stop, failures and retry, keyboard use,
 * accessibility, the phone layout, and the JS API.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultAnswer } from "../../worker/tools/fake-provider/server.ts";
import { HAS_CHROMIUM, launchChromium } from "../support/browser.ts";
import { PROVIDER_TAG, type Product, startProduct } from "../support/product.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let product: Product;
let browser: Browser;
let context: BrowserContext;
let page: Page;

describe.skipIf(!HAS_CHROMIUM)("the widget in Chromium", () => {
  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });
  beforeEach(async () => {
    product.scenario({ mode: "answer" });
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  const launcher = () => page.getByRole("button", { name: "Open support chat" });
  const dialog = () => page.getByRole("dialog", { name: "Support" });
  const composer = () => page.getByRole("textbox", { name: "Message" });
  const answers = () => page.locator("[data-role=assistant]");

  async function openDemo(): Promise<void> {
    await page.goto(product.demo.origin);
    await launcher().waitFor();
  }

  async function ask(question: string): Promise<void> {
    await composer().fill(question);
    await page.getByRole("button", { name: "Send" }).click();
  }

  /** axe-core's WCAG 2.1 AA and best-practice violations inside the widget. */
  async function axeViolations(): Promise<string[]> {
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

  it("makes no API call and loads only widget.js until the visitor comes near the launcher", async () => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await openDemo();
    await page.waitForLoadState("networkidle");
    const toWorker = requests.filter((url) => url.startsWith(product.worker.origin));
    expect(toWorker).toEqual([`${product.worker.origin}/widget.js`]);
    expect(await context.cookies()).toEqual([]);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            resolve(list.getEntries().reduce((sum, entry) => sum + (entry as LayoutShift).value, 0));
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(0), 500);
        }),
    );
    expect(shift).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("support-chat").length)).toBe(1);
    expect(await page.evaluate(() => document.querySelector("support-chat")?.shadowRoot?.mode)).toBe("open");
  });

  it("opens from the launcher, streams an answer, and keeps the conversation across a reload", async () => {
    await openDemo();
    await launcher().click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    expect(await composer().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await page.getByRole("log").getAttribute("aria-live")).toBe("polite");

    await ask("Do you ship to Canada?");
    await expect
      .poll(() => answers().last().innerText(), { timeout: 10_000 })
      .toContain(defaultAnswer("Do you ship to Canada?").slice(0, 30));
    await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count()).toBe(0);
    expect(await page.locator("[data-role=user]").innerText()).toBe("Do you ship to Canada?");

    await page.reload();
    await launcher().click();
    await expect.poll(() => page.locator("[data-role=user]").count()).toBe(1);
    expect(await answers().last().innerText()).toContain("You asked:");
  });

  it("Stop cancels the answer, and the provider sees its request end", async () => {
    product.scenario({ mode: "answer", gapMs: 400 });
    const before = product.provider.requests(PROVIDER_TAG).length;
    await openDemo();
    await launcher().click();
    await ask("Please take your time");
    const stop = page.getByRole("button", { name: "Stop" });
    await expect.poll(() => answers().last().innerText(), { timeout: 10_000 }).toContain("You asked");
    await stop.click();
    await vi.waitFor(() => expect(product.provider.requests(PROVIDER_TAG)[before]?.closedEarly).toBe(true), {
      timeout: 10_000,
    });
    await expect.poll(() => answers().last().innerText()).toContain("Stopped");
    await page.getByRole("button", { name: "Send" }).waitFor();
  });

  it("answers from the FAQ, marked as such, when the provider fails before its first token", async () => {
    product.scenario({ mode: "status", status: 500 });
    await openDemo();
    await launcher().click();
    await ask("How do I reset my password?");
    await expect.poll(() => answers().last().innerText(), { timeout: 10_000 }).toContain("From our FAQ");
    expect(await answers().last().innerText()).toContain("Forgot password?");
  });

  it("shows a cut-off answer clearly and lets the visitor retry without retyping", async () => {
    product.scenario({ mode: "midstream-error" });
    await openDemo();
    await launcher().click();
    await ask("Will this answer survive?");
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.innerText(), { timeout: 10_000 }).toContain("cut off");
    product.scenario({ mode: "answer" });
    await page.getByRole("button", { name: "Retry" }).click();
    await expect
      .poll(() => answers().last().innerText(), { timeout: 10_000 })
      .toContain("You asked: “Will this answer survive?”");
    expect(await alert.count()).toBe(0);
    expect(await page.locator("[data-role=user]").count()).toBe(1);
  });

  it("keeps the message when the visitor is offline, and sends it once they retry online", async () => {
    await openDemo();
    await launcher().click();
    await context.setOffline(true);
    await ask("Sent while offline");
    await expect.poll(() => page.getByRole("alert").innerText(), { timeout: 10_000 }).toContain("offline");
    expect(await page.locator("[data-role=user]").innerText()).toBe("Sent while offline");
    await context.setOffline(false);
    await page.getByRole("button", { name: "Retry" }).click();
    await expect
      .poll(() => answers().last().innerText(), { timeout: 10_000 })
      .toContain("You asked: “Sent while offline”");
  });

  it("counts down after a rate limit, then retries the same message", async () => {
    // The Worker's own limiter answers exactly this (docs/http-api.md#limits); here the answer is staged so
    // the countdown is short and certain.
    let limited = true;
    await page.route(`${product.worker.origin}/api/chat`, async (route) => {
      if (!limited) return route.continue();
      limited = false;
      await route.fulfill({
        status: 429,
        headers: {
          "Content-Type": "application/json",
          "Retry-After": "2",
          "Access-Control-Allow-Origin": product.demo.origin,
        },
        body: JSON.stringify({ error: { code: "rate_limited", message: "Too many messages", retryAfter: 2 } }),
      });
    });
    await openDemo();
    await launcher().click();
    await ask("Am I too fast?");
    const retry = page.getByRole("button", { name: "Retry" });
    await expect.poll(() => page.getByRole("alert").innerText()).toMatch(/retry in \d s/);
    expect(await retry.isDisabled()).toBe(true);
    await expect.poll(() => retry.isEnabled(), { timeout: 5000 }).toBe(true);
    await retry.click();
    await expect.poll(() => answers().last().innerText(), { timeout: 10_000 }).toContain("You asked: “Am I too fast?”");
  });

  it("works with the keyboard alone: Tab, Enter, Shift+Enter, Escape", async () => {
    await openDemo();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await launcher().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)) break;
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await page.keyboard.type("First line");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("second line");
    expect(await composer().inputValue()).toBe("First line\nsecond line");
    await page.keyboard.press("Enter");
    await expect.poll(() => answers().count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator("[data-role=user]").innerText()).toBe("First line\nsecond line");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await launcher().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`has no axe-core violations in the ${scheme} theme`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await openDemo();
      await launcher().click();
      await ask("Do you have decaf?");
      await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count(), { timeout: 10_000 }).toBe(0);
      expect(await axeViolations()).toEqual([]);
    });
  }

  it("fills a 375×667 phone screen, with a 16 px text box", async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    await openDemo();
    await launcher().click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().evaluate((el) => Promise.all(el.getAnimations().map((animation) => animation.finished)));
    expect(await dialog().boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    expect(await composer().evaluate((el) => getComputedStyle(el).fontSize)).toBe("16px");
  });

  it("offers the JS API: ready event, open, send, on('message'), close, destroy", async () => {
    await page.goto(product.demo.origin);
    await page.waitForFunction(() => window.SupportChat !== undefined);
    const result = await page.evaluate(async () => {
      const api = window.SupportChat;
      if (!api) throw new Error("no SupportChat");
      const events: string[] = [];
      api.on("open", () => events.push("open"));
      api.on("close", () => events.push("close"));
      const messages: { role: string; content: string }[] = [];
      const off = api.on("message", (message) => messages.push(message));
      api.open();
      await api.send("Sent through the API");
      off();
      api.close();
      return { events, messages };
    });
    expect(result.events).toEqual(["open", "close"]);
    expect(result.messages).toEqual([{ role: "assistant", content: defaultAnswer("Sent through the API") }]);

    await page.evaluate(() => window.SupportChat?.destroy());
    expect(
      await page.evaluate(() => [document.querySelectorAll("support-chat").length, typeof window.SupportChat]),
    ).toEqual([0, "undefined"]);
  });

  it("fires support-chat:ready, and loads once even when the tag is added twice", async () => {
    await page.goto(product.demo.origin);
    await page.waitForFunction(() => window.SupportChat !== undefined);
    const readyAgain = await page.evaluate(
      (src) =>
        new Promise<number>((resolve) => {
          window.SupportChat?.destroy();
          window.addEventListener(
            "support-chat:ready",
            () => resolve(document.querySelectorAll("support-chat").length),
            { once: true },
          );
          for (let i = 0; i < 2; i++) {
            const script = document.createElement("script");
            script.src = src;
            document.body.append(script);
          }
        }),
      `${product.worker.origin}/widget.js?again`,
    );
    expect(readyAgain).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.querySelectorAll("support-chat").length)).toBe(1);
  });

  it("follows the script tag's data attributes: position, color, language, theme, z-index", async () => {
    await page.goto(product.demo.origin);
    await page.waitForFunction(() => window.SupportChat !== undefined);
    await page.evaluate((src) => {
      window.SupportChat?.destroy();
      const script = document.createElement("script");
      script.src = src;
      Object.assign(script.dataset, {
        position: "left",
        color: "#0f766e",
        lang: "es",
        theme: "dark",
        zIndex: "77",
        title: "Ayuda",
      });
      document.body.append(script);
    }, `${product.worker.origin}/widget.js`);
    const launcherEs = page.getByRole("button", { name: "Abrir el chat de soporte" });
    await launcherEs.click();
    await expect.poll(() => page.getByRole("dialog", { name: "Ayuda" }).isVisible()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Mensaje" }).isVisible()).toBe(true);
    const box = await launcherEs.boundingBox();
    expect(box?.x).toBeLessThan(100);
    expect(await launcherEs.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(15, 118, 110)");
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("support-chat") as Element).zIndex)).toBe(
      "77",
    );
    const panelBackground = await page.getByRole("dialog").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(panelBackground).toBe("rgb(17, 24, 39)");
  });

  it("renders answers as safe Markdown: formatting and links, never HTML or script URLs", async () => {
    product.scenario({
      mode: "answer",
      text: '**Bold** and *soft* `code`\n\n- one\n- two\n\n[help](https://shop.example/help) [bad](javascript:alert(1)) <img src=x onerror="window.hacked=1"><script>window.hacked=2</script>',
    });
    await openDemo();
    await launcher().click();
    await ask("Show me formatting");
    await expect.poll(() => page.locator("[data-role=assistant] li").count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count()).toBe(0);
    const answer = answers().last();
    expect(await answer.locator("strong").first().innerText()).toBe("Bold");
    expect(await answer.locator("em").innerText()).toBe("soft");
    expect(await answer.locator("code").innerText()).toBe("code");
    const links = await answer
      .locator("a")
      .evaluateAll((anchors) =>
        anchors.map((a) => [a.getAttribute("href"), a.getAttribute("rel"), a.getAttribute("target")]),
      );
    expect(links).toEqual([["https://shop.example/help", "noopener noreferrer", "_blank"]]);
    expect(await answer.locator("img, script").count()).toBe(0);
    expect(await answer.innerText()).toContain("<img src=x");
    expect(await page.evaluate(() => window.hacked)).toBeUndefined();
  });

  it("keeps both tabs' messages when two tabs chat at once", async () => {
    await openDemo();
    const other = await context.newPage();
    await other.goto(product.demo.origin);
    for (const [tab, question] of [
      [page, "Asked in the first tab"],
      [other, "Asked in the second tab"],
    ] as const) {
      await tab.getByRole("button", { name: "Open support chat" }).click();
      await tab.getByRole("textbox", { name: "Message" }).fill(question);
      await tab.getByRole("button", { name: "Send" }).click();
    }
    for (const tab of [page, other]) {
      await expect.poll(() => tab.locator("[data-role=assistant][aria-busy]").count(), { timeout: 10_000 }).toBe(0);
    }
    await page.reload();
    await launcher().click();
    const asked = await page.locator("[data-role=user]").allInnerTexts();
    expect(asked.sort()).toEqual(["Asked in the first tab", "Asked in the second tab"]);
  });
  it("keeps a 60-turn conversation in Chinese working: the oldest turns are left out to fit, and it says so", async () => {
    await openDemo();
    const turns = Array.from({ length: 60 }, (_, i) => ({
      id: `seeded-${i}`,
      role: i % 2 === 0 ? "user" : "assistant",
      content: `第${i}条：${"我们的咖啡每周烘焙两次，并在烘焙后尽快发货。".repeat(60)}`,
      at: Date.now() - (60 - i) * 1000,
    }));
    await page.evaluate(({ key, seeded }) => localStorage.setItem(key, JSON.stringify(seeded)), {
      key: `support-chat:v1:${product.worker.origin}:conversation`,
      seeded: turns,
    });
    await page.reload();
    await launcher().click();
    const request = page.waitForRequest((r) => r.url().endsWith("/api/chat"));
    await ask("还有别的烘焙日吗？");
    const sent = await request;
    expect((await sent.response())?.status()).toBe(200);
    const body = sent.postData() ?? "";
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(64 * 1024);
    const messages = (JSON.parse(body) as { messages: { content: string }[] }).messages;
    expect(messages.at(-1)?.content).toBe("还有别的烘焙日吗？");
    expect(messages.length).toBeLessThan(50);
    await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count(), { timeout: 10_000 }).toBe(0);
    expect(await answers().last().innerText()).toContain("还有别的烘焙日吗");
    await expect.poll(() => dialog().getByText("The oldest messages were left out, to fit.").count()).toBe(1);
  });

  it("sends a message cut at 4,000 characters without splitting an emoji", async () => {
    await openDemo();
    await launcher().click();
    const request = page.waitForRequest((r) => r.url().endsWith("/api/chat"));
    await page.evaluate(() => window.SupportChat?.send(`${"a".repeat(3999)}😀 and more`));
    const sent = await request;
    expect((await sent.response())?.status()).toBe(200);
    const content = (JSON.parse(sent.postData() ?? "{}") as { messages: { content: string }[] }).messages.at(
      -1,
    )?.content;
    expect(content).toBe("a".repeat(3999));
    expect(content?.isWellFormed()).toBe(true);
  });

  describe("rating answers", () => {
    const FEEDBACK = () => `${product.worker.origin}/api/feedback`;
    const helpful = () => answers().last().getByRole("button", { name: "Helpful", exact: true });
    const notHelpful = () => answers().last().getByRole("button", { name: "Not helpful" });
    const commentBox = () => answers().last().getByRole("textbox", { name: "What was missing?" });

    async function askAndWait(question: string): Promise<void> {
      await ask(question);
      await expect.poll(() => answers().count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count(), { timeout: 10_000 }).toBe(0);
    }

    /** The conversation as the widget stored it, and this browser's visitor id. */
    function stored(): Promise<{ visitorId: string; messages: Record<string, unknown>[] }> {
      return page.evaluate(() => {
        const key = (suffix: string) => Object.keys(localStorage).find((k) => k.endsWith(suffix)) ?? "";
        return {
          visitorId: localStorage.getItem(key(":visitor")) ?? "",
          messages: JSON.parse(localStorage.getItem(key(":conversation")) ?? "[]"),
        };
      });
    }

    /** Runs `action` and returns the feedback request it sent: its JSON body and response status. */
    async function feedbackSent(
      action: () => Promise<void>,
    ): Promise<{ body: unknown; status: number | undefined; type: string | undefined }> {
      const request = page.waitForRequest((r) => r.url() === FEEDBACK() && r.method() === "POST");
      await action();
      const sent = await request;
      return {
        body: JSON.parse(sent.postData() ?? "null"),
        status: (await sent.response())?.status(),
        type: sent.headers()["content-type"],
      };
    }

    it("offers thumbs up and down on finished answers only, named for assistive tech", async () => {
      product.scenario({ mode: "answer", gapMs: 150 });
      await openDemo();
      await launcher().click();
      await ask("Is the greeting rated?");
      await expect.poll(() => answers().last().innerText(), { timeout: 10_000 }).toContain("You asked");
      expect(await page.getByRole("button", { name: "Not helpful" }).count()).toBe(0);
      await expect.poll(() => page.locator("[data-role=assistant][aria-busy]").count(), { timeout: 10_000 }).toBe(0);
      expect(await helpful().getAttribute("aria-pressed")).toBe("false");
      expect(await notHelpful().getAttribute("aria-pressed")).toBe("false");
      expect(await helpful().getAttribute("title")).toBe("Helpful");
      expect(await page.locator(".greeting button").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Not helpful" }).count()).toBe(1);
    });

    it("thumbs up posts the rating, thanks the visitor, and survives a reload", async () => {
      await openDemo();
      await launcher().click();
      await askAndWait("Do you ship to Canada?");
      const methods: string[] = [];
      page.on("request", (request) => request.url() === FEEDBACK() && methods.push(request.method()));
      const sent = await feedbackSent(() => helpful().click());
      const { visitorId, messages } = await stored();
      expect(sent.type).toBe("text/plain;charset=UTF-8");
      expect(sent.body).toEqual({ visitorId, messageId: messages[1]?.messageId, rating: "up" });
      expect(messages[1]?.messageId).toEqual(expect.any(String));
      expect(sent.status).toBe(204);
      expect(methods).toEqual(["POST"]); // a CORS "simple" request: no preflight
      await expect.poll(() => helpful().getAttribute("aria-pressed")).toBe("true");
      expect(await notHelpful().getAttribute("aria-pressed")).toBe("false");
      expect(await answers().last().getByRole("status").innerText()).toBe("Thanks for your feedback!");
      expect(await commentBox().count()).toBe(0);

      await page.reload();
      await launcher().click();
      await expect.poll(() => helpful().getAttribute("aria-pressed")).toBe("true");
      expect((await stored()).messages[1]?.rating).toBe("up");
    });

    it("thumbs down quotes the conversation, then sends an optional comment", async () => {
      await openDemo();
      await launcher().click();
      await askAndWait("Do you have decaf?");
      const down = await feedbackSent(() => notHelpful().click());
      const { visitorId, messages } = await stored();
      const quote = { question: "Do you have decaf?", answer: defaultAnswer("Do you have decaf?") };
      expect(messages[1]?.content).toBe(quote.answer);
      expect(down.body).toEqual({ visitorId, messageId: messages[1]?.messageId, rating: "down", ...quote });
      expect(down.status).toBe(204);
      await expect.poll(() => notHelpful().getAttribute("aria-pressed")).toBe("true");

      // The comment box takes the focus; Submit posts the rating again, with the comment. The
      // composer's "Send" stays the only button of that name (docs/embed.md).
      expect(await commentBox().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      expect(await page.getByRole("button", { name: "Send" }).count()).toBe(1);
      expect(await commentBox().getAttribute("maxlength")).toBe("1000");
      await page.keyboard.type("Oat milk prices");
      const comment = await feedbackSent(() => answers().last().getByRole("button", { name: "Submit" }).click());
      expect(comment.body).toEqual({
        visitorId,
        messageId: messages[1]?.messageId,
        rating: "down",
        comment: "Oat milk prices",
        ...quote,
      });
      expect(comment.status).toBe(204);
      await expect.poll(() => commentBox().count()).toBe(0);
      expect(await answers().last().getByRole("status").innerText()).toBe("Thanks for your feedback!");
      expect(await notHelpful().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      expect((await stored()).messages[1]).toMatchObject({ rating: "down", commented: true });

      await page.reload();
      await launcher().click();
      await expect.poll(() => notHelpful().getAttribute("aria-pressed")).toBe("true");
      expect(await commentBox().count()).toBe(0);
    });

    it("undoes a rating the server refused, says so, and keeps the comment typed", async () => {
      let refuse = true;
      await page.route(FEEDBACK(), async (route) => {
        if (!refuse) return route.continue();
        await route.fulfill({
          status: 429,
          headers: {
            "Content-Type": "application/json",
            "Retry-After": "5",
            "Access-Control-Allow-Origin": product.demo.origin,
          },
          body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests", retryAfter: 5 } }),
        });
      });
      await openDemo();
      await launcher().click();
      await askAndWait("Can I pay by invoice?");
      const status = () => answers().last().getByRole("status");

      expect((await feedbackSent(() => helpful().click())).status).toBe(429);
      await expect.poll(() => status().innerText()).toBe("Your feedback couldn't be sent. Please try again.");
      expect(await helpful().getAttribute("aria-pressed")).toBe("false");

      expect((await feedbackSent(() => notHelpful().click())).status).toBe(429);
      await expect.poll(() => status().innerText()).toContain("couldn't be sent");
      expect(await notHelpful().getAttribute("aria-pressed")).toBe("false");
      await commentBox().fill("Net 30 terms?");
      expect((await feedbackSent(() => answers().last().getByRole("button", { name: "Submit" }).click())).status).toBe(
        429,
      );
      await expect.poll(() => status().innerText()).toContain("couldn't be sent");
      expect(await commentBox().inputValue()).toBe("Net 30 terms?");
      expect((await stored()).messages[1]?.rating).toBeUndefined();

      refuse = false;
      const retried = await feedbackSent(() => answers().last().getByRole("button", { name: "Submit" }).click());
      expect(retried.status).toBe(204);
      expect(retried.body).toMatchObject({ rating: "down", comment: "Net 30 terms?" });
      await expect.poll(() => notHelpful().getAttribute("aria-pressed")).toBe("true");
      expect(await status().innerText()).toBe("Thanks for your feedback!");
    });

    it("lets the visitor skip the comment, and keeps a typed one when the panel closes on Escape", async () => {
      await openDemo();
      await launcher().click();
      await askAndWait("Do you roast to order?");
      await feedbackSent(() => notHelpful().click());
      await page.keyboard.type("Half-typed");
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog().isVisible()).toBe(false);
      await launcher().click();
      expect(await composer().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      expect(await commentBox().inputValue()).toBe("Half-typed");
      await answers().last().getByRole("button", { name: "Skip" }).click();
      expect(await commentBox().count()).toBe(0);
      expect(await notHelpful().getAttribute("aria-pressed")).toBe("true");
      expect(await notHelpful().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    });

    it("gives the thumbs a 44 px touch target on a touch screen", async () => {
      await context.close();
      context = await browser.newContext({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
      page = await context.newPage();
      await openDemo();
      await launcher().tap();
      await askAndWait("Do you sell gift cards?");
      const box = await helpful().boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeGreaterThanOrEqual(44);
      const sent = await feedbackSent(() => notHelpful().tap());
      expect(sent.body).toMatchObject({ rating: "down" });
      await expect.poll(() => notHelpful().getAttribute("aria-pressed")).toBe("true");
    });

    it("has no axe-core violations with the comment box open, in the dark theme", async () => {
      await page.emulateMedia({ colorScheme: "dark" });
      await openDemo();
      await launcher().click();
      await askAndWait("Is the comment box accessible?");
      await feedbackSent(() => notHelpful().click());
      await commentBox().waitFor();
      expect(await axeViolations()).toEqual([]);
    });
  });
});
