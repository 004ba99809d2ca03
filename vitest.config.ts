/** The whole suite: Worker tests inside workerd, and Node-side tests (end to end, browser). */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["worker/vitest.config.ts", "tests/vitest.config.ts"],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    silent: "passed-only",
  },
});
