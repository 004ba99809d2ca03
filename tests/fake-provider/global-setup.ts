/** Vitest global setup: one fake provider for the whole run; tests `inject("fakeProviderOrigin")`. */
import type { TestProject } from "vitest/node";
import { startFakeProvider } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    fakeProviderOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provider = await startFakeProvider();
  project.provide("fakeProviderOrigin", provider.origin);
  return () => provider.close();
}
