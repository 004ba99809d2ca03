import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../protocol";
import { faqAnswerText, faqIndex, matchFaq } from "./faq-answer";
import { OFF_TOPIC, ON_TOPIC } from "./labelled-questions";
import seedFaq from "./seed-faq.md";

const index = faqIndex(seedFaq);
const ask = (...questions: string[]): ChatMessage[] =>
  questions.flatMap((content, i) => [
    ...(i > 0 ? [{ role: "assistant" as const, content: "(an earlier answer)" }] : []),
    { role: "user" as const, content },
  ]);

describe("FAQ retrieval quality on the labelled set", () => {
  it("answers ≥ 90% of paraphrased questions with the right entry and says 'I don't know' to ≥ 90% of off-topic ones", ({
    annotate,
  }) => {
    const misses: string[] = [];
    let correct = 0;
    for (const [question, answers] of ON_TOPIC) {
      const match = matchFaq(index, ask(question));
      const top = match.kind === "entries" ? match.entries[0]?.question : "(don't know)";
      if (top && answers.includes(top)) correct++;
      else misses.push(`${question} → ${top}`);
    }
    let honest = 0;
    for (const question of OFF_TOPIC) {
      const match = matchFaq(index, ask(question));
      if (match.kind === "unknown") honest++;
      else misses.push(`${question} → ${match.entries[0]?.question} (should not know)`);
    }
    const top1 = correct / ON_TOPIC.length;
    const dontKnow = honest / OFF_TOPIC.length;
    const report = `FAQ retrieval: top-1 accuracy ${(top1 * 100).toFixed(1)}% (${correct}/${ON_TOPIC.length}), "don't know" accuracy ${(dontKnow * 100).toFixed(1)}% (${honest}/${OFF_TOPIC.length})`;
    annotate(misses.length ? `${report}; misses: ${misses.join(" | ")}` : report);
    expect(ON_TOPIC.length).toBeGreaterThanOrEqual(40);
    expect(OFF_TOPIC.length).toBeGreaterThanOrEqual(15);
    expect(top1, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(dontKnow, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
  });
});

describe("matchFaq", () => {
  const first = (question: string) => {
    const match = matchFaq(index, ask(question));
    return match.kind === "entries" ? match.entries[0]?.question : "(don't know)";
  };

  it("meets the classic misses of lexical search: a parcel is an order, a present a gift, customer service a person", () => {
    expect(first("Where's my parcel?")).toBe("How do I track my order?");
    expect(first("Can I buy a present for my sister?")).toBe("Do you sell gift cards or gift subscriptions?");
    expect(first("How do I contact customer service?")).toBe("How can I talk to a person?");
    expect(first("¿Cómo contacto con atención al cliente?")).toBe("How can I talk to a person?");
  });

  it("reads a German separable verb as one word: 'setze … zurück' is 'zurücksetzen', 'melde … ab' 'abmelden'", () => {
    expect(first("Wie setze ich mein Passwort zurück?")).toBe("How do I reset my password?");
    expect(first("Wie melde ich mein Abo ab?")).toBe("How do I pause, skip or cancel my subscription?");
    // The verb's particle is part of it, not a word the FAQ has never seen.
    expect(index.queryWords("Wie melde ich mich vom Newsletter ab?").every((word) => index.knows(word))).toBe(true);
  });

  it("corrects a typo by the word as written, where the stems of the two lie apart ('battry', 'battery')", () => {
    const small = faqIndex(
      "Preamble.\n\n## How long does the battery last?\n\nA year.\n\n## What is the warranty?\n\nTwo years.",
    );
    const match = matchFaq(small, ask("battry life"));
    expect(match.kind === "entries" && match.entries[0]?.question).toBe("How long does the battery last?");
  });

  it("reads 'in person' as a place to go, not a person to talk to", () => {
    const small = faqIndex(
      "Preamble.\n\n## Can I talk to a person?\n\nCall us.\n\n## Do you have physical stores?\n\nOne shop, in Portland, where you can try every product.",
    );
    const match = matchFaq(small, ask("Can I see the products in person?"));
    expect(match.kind === "entries" && match.entries[0]?.question).toBe("Do you have physical stores?");
  });

  it("does not let a word like 'sell' carry a match to an entry about something else", () => {
    expect(first("Do you sell laptops?")).toBe("(don't know)");
    expect(first("Can I sell my old grinder to you?")).toBe("(don't know)");
    expect(first("Verkauft ihr Kühlschränke?")).toBe("(don't know)");
  });

  it("reads a follow-up with the previous question as context", () => {
    const match = matchFaq(index, ask("Do you ship to Canada?", "and how long does that take?"));
    expect(match.kind === "entries" && match.entries.map((e) => e.question)).toContain("Do you ship internationally?");
  });

  it("does not drag an earlier topic into a new, complete question", () => {
    const match = matchFaq(index, ask("Do you ship to Canada?", "Which payment methods do you accept?"));
    expect(match.kind === "entries" && match.entries[0]?.question).toBe("Which payment methods do you accept?");
  });

  it("shows the runner-up too when two entries match about equally", () => {
    const match = matchFaq(index, ask("change address or cancel subscription"));
    expect(match.kind === "entries" && match.entries).toHaveLength(2);
  });
});

describe("faqAnswerText", () => {
  it("quotes the matched entry under its question", () => {
    const text = faqAnswerText(matchFaq(index, ask("Do you have decaf?")), "Do you have decaf?", null);
    expect(text).toMatch(/^\*\*Do you have decaf\?\*\*\n\nYes: a Swiss Water Process decaf/);
  });

  it("says it doesn't know, in the visitor's language, pointing to the contact", () => {
    const unknown = { kind: "unknown" } as const;
    expect(faqAnswerText(unknown, "Tell me a joke", "mailto:help@shop.example")).toContain(
      "contact us at help@shop.example",
    );
    expect(faqAnswerText(unknown, "¿Cuál es la mejor película?", "https://shop.example/contact")).toContain(
      "[shop.example/contact](https://shop.example/contact)",
    );
    expect(faqAnswerText(unknown, "Wie wird das Wetter morgen?", null)).toMatch(/^Entschuldigung/);
  });
});
