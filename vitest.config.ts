/**
 * The whole suite: Worker tests inside workerd, widget unit tests in Chromium, and Node-side
 * tests (end to end, browser). Without Chromium the widget project is left out with a loud
 * banner (and the run fails in CI), like the browser tests.
 */
import { defineConfig } from "vitest/config";
import { HAS_CHROMIUM } from "./tests/support/browser.ts";

export default defineConfig({
  test: {
    projects: [
      "worker/vitest.config.ts",
      ...(HAS_CHROMIUM ? ["widget/vitest.config.ts"] : []),
      "tests/vitest.config.ts",
    ],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    silent: "passed-only",
  },
});
