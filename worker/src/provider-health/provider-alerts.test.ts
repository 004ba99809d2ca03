/**
 * The operator's alerts (docs/operator-api.md#alerts): once the provider has been failing for the
 * threshold, one email to OPERATOR_EMAIL and one `provider.failing` webhook event; once it answers
 * again, one `provider.recovered` of each; never more than one of each per incident, and neither
 * channel failing fails anything else. The threshold is 1 s here (PROVIDER_ALERT_AFTER_SECONDS);
 * the object's alarm runs by itself, as it does deployed.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, inject, it, type MockInstance, vi } from "vitest";
import type { Scenario } from "../../tools/fake-provider/scenarios";
import type {} from "../../tools/webhook-receiver/provided";
import { readEnvConfig } from "../env-config";
import { deliverWebhooks } from "../handoff/webhook-delivery";
import { PROVIDER_ADVICE, type ProviderStatus, ProviderWebhookEvent, WebhookEvent } from "../protocol";
import { call, json, TOKEN } from "../testing/admin";
import {
  chatBody,
  postChat,
  providerEnv,
  readEvents,
  setProviderScenario,
  settled,
  TEST_KEY,
  uniqueTag,
} from "../testing/harness";
import { healthObject } from "./observations";

const alertEnv = (tag: string, scenario: Scenario, overrides = {}) =>
  providerEnv(tag, scenario, {
    ADMIN_TOKEN: TOKEN,
    OPERATOR_EMAIL: "ops@shop.example",
    EMAIL_FROM: "Shop Support <support@shop.example>",
    HANDOFF_WEBHOOK_URL: "https://hooks.example/ops",
    PROVIDER_ALERT_AFTER_SECONDS: "1",
    UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "300",
    ...overrides,
  });

let emails: MockInstance<SendEmail["send"]>;
let queued: MockInstance<Queue["send"]>;
beforeEach(() => {
  for (const level of ["log", "warn", "error"] as const) vi.spyOn(console, level).mockImplementation(() => {});
  emails = vi.spyOn(env.EMAIL, "send");
  queued = vi
    .spyOn(env.HANDOFF_WEBHOOKS, "send")
    .mockResolvedValue({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } });
});
afterEach(async () => {
  await settled();
  vi.restoreAllMocks();
});

/** A chat, read to its end; returns where its answer came from. */
async function chat(vars: ReturnType<typeof alertEnv>): Promise<unknown> {
  return (await readEvents(await postChat(chatBody(), vars))).at(-1)?.data.source;
}

/** What the operator's console shows, after this instance reported what it saw. */
async function status(vars: ReturnType<typeof alertEnv>): Promise<ProviderStatus> {
  await settled();
  return json<ProviderStatus>(await call("GET", "/provider", undefined, vars));
}

const mail = (i: number) => emails.mock.calls[i]?.[0] as EmailMessageBuilder;
const event = (i: number) => ProviderWebhookEvent.parse(queued.mock.calls[i]?.[0]);

/** Waits out the threshold, then runs the alarm if the object has one (it runs by itself too). */
async function afterThreshold(vars: ReturnType<typeof alertEnv>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await runDurableObjectAlarm(healthObject(vars, readEnvConfig(vars)));
}

