/**
 * The queue consumer that POSTs events to `HANDOFF_WEBHOOK_URL`: handoffs, and the provider's
 * incidents (provider-health/alerts.ts). Queues deliver at least
 * once; an event keeps its `id` through every retry, so a receiver can drop a duplicate. A failed
 * delivery (no answer within 10 s, or not a 2xx) is retried after 5 s, then 15 s, 45 s… up to an
 * hour apart, ten times (about four hours in all); after that the queue moves it to the
 * dead-letter queue, whose consumer logs what was lost.
 */
import type { Bindings } from "../env";
import { readEnvConfig } from "../env-config";
import { WebhookEvent } from "../protocol";
import { SIGNATURE_HEADER, signature } from "./webhook";

/** The dead-letter queue's name, as wrangler.toml configures it. */
export const DEAD_LETTER_QUEUE = "support-chat-handoff-webhooks-dead";
const TIMEOUT_MS = 10_000;

/** Seconds before attempt `attempts + 1`: 5, 15, 45… capped at an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(5 * 3 ** Math.max(0, attempts - 1), 3600);
}

/** POSTs one event; resolves with the receiver's status, rejects when it could not be reached. */
export async function postEvent(url: string, secret: string | undefined, event: WebhookEvent): Promise<number> {
  const body = JSON.stringify(event);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "SupportChat-Webhook/1",
    "X-Support-Chat-Event": event.type,
    "X-Support-Chat-Event-Id": event.id,
  };
  if (secret) headers[SIGNATURE_HEADER] = await signature(secret, body);
  const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  return response.status;
}

export async function deliverWebhooks(batch: MessageBatch, env: Bindings): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    for (const message of batch.messages) {
      const id = WebhookEvent.safeParse(message.body).data?.id ?? message.id;
      console.error(`Webhook event ${id} was not delivered after ${message.attempts} attempts: given up`);
      message.ack();
    }
    return;
  }
  const { webhookUrl, webhookSecret } = readEnvConfig(env).handoff;
  await Promise.all(
    batch.messages.map(async (message) => {
      const event = WebhookEvent.safeParse(message.body);
      if (!event.success || !webhookUrl) {
        console.warn(`Webhook message ${message.id} dropped: ${webhookUrl ? "not an event" : "no URL is set"}`);
        message.ack();
        return;
      }
      let outcome: string;
      try {
        const status = await postEvent(webhookUrl, webhookSecret, event.data);
        if (status >= 200 && status < 300) {
          message.ack();
          return;
        }
        outcome = `answered ${status}`;
      } catch (err) {
        outcome = err instanceof Error ? `${err.name}: ${err.message}` : "failed";
      }
      const delaySeconds = retryDelaySeconds(message.attempts);
      console.warn(
        `Webhook event ${event.data.id}, attempt ${message.attempts}: ${outcome}; retrying in ${delaySeconds} s`,
      );
      message.retry({ delaySeconds });
    }),
  );
}
