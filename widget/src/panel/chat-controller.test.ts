import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage, DoneEvent } from "../../../worker/src/protocol";
import { ChatError, type FeedbackSender, type Transport } from "./api";
import { ChatController, cut, turnsToSend } from "./chat-controller";
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

  it("sends the team's replies as the assistant's turns, leaves out the notes of requests, and remembers a don't-know", async () => {
    const storage = new WidgetStorage(API);
    storage.saveConversation([
      { id: "q", role: "user", content: "Can I pick up my order?", at: 1 },
      { id: "n", role: "handoff", content: "Sent to our team.", at: 2 },
      { id: "r", role: "operator", content: "Yes, at the roastery.", at: 3, by: "Reply from our team" },
    ]);
    const send: Transport & { sent: ChatMessage[][] } = Object.assign(
      async (messages: ChatMessage[]) => {
        send.sent.push(messages);
        return { ...done("faq"), unanswered: true as const };
      },
      { sent: [] as ChatMessage[][] },
    );
    const { chat } = controller(send);
    await chat.send("When are you open?");
    expect(send.sent[0]).toEqual([
      { role: "user", content: "Can I pick up my order?" },
      { role: "assistant", content: "Yes, at the roastery." },
      { role: "user", content: "When are you open?" },
    ]);
    expect(chat.state.messages.at(-1)?.unanswered).toBe(true);
    expect(new WidgetStorage(API).conversation().map((m) => m.role)).toEqual([
      "user",
      "handoff",
      "operator",
      "user",
      "assistant",
    ]);
  });
});

describe("turnsToSend", () => {
  const turn = (i: number, content: string) => ({
    id: `t${i}`,
    role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
    content,
    at: i,
  });

  it("leaves out the oldest turns until the request fits 64 KiB, never the newest question", () => {
    // 3 bytes a character: 40 turns of 1,500 characters are ~180 KB.
    const long = Array.from({ length: 41 }, (_, i) => turn(i, `${i} ${"咖".repeat(1500)}`));
    const { turns, trimmed } = turnsToSend(long);
    expect(trimmed).toBe(true);
    expect(
      new TextEncoder().encode(JSON.stringify({ visitorId: "x".repeat(64), messages: turns })).length,
    ).toBeLessThanOrEqual(64 * 1024);
    expect(turns.at(-1)?.content).toBe(long.at(-1)?.content);
    expect(turns.length).toBeGreaterThan(5);
  });

  it("sends a short conversation whole, and a single huge question alone", () => {
    expect(turnsToSend([turn(0, "Hi"), turn(1, "Hello!"), turn(2, "Decaf?")])).toMatchObject({ trimmed: false });
    const huge = turnsToSend([turn(0, "x".repeat(4000)), turn(1, "y".repeat(4000)), turn(2, "咖".repeat(4000))]);
    expect(huge.turns.at(-1)?.content).toHaveLength(4000);
  });
});

describe("cut", () => {
  it("keeps 4,000 UTF-16 units at most, never half a character", () => {
    expect(cut("a".repeat(5000))).toHaveLength(4000);
    const emoji = cut(`${"a".repeat(3999)}😀`);
    expect(emoji).toBe("a".repeat(3999));
    expect(cut(`${"a".repeat(3998)}😀`)).toBe(`${"a".repeat(3998)}😀`);
  });
});
