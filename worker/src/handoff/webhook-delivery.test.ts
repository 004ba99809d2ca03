/**
 * The webhook queue's consumer against a real HTTP receiver on loopback
 * (worker/tools/webhook-receiver): a signed body, the event id in every attempt, acks on 2xx, a
 * retry with backoff otherwise, and the dead-letter queue logged.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import type {} from "../../tools/webhook-receiver/provided";
import { toHex } from "../hashing";
import type { HandoffWebhookEvent } from "../protocol";
import { testEnv, uniqueTag } from "../testing/harness";
import { webhookEvent } from "./webhook";
import { DEAD_LETTER_QUEUE, deliverWebhooks, retryDelaySeconds } from "./webhook-delivery";

const SECRET = "whsec-test-0123456789";
const QUEUE = "support-chat-handoff-webhooks";

interface Delivery {
  headers: Record<string, string>;
  body: string;
  status: number;
}

const receiverUrl = (tag: string, fail = 0) =>
  `${inject("webhookReceiverOrigin")}/hooks/${tag}${fail ? `?fail=${fail}` : ""}`;

async function deliveries(tag: string): Promise<Delivery[]> {
  return (await fetch(`${inject("webhookReceiverOrigin")}/__deliveries/${tag}`)).json();
}

async function hmacHex(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body))));
}

const event = (): HandoffWebhookEvent =>
  webhookEvent({
    kind: "created",
    handoffId: "0123456789abcdef01234567",
    email: "ann@example.org",
    name: "Ann",
    message: "Do you deliver on Saturdays?",
    consoleUrl: "https://support.shop.example/admin/#inbox/0123456789abcdef01234567",
  });

/** Runs the consumer on one message, as attempt `attempts`; returns what it decided. */
async function consume(url: string, body: unknown, attempts = 1, queue = QUEUE) {
  const batch = createMessageBatch(queue, [{ id: `m-${uniqueTag()}`, timestamp: new Date(), attempts, body }]);
  const context = createExecutionContext();
  await deliverWebhooks(batch, testEnv({ HANDOFF_WEBHOOK_URL: url, HANDOFF_WEBHOOK_SECRET: SECRET }));
  return getQueueResult(batch, context);
}

afterEach(() => vi.restoreAllMocks());

describe("webhook delivery", () => {
  it("POSTs the event signed over its exact bytes, with its id, and acks a 2xx", async () => {
    const tag = uniqueTag();
    const sent = event();
    const result = await consume(receiverUrl(tag), sent);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const [delivery] = await deliveries(tag);
    expect(JSON.parse(delivery?.body ?? "")).toEqual(sent);
    expect(delivery?.headers).toMatchObject({
      "content-type": "application/json",
      "x-support-chat-event": "handoff.created",
      "x-support-chat-event-id": sent.id,
      "x-support-chat-signature": `sha256=${await hmacHex(SECRET, delivery?.body ?? "")}`,
    });
    expect(sent.text).toContain("Ann <ann@example.org> asked to talk to a person: “Do you deliver on Saturdays?”");
    expect(sent.content).toBe(sent.text);
  });

  it("retries a receiver that is down, keeping the same event id, until it takes the event", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tag = uniqueTag();
    const url = receiverUrl(tag, 2);
    const sent = event();
    expect((await consume(url, sent, 1)).retryMessages).toHaveLength(1);
    expect((await consume(url, sent, 2)).retryMessages).toHaveLength(1);
    expect((await consume(url, sent, 3)).explicitAcks).toHaveLength(1);
    const received = await deliveries(tag);
    expect(received.map((d) => d.status)).toEqual([503, 503, 200]);
    expect(new Set(received.map((d) => d.headers["x-support-chat-event-id"]))).toEqual(new Set([sent.id]));
  });

  it("retries an unreachable receiver too", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // A port nothing listens on: the connection is refused.
    const result = await consume("http://127.0.0.1:9/hooks/nowhere", event());
    expect(result.retryMessages).toHaveLength(1);
  });

  it("backs off: the first retry within 30 s, then longer, at most an hour apart", () => {
    const delays = Array.from({ length: 10 }, (_, i) => retryDelaySeconds(i + 1));
    expect(delays[0]).toBeLessThanOrEqual(30);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(Math.max(...delays)).toBe(3600);
    // Ten retries span hours: a receiver down for a while loses nothing.
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThan(4 * 3600);
  });

  it("drops what is not an event, and logs what the dead-letter queue gave up on", async () => {
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await consume(receiverUrl(uniqueTag()), { hello: "world" })).explicitAcks).toHaveLength(1);
    expect(warnings.mock.calls[0]?.[0]).toMatch(/not an event/);
    const lost = event();
    const result = await consume(receiverUrl(uniqueTag()), lost, 11, DEAD_LETTER_QUEUE);
    expect(result.explicitAcks).toHaveLength(1);
    expect(errors.mock.calls[0]?.[0]).toMatch(new RegExp(`${lost.id} was not delivered after 11 attempts`));
  });
});
