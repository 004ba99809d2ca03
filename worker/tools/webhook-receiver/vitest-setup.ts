/** Vitest global setup: one webhook receiver for the Worker tests, its origin handed over through `inject`. */
import type { TestProject } from "vitest/node";
import { startWebhookReceiver } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the test webhook receiver (worker/tools/webhook-receiver). */
    webhookReceiverOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const receiver = await startWebhookReceiver();
  project.provide("webhookReceiverOrigin", receiver.origin);
  return () => receiver.close();
}
