/**
 * What the deployed Worker's configuration promises the README's privacy section: Workers Logs
 * without invocation logs (which would record every client's IP address in request headers), and
 * the daily retention purge scheduled.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";

const config = unstable_readConfig({ config: fileURLToPath(new URL("../wrangler.toml", import.meta.url)) });

describe("wrangler.toml", () => {
  it("keeps the Worker's own logs but no invocation logs", () => {
    expect(config.observability?.enabled).toBe(true);
    expect(config.observability?.logs?.invocation_logs).toBe(false);
  });

  it("schedules the retention purge daily", () => {
    expect(config.triggers.crons).toEqual(["17 3 * * *"]);
  });
});
