/**
 * Vitest global setup: one fake provider for the whole run, and the recorded provider fixtures,
 * handed to tests (which may run inside workerd, without a file system) through `inject`.
 */
import { readdir, readFile } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import type { ProviderFixture } from "./scenarios.ts";
import { FIXTURES_DIR, startFakeProvider } from "./server.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provider = await startFakeProvider();
  project.provide("fakeProviderOrigin", provider.origin);
  project.provide("providerFixtures", await loadFixtures());
  return () => provider.close();
}

async function loadFixtures(): Promise<ProviderFixture[]> {
  const files = await readdir(FIXTURES_DIR);
  const names = files.filter((f) => f.endsWith(".sse")).map((f) => f.slice(0, -4));
  return Promise.all(
    names.sort().map(async (name) => {
      const sidecar = JSON.parse(await readFile(`${FIXTURES_DIR}${name}.json`, "utf8")) as Omit<
        ProviderFixture,
        "name"
      >;
      return { name, expectedText: sidecar.expectedText, finishReason: sidecar.finishReason, usage: sidecar.usage };
    }),
  );
}
