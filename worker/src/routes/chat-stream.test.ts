/** docs/http-api.md: the upstream request, the event stream, and cancellation. */
import { describe, expect, inject, it, vi } from "vitest";
import { buildProviderRequest } from "../chat/provider-stream";
import { estimateTokens } from "../chat/tokens";
import {
  chatBody,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  TEST_KEY,
  textOf,
  uniqueTag,
} from "../testing/harness";

describe("the request to the provider", () => {
  it("is built from scratch: our key, our model and cap, streaming with usage, the FAQ as system", async () => {
    const tag = uniqueTag();
    const response = await postChat(chatBody("Where is my parcel?"), providerEnv(tag, { mode: "answer" }), {
      Authorization: "Bearer visitor-supplied-token",
      Cookie: "session=visitor-cookie",
      "X-Forwarded-For": "203.0.113.9",
      "User-Agent": "VisitorBrowser/1.0",
    });
    expect(response.status).toBe(200);
    await response.text();
    const [sent] = await providerRequests(tag);
    expect(sent?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(sent?.headers.cookie).toBeUndefined();
    expect(sent?.headers["x-forwarded-for"]).toBeUndefined();
    expect(sent?.headers["user-agent"]).not.toBe("VisitorBrowser/1.0");
    expect(sent?.body).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 512,
    });
    const messages = (sent?.body as { messages?: { role: string; content: string }[] } | undefined)?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(messages[0]?.content).toContain("## How do I reset my password?");
    expect(messages[1]?.content).toBe("Where is my parcel?");
  });

  it("follows OPENAI_MODEL and MAX_OUTPUT_TOKENS", async () => {
    const tag = uniqueTag();
    const env = providerEnv(tag, { mode: "answer" }, { OPENAI_MODEL: "llama-3.1-8b", MAX_OUTPUT_TOKENS: "64" });
    await (await postChat(chatBody(), env)).text();
    expect((await providerRequests(tag))[0]?.body).toMatchObject({ model: "llama-3.1-8b", max_tokens: 64 });
  });

  it("uses max_completion_tokens for OpenAI's own API, which rejects max_tokens on newer models", async () => {
    const options = { apiKey: "k", model: "m", maxOutputTokens: 77, firstByteTimeoutMs: 1, idleTimeoutMs: 1 };
    const openai = buildProviderRequest({ ...options, baseUrl: "https://api.openai.com/v1" }, []);
    expect(openai.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(await openai.json()).toMatchObject({ max_completion_tokens: 77 });
    const other = buildProviderRequest({ ...options, baseUrl: "https://api.groq.com/openai/v1" }, []);
    expect(await other.json()).toMatchObject({ max_tokens: 77 });
  });
});

describe("the answer stream", () => {
  it("streams deltas and ends with one done carrying messageId, finishReason, source and usage", async () => {
    const response = await postChat(
      chatBody(),
      providerEnv(uniqueTag(), { mode: "answer", text: "Two to five business days." }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Content-Length")).toBeNull();
    expect(response.headers.get("Cache-Control")).toContain("no-transform");
    const events = await readEvents(response);
    expect(textOf(events)).toBe("Two to five business days.");
    expect(events.filter((e) => e.event === "delta").length).toBeGreaterThan(1);
    expect(events.filter((e) => e.event !== "delta")).toEqual([
      {
        event: "done",
        data: {
          messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          finishReason: "stop",
          source: "model",
          usage: { promptTokens: 42, completionTokens: 5 },
          sources: [{ title: "How long does delivery take?" }],
        },
      },
    ]);
  });

  it("gives every answer its own messageId", async () => {
    const env = providerEnv(uniqueTag(), { mode: "answer", text: "ok" });
    const ids = new Set<unknown>();
    for (let i = 0; i < 3; i++) ids.add((await readEvents(await postChat(chatBody(), env))).at(-1)?.data.messageId);
    expect(ids.size).toBe(3);
  });

  it("estimates usage when the provider sends none", async () => {
    const text = "Our decaf is a Swiss Water Process coffee from Colombia.";
    const response = await postChat(chatBody(), providerEnv(uniqueTag(), { mode: "answer", text, omitUsage: true }));
    const usage = (await readEvents(response)).at(-1)?.data.usage as { promptTokens: number; completionTokens: number };
    expect(usage.completionTokens).toBe(estimateTokens(text));
    // The system prompt alone (instructions + the seed FAQ) is well over a thousand tokens.
    expect(usage.promptTokens).toBeGreaterThan(1000);
  });

  it("cancels the upstream request when the visitor disconnects", async () => {
    const tag = uniqueTag();
    const response = await postChat(chatBody(), providerEnv(tag, { mode: "answer", gapMs: 200 }));
    const reader = response.body?.getReader();
    expect((await reader?.read())?.done).toBe(false);
    await reader?.cancel();
    await vi.waitFor(async () => expect((await providerRequests(tag))[0]?.closedEarly).toBe(true), { timeout: 5000 });
  });
});

/** Recordings whose provider reports an error before any answer text. */
const ERROR_BEFORE_FIRST_TOKEN = new Set(["openrouter-midstream-error"]);

describe("recorded provider streams", () => {
  const fixtures = inject("providerFixtures");

  it("covers every recording in shared/fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s reaches the visitor intact", async (_, fixture) => {
    const env = providerEnv(uniqueTag(), { mode: "fixture", name: fixture.name }, { FAQ_FALLBACK: "false" });
    const response = await postChat(chatBody(), env);
    if (ERROR_BEFORE_FIRST_TOKEN.has(fixture.name)) {
      // A provider error before the first token is answered before the stream starts.
      expect(response.status).toBe(502);
      expect(fixture.expectedText).toBe("");
      return;
    }
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(textOf(events)).toBe(fixture.expectedText);
    const last = events.at(-1);
    expect(events.filter((e) => e.event !== "delta")).toEqual([last]);
    if (last?.event === "error") {
      expect(fixture.finishReason).toBeNull();
      return;
    }
    expect(last?.event).toBe("done");
    expect(last?.data.finishReason).toBe(fixture.finishReason);
    if (fixture.usage) {
      expect(last?.data.usage).toEqual({
        promptTokens: fixture.usage.prompt_tokens,
        completionTokens: fixture.usage.completion_tokens,
      });
    }
  });
});
