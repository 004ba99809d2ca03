/** docs/operator-api.md: the operator API inside workerd with real D1 (and the Limiter for sign-in failures). */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { buildPrompt } from "../chat/prompt";
import seedFaq from "../faq/seed-faq.md";
import { type DayStats, WidgetConfig } from "../protocol";
import { CACHE_TTL_MS, publishedFaq } from "../store/published";
import { adminEnv, call, json, TOKEN } from "../testing/admin";
import { chatBody, postChat, providerEnv, readEvents, request, settled, textOf, uniqueTag } from "../testing/harness";

const FAQ = (marker: string) =>
  `Be brief.\n\n## Where is the ${marker} shop?\nThe ${marker} shop is on Harbor Street, open every day.\n`;

describe("the FAQ", () => {
  it("is seeded from the repository's FAQ as version 1", async () => {
    const latest = await json<{ version: number; content: string; updatedAt: string }>(await call("GET", "/faq"));
    expect(latest.version).toBeGreaterThanOrEqual(1);
    const first = await json<{ content: string }>(await call("GET", "/faq/versions/1"));
    expect(first.content).toBe(seedFaq);
  });

  it("publishes on the latest version, and the chat answers from it at once", async () => {
    const { version } = await json<{ version: number }>(await call("GET", "/faq"));
    const marker = `m${uniqueTag()}`;
    const published = await call("PUT", "/faq", { content: FAQ(marker), baseVersion: version, note: "New shop" });
    expect(await json(published)).toEqual({ version: version + 1, embeddings: { state: "off" } });
    const latest = await json<{ version: number; content: string }>(await call("GET", "/faq"));
    expect(latest).toMatchObject({ version: version + 1, content: FAQ(marker) });
    const chat = await postChat(
      chatBody(`Where is the ${marker} shop?`),
      providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "" }),
    );
    expect(textOf(await readEvents(chat))).toContain("Harbor Street");
  });

  it("refuses a stale baseVersion with 409 version_conflict and changes nothing", async () => {
    const { version, content } = await json<{ version: number; content: string }>(await call("GET", "/faq"));
    const stale = await call("PUT", "/faq", { content: "## Stale?\nYes.", baseVersion: version - 1 });
    expect(stale.status).toBe(409);
    expect((await json<{ error: { code: string } }>(stale)).error.code).toBe("version_conflict");
    expect(await json(await call("GET", "/faq"))).toMatchObject({ version, content });
  });

  it("lets exactly one of two racing publishes win", async () => {
    const { version } = await json<{ version: number }>(await call("GET", "/faq"));
    const [a, b] = await Promise.all(
      ["A", "B"].map((who) => call("PUT", "/faq", { content: FAQ(who), baseVersion: version })),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const latest = await json<{ version: number; content: string }>(await call("GET", "/faq"));
    expect(latest.version).toBe(version + 1);
    expect([FAQ("A"), FAQ("B")]).toContain(latest.content);
  });

  it("lists versions newest first, and rolls back by publishing an old version again", async () => {
    const { version } = await json<{ version: number }>(await call("GET", "/faq"));
    const versions = await json<{ version: number; note: string; size: number; updatedAt: string }[]>(
      await call("GET", "/faq/versions"),
    );
    expect(versions.map((v) => v.version)).toEqual([...versions.map((v) => v.version)].sort((x, y) => y - x));
    expect(versions[0]).toMatchObject({ version, size: expect.any(Number), updatedAt: expect.any(String) });
    expect(versions.at(-1)).toMatchObject({ version: 1, size: new TextEncoder().encode(seedFaq).length });

    const rolledBack = await json<{ version: number }>(await call("POST", "/faq/rollback", { version: 1 }));
    expect(rolledBack.version).toBe(version + 1);
    expect(await json(await call("GET", "/faq"))).toMatchObject({ version: version + 1, content: seedFaq });
    const after = await json<{ version: number; note: string }[]>(await call("GET", "/faq/versions"));
    expect(after).toHaveLength(versions.length + 1);
    expect(after[0]?.note).toBe("Rolled back to version 1");
    expect((await call("POST", "/faq/rollback", { version: 9999 })).status).toBe(404);
  });

  it("validates what is published", async () => {
    const { version } = await json<{ version: number }>(await call("GET", "/faq"));
    for (const [body, message] of [
      [{ content: "   ", baseVersion: version }, /^content: must not be empty/],
      [{ content: "x", baseVersion: "3" }, /^baseVersion: must be a version number/],
      [{ content: "x", baseVersion: version, note: "n".repeat(201) }, /^note: /],
    ] as const) {
      const response = await call("PUT", "/faq", body);
      expect(response.status).toBe(400);
      expect((await json<{ error: { message: string } }>(response)).error.message).toMatch(message);
    }
  });

  it("reaches chats in other isolates within the cache's 30 s", async () => {
    const latest = await publishedFaq(env.DB, Date.now());
    await env.DB.prepare(
      "INSERT INTO faq_versions (version, content, note, size, created_at) VALUES (?, 'elsewhere', '', 9, ?)",
    )
      .bind(latest.version + 1, new Date().toISOString())
      .run();
    expect((await publishedFaq(env.DB, Date.now() + 1000)).version).toBe(latest.version);
    expect((await publishedFaq(env.DB, Date.now() + CACHE_TTL_MS + 1)).version).toBe(latest.version + 1);
  });
});

