/**
 * Embeddings of the FAQ (EMBEDDINGS_MODEL): computed when a version is published and stored with it
 * in D1, reused for unchanged entries, used at query time, and never in the way: a provider
 * failure leaves the publish standing and chats on lexical retrieval.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import evaluationFaq from "../../../tests/fixtures/faq-eval/faq.md";
import type { Scenario } from "../../tools/fake-provider/scenarios";
import { call, json, TOKEN } from "../testing/admin";
import {
  chatBody,
  lastSystemMessage,
  postChat,
  providerEnv,
  providerRequests,
  readEvents,
  settled,
  uniqueTag,
} from "../testing/harness";

const MODEL = "text-embedding-3-small";
const vars = (tag: string, scenario: Scenario = { mode: "answer" }) =>
  providerEnv(tag, scenario, { ADMIN_TOKEN: TOKEN, EMBEDDINGS_MODEL: MODEL });

/** 300 entries of the evaluation FAQ and one that only a search by meaning can find for "zqxvprotocol". */
const FAQ = `${evaluationFaq
  .split(/\n(?=## )/)
  .slice(0, 301)
  .join("\n")}\n\n## What is the Zqxv protocol?\n\nZqxv is the private pairing protocol of our hubs.\n`;

async function publish(content: string, bindings: ReturnType<typeof vars>) {
  const { version } = await json<{ version: number }>(await call("GET", "/faq", undefined, bindings));
  const response = await call("PUT", "/faq", { content, baseVersion: version }, bindings);
  expect(response.status).toBe(200);
  return json<{ version: number; embeddings: { state: string; model?: string; detail?: string } }>(response);
}

const embeddingRequests = async (tag: string) =>
  (await providerRequests(tag))
    .filter((r) => r.path.endsWith("/embeddings"))
    .map((r) => r.body as { model: string; input: string[] });

describe("FAQ embeddings", () => {
  it("are computed when a version is published, stored with it, and not computed again for unchanged entries", async () => {
    const tag = uniqueTag();
    const published = await publish(FAQ, vars(tag));
    expect(published.embeddings).toEqual({ state: "ready", model: MODEL });
    const sent = await embeddingRequests(tag);
    expect(sent.every((body) => body.model === MODEL)).toBe(true);
    expect(sent.flatMap((body) => body.input)).toHaveLength(301);
    const row = await env.DB.prepare("SELECT state, hashes FROM faq_embeddings WHERE version = ?1 AND model = ?2")
      .bind(published.version, MODEL)
      .first<{ state: string; hashes: string }>();
    expect(row?.state).toBe("ready");
    expect(JSON.parse(row?.hashes ?? "[]")).toHaveLength(301);

    const edited = FAQ.replace("Zqxv is the private pairing protocol", "Zqxv is the secure pairing protocol");
    const again = uniqueTag();
    expect((await publish(edited, vars(again))).embeddings.state).toBe("ready");
    expect((await embeddingRequests(again)).flatMap((body) => body.input)).toEqual([
      "What is the Zqxv protocol?\nZqxv is the secure pairing protocol of our hubs.",
    ]);
    const status = await json<{ retrieval: { whole: boolean; tokens: number; embeddings: { state: string } } }>(
      await call("GET", "/faq", undefined, vars(again)),
    );
    expect(status.retrieval).toMatchObject({ whole: false, embeddings: { state: "ready" } });
    expect(status.retrieval.tokens).toBeGreaterThan(10_000);
  });

  it("find, at query time, an entry that words alone cannot", async () => {
    await publish(FAQ, vars(uniqueTag()));
    const lexical = uniqueTag();
    await readEvents(await postChat(chatBody("zqxvprotocol"), providerEnv(lexical, { mode: "answer" })));
    expect(await lastSystemMessage(lexical)).not.toContain("## What is the Zqxv protocol?");

    const tag = uniqueTag();
    await readEvents(await postChat(chatBody("zqxvprotocol"), vars(tag)));
    expect((await embeddingRequests(tag)).map((body) => body.input)).toEqual([["zqxvprotocol"]]);
    expect(await lastSystemMessage(tag)).toContain("## What is the Zqxv protocol?");
  });

  it("that fail leave the publish standing, say why, and chats on lexical retrieval", async () => {
    const tag = uniqueTag();
    const failing = vars(tag, { mode: "answer", embeddingsStatus: 500 });
    const published = await publish(FAQ.replace("hubs.", "hubs and locks."), failing);
    expect(published.embeddings).toEqual({
      state: "failed",
      model: MODEL,
      detail: "the embeddings provider answered HTTP 500",
    });
    const faq = await json<{ version: number; retrieval: { embeddings: { state: string } } }>(
      await call("GET", "/faq", undefined, failing),
    );
    expect(faq.version).toBe(published.version);
    expect(faq.retrieval.embeddings.state).toBe("failed");
    const response = await postChat(chatBody("How do I reset the Lumi A19 Bulb?"), failing);
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(events.at(-1)?.data.source).toBe("model");
    expect(await lastSystemMessage(tag)).toContain("## How do I factory reset the Lumi A19 Bulb?");
  });

  it("of a version published before EMBEDDINGS_MODEL was set are computed at its first use", async () => {
    const before = providerEnv(uniqueTag(), { mode: "answer" }, { ADMIN_TOKEN: TOKEN });
    const { version, embeddings } = await publish(FAQ.replace("hubs.", "hubs, at first use."), before);
    expect(embeddings.state).toBe("off");
    const tag = uniqueTag();
    await readEvents(await postChat(chatBody("How do I reset the Halo Doorbell?"), vars(tag)));
    await settled();
    const row = await env.DB.prepare("SELECT state FROM faq_embeddings WHERE version = ?1 AND model = ?2")
      .bind(version, MODEL)
      .first<{ state: string }>();
    expect(row?.state).toBe("ready");
  });
});
