/**
 * The README's key rotation runbook, step by step, against a provider that checks keys: create
 * the new key at the provider; put it (`wrangler secret put` makes a new Worker version: here, a
 * new env, while the old version's answer is still streaming); "Test provider"; revoke the old
 * key. The answer under the old key finishes, new chats use the new key, and nothing fails at
 * any point: the provider's health never leaves "ok".
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProviderStatus, ProviderTestResult } from "../protocol";
import { call, json, TOKEN } from "../testing/admin";
import {
  chatBody,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  SseEvents,
  setProviderScenario,
  settled,
  textOf,
  uniqueTag,
} from "../testing/harness";

const OLD_KEY = "sk-rotation-old-0123456789abcdefOLD";
const NEW_KEY = "sk-rotation-new-fedcba9876543210NEW";
const SLOW = "An answer that takes its time, one word after another, while the key changes under it.";

afterEach(async () => {
  await settled();
  vi.restoreAllMocks();
});

describe("rotating the provider key", () => {
  it("finishes the answer under the old key, moves new chats to the new one, and fails nothing", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tag = uniqueTag();
    const scenario = (keys: string) => ({ mode: "answer" as const, keys });
    // The version running now, with the old key, in the middle of a slow answer.
    const slow = { mode: "answer" as const, keys: OLD_KEY, text: SLOW, gapMs: 150 };
    const before = providerEnv(tag, slow, { OPENAI_API_KEY: OLD_KEY, ADMIN_TOKEN: TOKEN });
    const started = Date.now();
    const inFlight = await postChat(chatBody("Tell me slowly."), before);
    const stream = new SseEvents(inFlight);
    expect((await stream.next())?.event).toBe("delta");

    // 1. A new key at the provider, beside the old one.
    await setProviderScenario(tag, scenario(`${OLD_KEY},${NEW_KEY}`));
    // 2. `wrangler secret put OPENAI_API_KEY`: a new version; the answer above goes on in the old one.
    const after = { ...before, OPENAI_API_KEY: NEW_KEY };
    // 3. Test provider.
    const check = await json<ProviderTestResult>(await call("POST", "/provider/test", undefined, after));
    expect(check).toMatchObject({ ok: true, state: "ok", model: "gpt-4o-mini-2026-01-15" });
    expect((await readEvents(await postChat(chatBody(), after))).at(-1)).toMatchObject({
      event: "done",
      data: { source: "model" },
    });
    // 4. Revoke the old key, while the answer under it is still being written.
    await setProviderScenario(tag, scenario(NEW_KEY));
    expect((await providerRequests(tag))[0]?.complete).toBe(false);

    const rest = await stream.all();
    expect(rest.at(-1)).toMatchObject({ event: "done", data: { source: "model", finishReason: "stop" } });
    expect(textOf([...stream.seen])).toBe(SLOW);
    const late = await readEvents(await postChat(chatBody(), after));
    expect(late.at(-1)).toMatchObject({ event: "done", data: { source: "model" } });

    const keys = (await providerRequests(tag)).map((r) => r.headers.authorization);
    expect(keys).toEqual([`Bearer ${OLD_KEY}`, `Bearer ${NEW_KEY}`, `Bearer ${NEW_KEY}`, `Bearer ${NEW_KEY}`]);
    await settled();
    const health = await json<ProviderStatus>(await call("GET", "/provider", undefined, after));
    expect(health).toMatchObject({ mode: "model", state: "ok", fallbacksSince: 0 });
    // Ok since the very first answer: not a single failure in between.
    expect(Date.parse(health.since ?? "")).toBeLessThan(Date.parse(health.lastAnswerAt ?? ""));
    expect(Date.parse(health.since ?? "")).toBeGreaterThanOrEqual(started);
  });

  it("and a chat still on the old key after it was revoked is what the health shows", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const tag = uniqueTag();
    const stale = providerEnv(tag, { mode: "answer", keys: NEW_KEY }, { OPENAI_API_KEY: OLD_KEY, ADMIN_TOKEN: TOKEN });
    expect((await readEvents(await postChat(chatBody(), stale))).at(-1)?.data.source).toBe("faq");
    await settled();
    expect(await json<ProviderStatus>(await call("GET", "/provider", undefined, stale))).toMatchObject({
      state: "key_rejected",
      fallbacksSince: 1,
    });
  });
});
