import { describe, expect, it } from "vitest";
import { type DiffLine, lineDiff, MAX_EDITS } from "./line-diff";

/** The text a diff says was there before, or is there after. */
const side = (diff: DiffLine[], kind: "added" | "removed") =>
  diff
    .filter((line) => line.kind !== kind)
    .map((line) => line.text)
    .join("\n");

/** A realistic FAQ of `entries` entries: about 4,000 lines and 200,000 characters at 1,000. */
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

  it("diffs a 4,000-line, 200,000-character FAQ with scattered edits, exactly", () => {
    const before = faq(1000);
    expect(before.split("\n").length).toBeGreaterThanOrEqual(4000);
    expect(before.length).toBeGreaterThanOrEqual(190_000);
    const lines = before.split("\n");
    for (let i = 3; i < lines.length; i += 97) lines[i] = `${lines[i]} (edited)`;
    lines.splice(2000, 0, "## A new entry?", "", "Its answer.");
    const after = lines.join("\n");
    const diff = lineDiff(before, after);
    expect(side(diff, "added")).toBe(before.replace(/\n$/, ""));
    expect(side(diff, "removed")).toBe(after.replace(/\n$/, ""));
    expect(diff.filter((line) => line.kind === "added")).toHaveLength(Math.ceil((4000 - 3) / 97) + 3);
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
