/** Worker tests: they run inside workerd, against a real fake provider on loopback. */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [cloudflareTest({ wrangler: { configPath: "../wrangler.toml" } })],
  test: {
    name: "worker",
    include: ["src/**/*.test.ts"],
    globalSetup: ["../tests/fake-provider/global-setup.ts"],
  },
});
