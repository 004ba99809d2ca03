/** Worker tests: they run inside workerd with real D1, against a real fake provider on loopback. */
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

const migrations = await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url)));

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "../wrangler.toml" },
      miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
    }),
  ],
  test: {
    name: "worker",
    include: ["src/**/*.test.ts"],
    setupFiles: ["./test-setup.ts"],
    globalSetup: ["./tools/fake-provider/vitest-setup.ts", "./tools/webhook-receiver/vitest-setup.ts"],
  },
});
