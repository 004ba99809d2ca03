/** Questions the FAQ could not answer, or whose answers were rated down, grouped by wording. */
import type { QuestionGroup } from "../../../worker/src/protocol";
import { DraftButton } from "./DraftButton";

const times = (n: number) => (n === 1 ? "once" : `${n} times`);

export function QuestionGroups({ groups, onDraft }: { groups: QuestionGroup[]; onDraft: (question: string) => void }) {
  return (
    <section aria-labelledby="unanswered-title">
      <h2 id="unanswered-title">Unanswered questions</h2>
      <p class="muted">
        What visitors asked that the FAQ did not answer, or whose answer they rated down, most asked first.
      </p>
      {groups.length === 0 ? (
        <p class="muted">None yet: every question so far was answered, and no answer was rated down.</p>
      ) : (
        <ul class="cards">
          {groups.map((group) => {
            const others = group.examples.filter((example) => example !== group.question);
            return (
              <li key={group.question} class="card">
                <h3>{group.question}</h3>
                <p class="meta">
                  Asked {times(group.count)}: {group.unanswered} unanswered · {group.ratedDown} rated down
                  {group.answeredNow && <span class="badge">Answered by the FAQ now</span>}
                </p>
                <p class="meta">Last asked {new Date(group.lastAskedAt).toLocaleString()}</p>
                {others.length > 0 && (
                  <details>
                    <summary>Other wordings ({others.length})</summary>
                    <ul>
                      {others.map((example) => (
                        <li key={example}>{example}</li>
                      ))}
                    </ul>
                  </details>
                )}
                <div class="actions">
                  <DraftButton question={group.question} onDraft={onDraft} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
