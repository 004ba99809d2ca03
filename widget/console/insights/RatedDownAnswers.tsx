/** Answers visitors rated down, newest first, with the question, their comment and the FAQ version. */
import type { RatedDownAnswer } from "../../../worker/src/protocol";
import { renderMarkdown } from "../../src/panel/markdown";
import { DraftButton } from "./DraftButton";

const SOURCES = { model: "Model", faq: "FAQ" } as const;

export function RatedDownAnswers({
  answers,
  onDraft,
}: {
  answers: RatedDownAnswer[];
  onDraft: (question: string) => void;
}) {
  return (
    <section aria-labelledby="rated-down-title">
      <h2 id="rated-down-title">Rated-down answers</h2>
      {answers.length === 0 ? (
        <p class="muted">No answer has been rated down yet.</p>
      ) : (
        <ul class="cards">
          {answers.map((rated) => (
            <li key={rated.messageId} class="card">
              <h3 class={rated.question === null ? "muted" : undefined}>{rated.question ?? "(question not kept)"}</h3>
              <p class="meta">
                {rated.faqVersion === null ? "FAQ version unknown" : `FAQ version ${rated.faqVersion}`}
                {rated.source && ` · source: ${SOURCES[rated.source]}`} · rated down{" "}
                {new Date(rated.ratedAt).toLocaleString()}
              </p>
              {rated.comment && (
                <figure class="comment">
                  <figcaption>The visitor's comment</figcaption>
                  <blockquote>{rated.comment}</blockquote>
                </figure>
              )}
              {rated.answer !== null && (
                <details>
                  <summary>The answer</summary>
                  <div class="answer">{renderMarkdown(rated.answer)}</div>
                </details>
              )}
              {rated.question !== null && (
                <div class="actions">
                  <DraftButton question={rated.question} onDraft={onDraft} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