describe("provider alerts", () => {
  it("one email and one webhook event once the key has been rejected for the threshold, then one of each on recovery", async () => {
    const tag = uniqueTag();
    const vars = alertEnv(tag, { mode: "error", error: "invalid_api_key" });
    expect(await chat(vars)).toBe("faq");
    expect((await status(vars)).state).toBe("key_rejected");
    expect(emails).not.toHaveBeenCalled();

    await afterThreshold(vars);
    await vi.waitFor(() => expect(emails).toHaveBeenCalledTimes(1));
    expect(mail(0)).toMatchObject({
      from: { email: "support@shop.example", name: "Shop Support" },
      to: "ops@shop.example",
      subject: "Support Chat: the AI provider is failing (key rejected)",
    });
    expect(mail(0).text).toContain(PROVIDER_ADVICE.key_rejected);
    expect(mail(0).text).toContain("1 chat was answered from it so far");
    expect(mail(0).text).toContain("http://localhost/admin/#provider");
    expect(queued).toHaveBeenCalledTimes(1);
    expect(event(0)).toMatchObject({
      type: "provider.failing",
      provider: { state: "key_rejected", model: "gpt-4o-mini", fallbacks: 1, advice: PROVIDER_ADVICE.key_rejected },
    });
    expect(event(0).text).toContain("key rejected");
    expect(WebhookEvent.safeParse(event(0)).success).toBe(true);

    // The trouble goes on: more failures, no more alerts.
    for (let i = 0; i < 3; i++) expect(await chat(vars)).toBe("faq");
    expect(await status(vars)).toMatchObject({ state: "key_rejected", fallbacksSince: 4 });
    await afterThreshold(vars);
    expect(emails).toHaveBeenCalledTimes(1);
    expect(queued).toHaveBeenCalledTimes(1);

    // A new key works: one recovery of each, then nothing more however many answers follow.
    await setProviderScenario(tag, { mode: "answer" });
    expect(await chat(vars)).toBe("model");
    expect((await status(vars)).state).toBe("ok");
    await vi.waitFor(() => expect(emails).toHaveBeenCalledTimes(2));
    expect(mail(1).subject).toBe("Support Chat: the AI provider answers again (gpt-4o-mini)");
    expect(mail(1).text).toContain("Meanwhile 4 chats were answered from the FAQ instead.");
    expect(queued).toHaveBeenCalledTimes(2);
    expect(event(1)).toMatchObject({ type: "provider.recovered", provider: { state: "ok", fallbacks: 4 } });
    expect(event(1).id).not.toBe(event(0).id);
    for (let i = 0; i < 2; i++) expect(await chat(vars)).toBe("model");
    await status(vars);
    await afterThreshold(vars);
    expect(emails).toHaveBeenCalledTimes(2);
    expect(queued).toHaveBeenCalledTimes(2);

    // Nothing of the key, nor of the provider's message, in anything sent.
    const sent = JSON.stringify([emails.mock.calls, queued.mock.calls]);
    for (let i = 0; i + 8 <= TEST_KEY.length; i++) expect(sent).not.toContain(TEST_KEY.slice(i, i + 8));
    expect(sent).not.toContain("Incorrect API key");
  });

  it("pages nobody for one rate-limited blip, but does when rate limits last the threshold", async () => {
    const tag = uniqueTag();
    const vars = alertEnv(tag, { mode: "error", error: "rate_limit_exceeded", retryAfter: "0" });
    expect(await chat(vars)).toBe("faq");
    expect((await status(vars)).state).toBe("rate_limited");
    await afterThreshold(vars);
    expect(emails).not.toHaveBeenCalled();

    expect(await chat(vars)).toBe("faq");
    await status(vars);
    await vi.waitFor(() => expect(emails).toHaveBeenCalledTimes(1));
    expect(mail(0).subject).toBe("Support Chat: the AI provider is failing (rate limited)");
    expect(event(0)).toMatchObject({ type: "provider.failing", provider: { state: "rate_limited", fallbacks: 2 } });
  });

  it("tells nobody of a trouble that ended before the threshold", async () => {
    const tag = uniqueTag();
    const vars = alertEnv(tag, { mode: "error", error: "insufficient_quota" });
    expect(await chat(vars)).toBe("faq");
    await status(vars);
    await setProviderScenario(tag, { mode: "answer" });
    expect(await chat(vars)).toBe("model");
    expect((await status(vars)).state).toBe("ok");
    await afterThreshold(vars);
    expect(emails).not.toHaveBeenCalled();
    expect(queued).not.toHaveBeenCalled();
  });

  it("goes by email alone without a webhook URL, and by webhook alone without OPERATOR_EMAIL", async () => {
    const emailOnly = alertEnv(uniqueTag(), { mode: "error", error: "model_not_found" }, { HANDOFF_WEBHOOK_URL: "" });
    const webhookOnly = alertEnv(uniqueTag(), { mode: "error", error: "model_not_found" }, { OPERATOR_EMAIL: "" });
    for (const vars of [emailOnly, webhookOnly]) {
      expect(await chat(vars)).toBe("faq");
      await status(vars);
    }
    await afterThreshold(emailOnly);
    await afterThreshold(webhookOnly);
    await vi.waitFor(() => expect(emails.mock.calls.length + queued.mock.calls.length).toBe(2));
    expect(emails).toHaveBeenCalledTimes(1);
    expect(queued).toHaveBeenCalledTimes(1);
    expect(mail(0).text).toContain(PROVIDER_ADVICE.model_not_found);
  });

  it("is not failed by a failing channel, nor does it fail anything else", async () => {
    emails.mockRejectedValue(new Error("email service unavailable"));
    queued.mockRejectedValue(new Error("queue unavailable"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const tag = uniqueTag();
    const vars = alertEnv(tag, { mode: "error", error: "invalid_api_key" });
    expect(await chat(vars)).toBe("faq");
    await status(vars);
    await afterThreshold(vars);
    await vi.waitFor(() => expect(errors.mock.calls.map(([line]) => String(line))).toHaveLength(2));
    expect(errors.mock.calls.map(([line]) => String(line)).sort()).toEqual([
      "Provider alert: queueing the webhook event failed: queue unavailable",
      "Provider alert: the email failed: email service unavailable",
    ]);
    // Told once even so: a retry would only page twice once the channel is back.
    expect(await chat(vars)).toBe("faq");
    expect(await status(vars)).toMatchObject({ state: "key_rejected", fallbacksSince: 2 });
    await afterThreshold(vars);
    expect(emails).toHaveBeenCalledTimes(1);
  });

  it("is delivered by the webhook's queue consumer, signed like the handoff events", async () => {
    const tag = uniqueTag();
    const receiver = `${inject("webhookReceiverOrigin")}/hooks/${tag}`;
    const vars = alertEnv(
      tag,
      { mode: "error", error: "invalid_api_key" },
      {
        HANDOFF_WEBHOOK_URL: receiver,
        HANDOFF_WEBHOOK_SECRET: "whsec-test-0123456789",
      },
    );
    expect(await chat(vars)).toBe("faq");
    await status(vars);
    await afterThreshold(vars);
    await vi.waitFor(() => expect(queued).toHaveBeenCalledTimes(1));
    const batch = createMessageBatch("support-chat-handoff-webhooks", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: queued.mock.calls[0]?.[0] },
    ]);
    await deliverWebhooks(batch, vars);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toEqual(["m1"]);
    const [delivery] = (await (await fetch(`${inject("webhookReceiverOrigin")}/__deliveries/${tag}`)).json()) as {
      headers: Record<string, string>;
      body: string;
    }[];
    expect(delivery?.headers).toMatchObject({
      "x-support-chat-event": "provider.failing",
      "x-support-chat-signature": expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
    });
    expect(JSON.parse(delivery?.body ?? "")).toEqual(event(0));
  });
});
