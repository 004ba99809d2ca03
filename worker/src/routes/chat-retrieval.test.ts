/**
 * Large FAQs and sources (docs/http-api.md#large-faqs, #sources): a small FAQ goes whole, as the
 * same system message in every chat; a large one by retrieval, holding the entries the
 * conversation needs; every `done` names the answer's sources, for model and FAQ answers alike.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import evaluationFaq from "../../../tests/fixtures/faq-eval/faq.md";
import seedFaq from "../faq/seed-faq.md";
import { adminEnv, call, json } from "../testing/admin";
import {
  chatBody,
  lastSystemMessage,
  postChat,
  providerEnv,
  readEvents,
  settled,
  textOf,
  uniqueTag,
} from "../testing/harness";

/** The preamble and the first `count` entries of the evaluation FAQ. */
function firstEntries(count: number): string {
  const [preamble, ...entries] = evaluationFaq.split(/\n(?=## )/);
  return [preamble, ...entries.slice(0, count)].join("\n");
}

async function publish(
  content: string,
  vars = adminEnv(),
): Promise<{ version: number; embeddings: { state: string } }> {
  const { version } = await json<{ version: number }>(await call("GET", "/faq", undefined, vars));
  const response = await call("PUT", "/faq", { content, baseVersion: version }, vars);
  expect(response.status).toBe(200);
  return json(response);
}

const RESET_ANSWER =
  "To reset your Halo Doorbell, hold the orange button on the back for 15 seconds; it goes back to setup mode.";

describe("a 600-entry FAQ", () => {
  it("goes by retrieval: the system message is under 32,000 characters and holds the entry asked about, named with its URL in done.sources", async () => {
    const faq = firstEntries(600);
    expect(faq.match(/^## /gm)).toHaveLength(600);
    await publish(faq);
    const tag = uniqueTag();
    const vars = providerEnv(tag, { mode: "answer", text: RESET_ANSWER });
    const events = await readEvents(await postChat(chatBody("how do I factory reset my halo doorbell?"), vars));
    const system = await lastSystemMessage(tag);
    expect(system.length).toBeGreaterThan(1000);
    expect(system.length).toBeLessThan(32_000);
    expect(faq.length).toBeGreaterThan(140_000);
    expect(system).toContain("## How do I factory reset the Halo Doorbell?");
    expect(system).toContain("hold the orange button on the back for 15 seconds");
    expect(system).toContain("You answer for Brightnest");
    expect(textOf(events)).toBe(RESET_ANSWER);
    expect(events.at(-1)?.event).toBe("done");
    expect(events.at(-1)?.data.sources).toEqual([
      {
        title: "How do I factory reset the Halo Doorbell?",
        url: "https://help.brightnest.example/products/halo-doorbell/reset",
      },
    ]);
  });

  it("keeps the entry an earlier answer drew on for a follow-up that names nothing", async () => {
    await publish(firstEntries(600));
    const tag = uniqueTag();
    const body = {
      visitorId: "visitor-0001",
      messages: [
        { role: "user", content: "How do I reset the Halo Doorbell?" },
        { role: "assistant", content: RESET_ANSWER },
        { role: "user", content: "and what if that doesn't work?" },
      ],
    };
    await readEvents(await postChat(body, providerEnv(tag, { mode: "answer" })));
    expect(await lastSystemMessage(tag)).toContain("## How do I factory reset the Halo Doorbell?");
  });

  it("gives an answer that draws on no entry no sources", async () => {
    await publish(firstEntries(600));
    const text = "Hello! How can I help you today?";
    const events = await readEvents(await postChat(chatBody("hi"), providerEnv(uniqueTag(), { mode: "answer", text })));
    expect(events.at(-1)?.data.sources).toEqual([]);
  });

  it("answers FAQ-only with the entries shown as sources, with their URLs", async () => {
    await publish(firstEntries(600));
    const vars = providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "" });
    const events = await readEvents(await postChat(chatBody("How do I turn on two-factor authentication?"), vars));
    expect(textOf(events)).toMatch(/^\*\*How do I turn on two-factor authentication\?\*\*/);
    expect(textOf(events)).not.toContain("Source:");
    expect(events.at(-1)?.data.source).toBe("faq");
    expect(events.at(-1)?.data.sources).toContainEqual({
      title: "How do I turn on two-factor authentication?",
      url: "https://help.brightnest.example/account/how-do-i-turn-on-two-factor-authentication",
    });
  });
});

describe("a small FAQ", () => {
  it("goes whole, as the same system message, byte for byte, whatever the question", async () => {
    await publish(seedFaq);
    const first = uniqueTag();
    const second = uniqueTag();
    await readEvents(await postChat(chatBody("Do you have decaf?"), providerEnv(first, { mode: "answer" })));
    await readEvents(await postChat(chatBody("Wie kündige ich mein Abo?"), providerEnv(second, { mode: "answer" })));
    const system = await lastSystemMessage(first);
    expect(system).toContain(seedFaq.trim());
    expect(await lastSystemMessage(second)).toBe(system);
  });

  it("gives FAQ-only answers sources too, titles only when entries name no page", async () => {
    await publish(seedFaq);
    const vars = providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "" });
    const events = await readEvents(await postChat(chatBody("Do you have decaf?"), vars));
    expect(events.at(-1)?.data.sources).toEqual([{ title: "Do you have decaf?" }]);
    const unknown = await readEvents(await postChat(chatBody("Who won the last World Cup?"), vars));
    expect(unknown.at(-1)?.data.sources).toEqual([]);
  });
});

describe("the sources of answers in the insights", () => {
  it("are logged, and the published FAQ's entries are listed by how often answers cited them", async () => {
    await publish(seedFaq);
    const vars = providerEnv(
      uniqueTag(),
      { mode: "answer" },
      { OPENAI_API_KEY: "", ADMIN_TOKEN: "operator-token-0123456789" },
    );
    for (const question of ["Do you have decaf?", "Is there decaf coffee?", "How do I reset my password?"]) {
      await readEvents(await postChat(chatBody(question), vars));
    }
    await settled();
    const insights = await json<{
      citations: { mostCited: { question: string; count: number }[]; neverCited: { question: string }[] };
    }>(await call("GET", "/insights"));
    const decaf = insights.citations.mostCited.find((c) => c.question === "Do you have decaf?");
    expect(decaf?.count).toBeGreaterThanOrEqual(2);
    expect(insights.citations.mostCited[0]?.count).toBeGreaterThanOrEqual(decaf?.count ?? 0);
    expect(insights.citations.neverCited.map((c) => c.question)).toContain(
      "Do you offer wholesale for cafés and offices?",
    );
    expect(insights.citations.neverCited.map((c) => c.question)).not.toContain("Do you have decaf?");
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM answer_sources").first<{ n: number }>();
    expect(rows?.n).toBeGreaterThanOrEqual(3);
  });
});
