/** Vitest global setup: one webhook receiver for the Worker tests, its origin handed over through `inject`. */
import type { TestProject } from "vitest/node";
import type {} from "./provided.ts";
import { startWebhookReceiver } from "./server.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const receiver = await startWebhookReceiver();
  project.provide("webhookReceiverOrigin", receiver.origin);
  return () => receiver.close();
}
