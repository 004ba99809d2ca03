import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage, DoneEvent } from "../../../worker/src/protocol";
import { ChatError, type FeedbackSender, type Transport } from "./api";
import { ChatController } from "./chat-controller";
import { WidgetStorage } from "./storage";

const API = "https://chat.example";

const done = (source: DoneEvent["source"] = "model", sources: DoneEvent["sources"] = []): DoneEvent => ({
  messageId: `m-${Math.random()}`,
  finishReason: "stop",
  source,
  usage: { promptTokens: 1, completionTokens: 1 },
  sources,
});

/** A transport that answers each request with `pieces`, or fails as told; it records what it was sent. */
function transport(
  answer: (call: number) => {
    pieces: string[];
    fail?: ChatError;
    source?: DoneEvent["source"];
    sources?: DoneEvent["sources"];
  },
): Transport & { sent: ChatMessage[][] } {
  const sent: ChatMessage[][] = [];
  const send: Transport = async (messages, signal, { onDelta }) => {
    sent.push(messages);
    const { pieces, fail, source, sources } = answer(sent.length);
    for (const piece of pieces) {
      if (signal.aborted) throw new DOMException("Aborted", "AbortError");
      onDelta(piece);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (signal.aborted) throw new DOMException("Aborted", "AbortError");
    if (fail) throw fail;
    return done(source, sources);
  };
  return Object.assign(send, { sent });
}

function controller(send: Transport, feedback?: FeedbackSender) {
  const events: [string, unknown][] = [];
  const chat = new ChatController(
    new WidgetStorage(API),
    send,
    (event, detail) => events.push([event, detail]),
    feedback,
  );
  return { chat, events };
}

afterEach(() => localStorage.clear());

describe("ChatController", () => {
  it("sends the conversation, streams the answer in, and keeps both across a reload", async () => {
    const send = transport(() => ({ pieces: ["Yes, ", "we do."], source: "faq" }));
    const { chat, events } = controller(send);
    const states: (string | undefined)[] = [];
    chat.subscribe((state) => states.push(state.streaming?.content));
    await chat.send("  Do you have decaf?  ");
    expect(send.sent).toEqual([[{ role: "user", content: "Do you have decaf?" }]]);
    expect(states).toContain("Yes, ");
    expect(chat.state.messages.map((m) => [m.role, m.content, m.source])).toEqual([
      ["user", "Do you have decaf?", undefined],
      ["assistant", "Yes, we do.", "faq"],
    ]);
    expect(events).toContainEqual(["message", { role: "assistant", content: "Yes, we do." }]);
    expect(controller(send).chat.state.messages).toHaveLength(2);
  });

  it("keeps an answer's sources with it across a reload, and leaves them off an answer without any", async () => {
    const sources = [{ title: "Do you have decaf?", url: "https://shop.example/help/decaf" }, { title: "Prices" }];
    const send = transport((call) => ({ pieces: ["Yes."], ...(call === 1 ? { sources } : {}) }));
    const { chat } = controller(send);
    await chat.send("Decaf?");
    await chat.send("Thanks!");
    const reloaded = controller(send).chat.state.messages.filter((m) => m.role === "assistant");
    expect(reloaded.map((m) => m.sources)).toEqual([sources, undefined]);
  });

  it("drops stored answers whose sources are not a list of titles (foreign data)", () => {
    const message = { id: "1", role: "assistant", content: "Hi", at: 1 };
    localStorage.setItem(
      `support-chat:v1:${API}:conversation`,
      JSON.stringify([
        { ...message, sources: "https://evil.example" },
        { ...message, id: "2", sources: [null] },
        { ...message, id: "3", sources: [{ title: "Fine" }] },
      ]),
    );
    expect(controller(transport(() => ({ pieces: [] }))).chat.state.messages.map((m) => m.id)).toEqual(["3"]);
  });

  it("keeps the visitor's message on a failure, shows why, and retries it", async () => {
    const send = transport((call) =>
      call === 1
        ? { pieces: ["Part"], fail: new ChatError("upstream_error", "cut", undefined, true) }
        : { pieces: ["Whole"] },
    );
    const { chat, events } = controller(send);
    await expect(chat.send("Question")).rejects.toThrow("cut");
    expect(chat.state.notice).toEqual({ kind: "cut" });
    expect(chat.state.messages.map((m) => [m.content, m.stopped])).toEqual([
      ["Question", undefined],
      ["Part", true],
    ]);
    expect(events).toContainEqual(["error", { code: "upstream_error", message: "cut" }]);
    await chat.retry();
    expect(send.sent[1]).toEqual([{ role: "user", content: "Question" }]);
    expect(chat.state.messages.map((m) => m.content)).toEqual(["Question", "Whole"]);
    expect(chat.state.notice).toBeNull();
  });

  it("says when a rate limit ends", async () => {
    const { chat } = controller(
      transport(() => ({ pieces: [], fail: new ChatError("rate_limited", "slow down", 30) })),
    );
    const before = Date.now();
    await expect(chat.send("Hi")).rejects.toThrow();
    expect(chat.state.notice?.kind).toBe("rate_limited");
    expect(chat.state.notice?.retryAt).toBeGreaterThanOrEqual(before + 30_000);
  });

  it("stops an answer, keeping what arrived, marked as stopped", async () => {
    const { chat } = controller(transport(() => ({ pieces: ["a ", "b ", "c ", "d ", "e "] })));
    const sending = chat.send("Tell me");
    await new Promise((resolve) => setTimeout(resolve, 2));
    chat.stop();
    await sending;
    const answer = chat.state.messages[1];
    expect(answer?.stopped).toBe(true);
    expect(answer?.content.length).toBeGreaterThan(0);
    expect(answer?.content).not.toBe("a b c d e ");
    expect(chat.busy).toBe(false);
  });

  it("sends at most the latest 50 messages, ending with the visitor's", async () => {
    const send = transport(() => ({ pieces: ["ok"] }));
    const { chat } = controller(send);
    for (let i = 0; i < 30; i++) await chat.send(`question ${i}`);
    const last = send.sent.at(-1) ?? [];
    expect(last).toHaveLength(50);
    expect(last.at(-1)).toEqual({ role: "user", content: "question 29" });
  });

  it("rates an answer, and undoes the rating when the server refuses it", async () => {
    const ratings: unknown[] = [];
    let refuse = false;
    const feedback: FeedbackSender = async (rating) => {
      ratings.push(rating);
      if (refuse) throw new ChatError("invalid_request", "no");
    };
    const { chat } = controller(
      transport(() => ({ pieces: ["Answer"] })),
      feedback,
    );
    await chat.send("Question");
    const answer = chat.state.messages[1];
    if (!answer) throw new Error("no answer");
    await chat.rate(answer.id, "down", "Too short");
    expect(ratings).toEqual([
      { messageId: answer.messageId, rating: "down", comment: "Too short", question: "Question", answer: "Answer" },
    ]);
    expect(chat.state.messages[1]?.rating).toBe("down");
    refuse = true;
    await expect(chat.rate(answer.id, "up")).rejects.toThrow("no");
    expect(chat.state.messages[1]?.rating).toBe("down");
  });

  it("starts over on reset, and takes up what another tab saved", async () => {
    const { chat } = controller(transport(() => ({ pieces: ["A"] })));
    await chat.send("First");
    chat.reset();
    expect(chat.state.messages).toEqual([]);
    const other = controller(transport(() => ({ pieces: ["B"] })));
    await other.chat.send("From the other tab");
    chat.syncFromStorage();
    expect(chat.state.messages.map((m) => m.content)).toEqual(["From the other tab", "B"]);
  });
});
