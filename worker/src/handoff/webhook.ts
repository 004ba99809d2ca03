/**
 * The handoff webhook's event and its signature: `X-Support-Chat-Signature: sha256=<hex>`, an
 * HMAC-SHA256 of the exact body bytes under `HANDOFF_WEBHOOK_SECRET`, so a receiver can check that
 * the event is ours and untouched. Delivery is webhook-delivery.ts.
 */

import { toHex } from "../hashing";
import type { HandoffWebhookEvent } from "../protocol";
import { oneLine, visitorLabel } from "./emails";

export const SIGNATURE_HEADER = "X-Support-Chat-Signature";

export interface WebhookSubject {
  kind: "created" | "follow_up";
  handoffId: string;
  email: string;
  name: string | null;
  message: string;
  consoleUrl: string;
}

export function webhookEvent(subject: WebhookSubject, now = Date.now()): HandoffWebhookEvent {
  const who = visitorLabel(subject.email, subject.name);
  const said = subject.kind === "created" ? "asked to talk to a person" : "wrote again";
  const text = `${who} ${said}: “${oneLine(subject.message, 500)}”\nAnswer: ${subject.consoleUrl}`;
  return {
    id: `evt_${crypto.randomUUID()}`,
    type: subject.kind === "created" ? "handoff.created" : "handoff.follow_up",
    createdAt: new Date(now).toISOString(),
    text,
    content: text,
    handoff: {
      handoffId: subject.handoffId,
      email: subject.email,
      name: subject.name,
      message: subject.message,
      consoleUrl: subject.consoleUrl,
    },
  };
}

/** `sha256=<hex>` of `body` under `secret`. */
export async function signature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `sha256=${toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body))))}`;
}
