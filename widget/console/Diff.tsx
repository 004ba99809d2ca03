/** A line diff between two texts, additions and removals marked for eyes and screen readers. */
import { lineDiff } from "./line-diff";

export function Diff({ before, after }: { before: string; after: string }) {
  const lines = lineDiff(before, after);
  if (lines.every((line) => line.kind === "same")) return <p class="muted">No differences.</p>;
  return (
    <pre class="diff">
      {lines.map((line, i) => (
        <div key={i} class={line.kind}>
          <span class="sr-only">{line.kind === "added" ? "Added: " : line.kind === "removed" ? "Removed: " : ""}</span>
          <span aria-hidden="true">{line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}</span>
          {line.text}
        </div>
      ))}
    </pre>
  );
}
