/**
 * Widget unit tests: the panel's and the console's modules in real Chromium (Vitest browser mode,
 * Debian's Chromium driven by Playwright), with a real DOM and a real localStorage.
 */
import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";
import { CHROME_ARGS, CHROME_PATH } from "../tests/support/browser.ts";

export default defineProject({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  // Bundled before the run, so that finding them mid-run does not reload a test.
  optimizeDeps: { include: ["diff", "preact", "preact/jsx-runtime"] },
  test: {
    name: "widget",
    include: ["src/**/*.test.{ts,tsx}", "console/**/*.test.{ts,tsx}"],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: CHROME_PATH, args: CHROME_ARGS } }),
      instances: [{ browser: "chromium" }],
    },
  },
});
