import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../protocol";
import { boundedPreamble, PREAMBLE_TOKENS_MAX } from "./faq-delivery";
import { buildPrompt, PROMPT_TOKEN_BUDGET } from "./prompt";
import { estimateTokens } from "./tokens";

const FAQ = "Be kind.\n\n## How do I reset my password?\nUse the link.";

function conversation(turns: number, size: number): ChatMessage[] {
  return Array.from({ length: turns }, (_, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content: `${i} ${"x".repeat(size)}`,
  }));
}

describe("buildPrompt", () => {
  it("puts the FAQ in the one system message, first", () => {
    const { messages } = buildPrompt(FAQ, [{ role: "user", content: "Hi" }], 512);
    expect(messages.filter((m) => m.role === "system")).toHaveLength(1);
    expect(messages[0]?.role).toBe("system");
    expect(messages[0]?.content).toContain("## How do I reset my password?");
    expect(messages.at(-1)).toEqual({ role: "user", content: "Hi" });
  });

  it("keeps a short conversation whole", () => {
    const history = conversation(9, 20);
    expect(buildPrompt(FAQ, history, 512).messages.slice(1)).toEqual(history);
  });

  it("drops the oldest turns to fit the budget, keeping the newest and the FAQ", () => {
    const history = conversation(49, 3900);
    const { messages, estimatedTokens } = buildPrompt(FAQ, history, 512);
    expect(messages.length).toBeLessThan(history.length);
    expect(messages.length).toBeGreaterThan(2);
    expect(messages[0]?.content).toContain(FAQ);
    expect(messages.at(-1)).toEqual(history.at(-1));
    expect(messages[1]?.role).toBe("user");
    expect(estimatedTokens + 512).toBeLessThanOrEqual(PROMPT_TOKEN_BUDGET);
    const kept = messages.slice(1);
    expect(kept).toEqual(history.slice(history.length - kept.length));
  });

  it("always sends the latest user message, even when the FAQ alone fills the budget", () => {
    const hugeFaq = "word ".repeat(PROMPT_TOKEN_BUDGET * 2);
    const { messages } = buildPrompt(hugeFaq, conversation(5, 100), 512);
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
  });
});

describe("estimateTokens", () => {
  it("counts non-Latin scripts heavier than ASCII", () => {
    expect(estimateTokens("abcdefgh")).toBe(2);
    expect(estimateTokens("日本語のテキスト")).toBeGreaterThan(estimateTokens("abcdefgh"));
  });
});

describe("boundedPreamble", () => {
  it("keeps a preamble of instructions whole and cuts one that holds a whole FAQ's content", () => {
    expect(boundedPreamble("Be kind.\n\nEscalate refunds.")).toBe("Be kind.\n\nEscalate refunds.");
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${"words ".repeat(10)}`).join("\n\n");
    const cut = boundedPreamble(long);
    expect(estimateTokens(cut)).toBeLessThanOrEqual(PREAMBLE_TOKENS_MAX);
    expect(cut.length).toBeGreaterThan(PREAMBLE_TOKENS_MAX * 2);
    expect(long.startsWith(cut)).toBe(true);
    expect(cut.endsWith("words")).toBe(true);
  });
});
