/**
 * A line diff for comparing FAQ versions: Myers' O(ND) algorithm from the `diff` package, whose
 * memory grows with the number of changed lines, not with the product of the two lengths. Past
 * `MAX_EDITS` changed lines the two texts have little in common, and the diff says so plainly:
 * all of one removed, all of the other added.
 */
import { diffLines } from "diff";

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** More changed lines than this and a line-by-line diff would take seconds and say little. */
export const MAX_EDITS = 1000;

const lines = (text: string, kind: DiffLine["kind"]): DiffLine[] => {
  const split = text.split("\n");
  // A change's text ends with the newline of its last line, except at the very end of a text.
  if (split.at(-1) === "") split.pop();
  return split.map((line) => ({ kind, text: line }));
};

const withNewline = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);

export function lineDiff(before: string, after: string): DiffLine[] {
  // The last line is a line like the others, newline or not.
  const changes = diffLines(withNewline(before), withNewline(after), { maxEditLength: MAX_EDITS });
  if (!changes) return [...lines(before, "removed"), ...lines(after, "added")];
  return changes.flatMap((change) => lines(change.value, change.added ? "added" : change.removed ? "removed" : "same"));
}
