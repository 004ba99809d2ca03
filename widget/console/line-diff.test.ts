import { describe, expect, it } from "vitest";
import { LIMITS } from "../../worker/src/protocol/limits";
import { type DiffLine, lineDiff, MAX_EDITS } from "./line-diff";

/** The text a diff says was there before, or is there after. */
const side = (diff: DiffLine[], kind: "added" | "removed") =>
  diff
    .filter((line) => line.kind !== kind)
    .map((line) => line.text)
    .join("\n");

/** A realistic FAQ of `entries` entries: about 4 lines and 200 characters each. */
const faq = (entries: number) =>
  Array.from(
    { length: entries },
    (_, i) => `## Question number ${i}?\n\nAnswer ${i}: ${"words of the answer ".repeat(8)}\nMore about ${i}.\n`,
  ).join("");

describe("lineDiff", () => {
  it("marks lines kept, added and removed", () => {
    expect(lineDiff("a\nb\nc", "a\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
    expect(lineDiff("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(lineDiff("same\n", "same\n")).toEqual([{ kind: "same", text: "same" }]);
  });

  it("diffs a FAQ as large as a publish may be (500,000 characters, 9,000+ lines) with scattered edits, exactly", () => {
    const before = faq(Math.floor(LIMITS.faqCharsMax / 216));
    expect(before.split("\n").length).toBeGreaterThanOrEqual(9000);
    expect(before.length).toBeGreaterThanOrEqual(LIMITS.faqCharsMax * 0.95);
    expect(before.length).toBeLessThanOrEqual(LIMITS.faqCharsMax);
    const lines = before.split("\n");
    const count = lines.length;
    for (let i = 3; i < lines.length; i += 97) lines[i] = `${lines[i]} (edited)`;
    lines.splice(2000, 0, "## A new entry?", "", "Its answer.");
    const after = lines.join("\n");
    const diff = lineDiff(before, after);
    expect(side(diff, "added")).toBe(before.replace(/\n$/, ""));
    expect(side(diff, "removed")).toBe(after.replace(/\n$/, ""));
    expect(diff.filter((line) => line.kind === "added")).toHaveLength(Math.ceil((count - 3) / 97) + 3);
  });

  it("gives up line by line past MAX_EDITS changes: all of one out, all of the other in", () => {
    const before = faq(1000);
    const after = before.replace(/Answer/g, "Reply").replace(/More/g, "Less");
    const diff = lineDiff(before, after);
    expect(MAX_EDITS).toBeLessThan(2000);
    expect(side(diff, "added")).toBe(before.replace(/\n$/, ""));
    expect(side(diff, "removed")).toBe(after.replace(/\n$/, ""));
    expect(diff.findIndex((line) => line.kind === "added")).toBeGreaterThan(
      diff.findLastIndex((l) => l.kind === "removed"),
    );
  });
});
