/**
 * What the widget costs a host page, in Chromium: main-thread time at load, layout shift and the
 * requests made before the visitor interacts, each against the same page without the widget.
 */
import type { Browser } from "playwright-core";

export interface PageFigures {
  /** Main-thread task time at load, ms (Chromium's TaskDuration). */
  mainThreadMs: number;
  /** Cumulative layout shift at load. */
  layoutShift: number;
  /** Requests to the Worker before any interaction. */
  workerRequests: number;
  /** API calls before any interaction. */
  apiCalls: number;
}

export async function measurePage(browser: Browser, url: string, workerOrigin: string): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
  const { metrics } = await cdp.send("Performance.getMetrics");
  const layoutShift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          resolve(list.getEntries().reduce((sum, entry) => sum + (entry as LayoutShift).value, 0));
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(0), 200);
      }),
  );
  await context.close();
  return {
    mainThreadMs: (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000,
    layoutShift,
    workerRequests: requests.filter((r) => r.startsWith(workerOrigin)).length,
    apiCalls: requests.filter((r) => r.startsWith(`${workerOrigin}/api/`)).length,
  };
}
