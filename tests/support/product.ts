/**
 * The whole product for browser tests: the fake provider, the Worker under `wrangler dev`
 * (`npm run serve`), and the demo host site on another origin pointing at it.
 */
import { type DemoServer, startDemo } from "../../demo/server.ts";
import type { Scenario } from "../../worker/tools/fake-provider/scenarios.ts";
import { scenarioBaseUrl } from "../../worker/tools/fake-provider/scenarios.ts";
import { type FakeProvider, startFakeProvider } from "../../worker/tools/fake-provider/server.ts";
import { freePort, startWorker, type WorkerProcess } from "./worker-process.ts";

export const PROVIDER_TAG = "browser";

export interface Product {
  provider: FakeProvider;
  worker: WorkerProcess;
  demo: DemoServer;
  /** Switches what the provider does for the next chats. */
  scenario(scenario: Scenario): void;
  stop(): Promise<void>;
}

export async function startProduct(options: { vars?: Record<string, string>; csp?: string } = {}): Promise<Product> {
  const provider = await startFakeProvider();
  const demoPort = await freePort();
  const demoOrigin = `http://localhost:${demoPort}`;
  const worker = await startWorker({
    OPENAI_API_KEY: "sk-browser-test-0123456789abcdef",
    OPENAI_BASE_URL: scenarioBaseUrl(provider.origin, PROVIDER_TAG, { mode: "answer" }),
    ALLOWED_ORIGINS: demoOrigin,
    UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "1000",
    UPSTREAM_IDLE_TIMEOUT_MS: "1000",
    // Every browser test chats from 127.0.0.1: room for the whole suite within a minute.
    RATE_LIMIT_PER_MINUTE: "60",
    ...options.vars,
  });
  const demo = await startDemo({
    port: demoPort,
    host: "localhost",
    workerOrigin: worker.origin,
    ...(options.csp ? { csp: options.csp } : {}),
  });
  return {
    provider,
    worker,
    demo,
    scenario: (scenario) => provider.setScenario(PROVIDER_TAG, scenario),
    async stop() {
      await demo.close();
      await worker.stop();
      await provider.close();
    },
  };
}
