/** Node-side tests: the fake provider itself, and the product end to end under `wrangler dev`. */
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "node",
    include: ["**/*.test.ts"],
    testTimeout: 60_000,
    // Files that start `npm run serve` build into dist/public: one at a time.
    fileParallelism: false,
    hookTimeout: 120_000,
  },
});
