/** FAQ-only answers (docs/http-api.md): with no OPENAI_API_KEY every answer comes from the FAQ, no provider called. */
import { describe, expect, it } from "vitest";
import { chatBody, postChat, providerEnv, providerRequests, readEvents, textOf, uniqueTag } from "../testing/harness";

const faqOnly = (tag: string) => providerEnv(tag, { mode: "answer" }, { OPENAI_API_KEY: "" });

describe("FAQ-only mode", () => {
  it("answers from the best FAQ entry, streamed in word-sized deltas, with zero upstream calls", async () => {
    const tag = uniqueTag();
    const response = await postChat(chatBody("I forgot my password, what now?"), faqOnly(tag));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    expect(textOf(events)).toMatch(/^\*\*How do I reset my password\?\*\*\n\nGo to \*\*Sign in\*\*/);
    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(20);
    for (const delta of deltas) expect(String(delta.data.text).trim().split(/\s+/)).toHaveLength(1);
    expect(events.at(-1)).toEqual({
      event: "done",
      data: {
        messageId: expect.any(String),
        finishReason: "stop",
        source: "faq",
        usage: { promptTokens: 0, completionTokens: 0 },
        sources: [{ title: "How do I reset my password?" }],
      },
    });
    expect(await providerRequests(tag)).toHaveLength(0);
  });

  it("says honestly that it doesn't know, pointing to the FAQ's contact, when nothing matches", async () => {
    const events = await readEvents(await postChat(chatBody("Who won the last World Cup?"), faqOnly(uniqueTag())));
    expect(textOf(events)).toBe(
      "I'm sorry, I couldn't find an answer to that in our FAQ. Please contact us at support@tidewater.coffee and a person will help you.",
    );
    // The widget offers "Talk to a person" right after such an answer.
    expect(events.at(-1)?.data).toMatchObject({ source: "faq", unanswered: true });
  });

  it("answers in context: a follow-up is read with the previous question", async () => {
    const body = {
      visitorId: "visitor-0001",
      messages: [
        { role: "user", content: "Do you ship to Canada?" },
        { role: "assistant", content: "Yes, we ship to Canada." },
        { role: "user", content: "and how long does that take?" },
      ],
    };
    const text = textOf(await readEvents(await postChat(body, faqOnly(uniqueTag()))));
    expect(text).toContain("takes 7–14 business days");
  });

  it("still validates requests the same way", async () => {
    const response = await postChat({ visitorId: "x", messages: [] }, faqOnly(uniqueTag()));
    expect(response.status).toBe(400);
  });
});
