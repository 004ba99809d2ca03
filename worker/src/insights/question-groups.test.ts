/** Grouping visitors' questions by meaning, with the FAQ's ranking machinery. */
import { describe, expect, it } from "vitest";
import { type AskedQuestion, groupQuestions } from "./question-groups";

let minute = 0;
const asked = (question: string, kind: Partial<AskedQuestion> = {}): AskedQuestion => {
  minute += 1;
  const at = new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();
  return { question, at, unanswered: true, ratedDown: false, ...kind };
};

describe("groupQuestions", () => {
  it("puts paraphrases of one question together and keeps other questions apart", () => {
    const groups = groupQuestions([
      asked("Do you ship to Antarctica?"),
      asked("do you ship to antarctica"),
      asked("Shipping to Antarctica possible?"),
      asked("Can I pay with PayPal?"),
      asked("Do you accept paypal payments?", { unanswered: false, ratedDown: true }),
      asked("Do you ship to Canada?"),
      asked("Are your bags compostable?"),
    ]);
    const questions = groups.map((g) => [...g.examples].sort());
    // Wordings that differ only in case and punctuation are one example, shown capitalised.
    expect(questions).toContainEqual(["Do you ship to Antarctica?", "Shipping to Antarctica possible?"]);
    expect(questions).toContainEqual(["Can I pay with PayPal?", "Do you accept paypal payments?"].sort());
    expect(questions).toContainEqual(["Do you ship to Canada?"]);
    expect(questions).toContainEqual(["Are your bags compostable?"]);
    expect(groups).toHaveLength(4);
  });

  it("counts every time a group was asked, by how it failed, most asked first", () => {
    const groups = groupQuestions([
      asked("Can I pay with PayPal?"),
      asked("Do you ship to Antarctica?"),
      asked("Do you ship to Antarctica?", { ratedDown: true }),
      asked("Shipping to antarctica?", { unanswered: false, ratedDown: true }),
    ]);
    expect(groups[0]).toMatchObject({ question: "Do you ship to Antarctica?", count: 3, unanswered: 2, ratedDown: 2 });
    expect(groups[0]?.examples).toEqual(["Shipping to antarctica?", "Do you ship to Antarctica?"]);
    expect(groups[1]).toMatchObject({ question: "Can I pay with PayPal?", count: 1 });
  });

  it("reads through word forms and synonyms like the FAQ search does", () => {
    const groups = groupQuestions([
      asked("Do you sell gift cards?"),
      asked("Can I buy a gift card?"),
      asked("How do I pause my subscription?"),
      asked("pausing subscriptions"),
      asked("Where is my order?"),
    ]);
    expect(groups.map((g) => g.count).sort()).toEqual([1, 2, 2]);
  });

  it("keeps questions without meaningful words apart instead of lumping them", () => {
    const groups = groupQuestions([asked("?"), asked("hello"), asked("Do you ship to Antarctica?")]);
    expect(groups).toHaveLength(3);
  });
});