describe("the draft preview", () => {
  it("streams like /api/chat with the draft as the FAQ, touching neither the limits nor the published FAQ", async () => {
    const before = await json<{ version: number }>(await call("GET", "/faq"));
    const vars = adminEnv({ RATE_LIMIT_PER_MINUTE: "1" });
    for (let i = 0; i < 3; i++) {
      const response = await call(
        "POST",
        "/preview",
        { content: FAQ("draft"), messages: [{ role: "user", content: "Where is the draft shop?" }] },
        vars,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
      const events = await readEvents(response);
      expect(textOf(events)).toContain("Harbor Street");
      expect(events.at(-1)).toMatchObject({ event: "done", data: { source: "faq" } });
    }
    expect(await json(await call("GET", "/faq"))).toMatchObject({ version: before.version });
  });

  it("uses the model with the draft as the system message when a key is set", async () => {
    const tag = uniqueTag();
    const vars = providerEnv(tag, { mode: "answer", text: "From the draft." }, { ADMIN_TOKEN: TOKEN });
    const response = await call(
      "POST",
      "/preview",
      { content: FAQ("model"), messages: [{ role: "user", content: "Hi" }] },
      vars,
    );
    expect(textOf(await readEvents(response))).toBe("From the draft.");
  });

  it("spends the site's budget and is counted in the stats as a preview", async () => {
    await settled();
    const today = async () => (await json<DayStats[]>(await call("GET", "/stats")))[0];
    const before = await today();
    const site = env.SITE_BUDGET.get(env.SITE_BUDGET.idFromName("site"));
    const state = await site.state(Date.now());
    // Room for one preview's worst case, and not for a second once the first used some.
    const worstCase = buildPrompt(FAQ("budget"), [{ role: "user", content: "Hi" }], 512).estimatedTokens + 512;
    const budget = String(state.spent + state.leased + worstCase + 20);
    const vars = providerEnv(
      uniqueTag(),
      { mode: "answer", text: "From the draft.", omitUsage: true },
      {
        ADMIN_TOKEN: TOKEN,
        DAILY_TOKEN_BUDGET: budget,
      },
    );
    const preview = async () =>
      (
        await readEvents(
          await call("POST", "/preview", { content: FAQ("budget"), messages: [{ role: "user", content: "Hi" }] }, vars),
        )
      ).at(-1)?.data.source;
    expect(await preview()).toBe("model");
    await settled();
    expect(await preview()).toBe("faq");
    await settled();
    const after = await today();
    expect((after?.previews ?? 0) - (before?.previews ?? 0)).toBe(2);
    expect((after?.messages ?? 0) - (before?.messages ?? 0)).toBe(0);
    expect((after?.tokens ?? 0) - (before?.tokens ?? 0)).toBeGreaterThan(100);
    expect((after?.budgetFallbacks ?? 0) - (before?.budgetFallbacks ?? 0)).toBe(1);
  });
});

describe("settings", () => {
  const valid = {
    title: "Tidewater help",
    greeting: "Hello!",
    suggestions: ["Do you have decaf?"],
    color: "#0f766e",
    position: "left",
    contactUrl: "https://tidewater.example/contact",
  };
  const hours = { timezone: "Europe/Lisbon", days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:30" };

  it("are validated, saved, and served to the widget by /api/config", async () => {
    const saved = await call("PUT", "/settings", valid);
    expect(saved.status).toBe(200);
    expect(await json(await call("GET", "/settings"))).toEqual(valid);
    expect(WidgetConfig.parse(await json(await request("/api/config", {}, adminEnv())))).toEqual(valid);
  });

  it("keep the office hours and reply time the handoff form shows, and drop them when set to null", async () => {
    const withHours = { ...valid, officeHours: hours, replyTimeHours: 24 };
    expect((await call("PUT", "/settings", withHours)).status).toBe(200);
    expect(await json(await request("/api/config", {}, adminEnv()))).toEqual(withHours);
    expect((await call("PUT", "/settings", { ...valid, officeHours: null, replyTimeHours: null })).status).toBe(200);
    expect(await json(await call("GET", "/settings"))).toEqual({ ...valid, officeHours: null, replyTimeHours: null });
  });

  it.each([
    [{ color: "red; background:url(x)" }, /^color: must be a hex color/],
    [{ contactUrl: "javascript:alert(1)" }, /^contactUrl: must be an http\(s\), mailto: or tel: URL/],
    [{ title: "" }, /^title: must not be empty/],
    [{ title: "t".repeat(61) }, /^title: must be at most 60/],
    [{ suggestions: ["a", "b", "c", "d", "e", "f", "g"] }, /^suggestions: must list at most 6/],
    [{ position: "top" }, /^position: must be 'right' or 'left'/],
    [{ officeHours: { ...hours, timezone: "Mars/Olympus" } }, /^officeHours\.timezone: must be an IANA time zone/],
    [{ officeHours: { ...hours, days: ["mon", "funday"] } }, /^officeHours\.days\[1\]: must be one of mon, tue/],
    [{ officeHours: { ...hours, days: [] } }, /^officeHours\.days: must name at least one day/],
    [{ officeHours: { ...hours, start: "9am" } }, /^officeHours\.start: must be a time like 09:00/],
    [{ officeHours: { ...hours, start: "18:00" } }, /^officeHours\.end: must be later than start/],
    [{ replyTimeHours: 0 }, /^replyTimeHours: must be at least 1/],
    [{ replyTimeHours: 2.5 }, /^replyTimeHours: must be a whole number of hours/],
  ])("refuses %j with a 400 naming the field", async (change, message) => {
    const response = await call("PUT", "/settings", { ...valid, ...change });
    expect(response.status).toBe(400);
    expect((await json<{ error: { message: string } }>(response)).error.message).toMatch(message);
  });
});

describe("stats", () => {
  it("count each day's conversations, messages, tokens, rate-limited chats, fallbacks and errors", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const read = async () =>
      (await json<{ day: string; [key: string]: number | string }[]>(await call("GET", "/stats"))).find(
        (d) => d.day === today,
      );
    await settled();
    const before = await read();
    const visitor = `stats-${uniqueTag()}`;
    const limited = providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "", RATE_LIMIT_PER_MINUTE: "1" });
    for (let i = 0; i < 2; i++) await (await postChat({ ...chatBody(), visitorId: visitor }, limited)).text();
    await readEvents(await postChat(chatBody(), providerEnv(uniqueTag(), { mode: "answer", text: "ok" })));
    await settled();
    const after = await read();
    const delta = (key: string) => Number(after?.[key]) - Number(before?.[key]);
    expect({
      conversations: delta("conversations"),
      messages: delta("messages"),
      rateLimited: delta("rateLimited"),
      fallbacks: delta("fallbacks"),
      tokens: delta("tokens"),
    }).toEqual({
      conversations: 2,
      messages: 2,
      rateLimited: 1,
      fallbacks: 1,
      tokens: 43,
    });
    const all = await json<unknown[]>(await call("GET", "/stats"));
    expect(all).toHaveLength(30);
  });
});
