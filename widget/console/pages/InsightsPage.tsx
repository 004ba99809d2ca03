/**
 * What visitors need that the FAQ lacks: satisfaction per FAQ version, unanswered questions,
 * rated-down answers (each one click away from a draft FAQ entry), the entries answers cite most
 * and never, and transcripts when logged.
 */
import { Component } from "preact";
import type { Insights, VersionSatisfaction } from "../../../worker/src/protocol";
import { adminApi } from "../admin-api";
import { Feedback, failureMessage } from "../Feedback";
import { draftEntry } from "../faq-draft";
import { CitedEntries } from "../insights/CitedEntries";
import { QuestionGroups } from "../insights/QuestionGroups";
import { RatedDownAnswers } from "../insights/RatedDownAnswers";
import { Transcripts } from "../insights/Transcripts";

interface State {
  insights?: Insights;
  error: string;
}

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);

function Satisfaction({ versions }: { versions: VersionSatisfaction[] }) {
  return (
    <section aria-labelledby="satisfaction-title">
      <h2 id="satisfaction-title">Satisfaction by FAQ version</h2>
      {versions.length === 0 ? (
        <p class="muted">No answer has been rated yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable)
        <section class="table-wrap" aria-label="Ratings per FAQ version" tabIndex={0}>
          <table>
            <caption class="sr-only">Helpful and not helpful ratings per FAQ version, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Helpful</th>
                <th scope="col">Not helpful</th>
                <th scope="col">Satisfaction</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>{v.up}</td>
                  <td>{v.down}</td>
                  <td>
                    {v.rate === null ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span class="sr-only">no ratings</span>
                      </>
                    ) : (
                      `${Math.round(v.rate * 100)}%`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

export class InsightsPage extends Component<{ onUnauthorized: () => void }, State> {
  override state: State = { error: "" };

  override componentDidMount(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.setState({ insights: await adminApi.insights() });
    } catch (err) {
      this.#fail(err);
    }
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ error });
  }

  draft = async (question: string): Promise<void> => {
    try {
      await draftEntry(question);
    } catch (err) {
      this.#fail(err);
    }
  };

  override render() {
    const { insights, error } = this.state;
    const onDraft = (question: string) => void this.draft(question);
    return (
      <div class="insights-page">
        <h1>Insights</h1>
        <Feedback error={error} />
        {!insights ? (
          !error && <p aria-busy="true">Loading insights…</p>
        ) : (
          <>
            <p class="muted">
              {insights.logging.enabled ? (
                `Transcripts are kept for ${days(insights.logging.retentionDays)}.`
              ) : (
                <>
                  Transcripts are off: set <code>LOG_CONVERSATIONS=true</code> to keep them.
                </>
              )}
            </p>
            <Satisfaction versions={insights.satisfaction} />
            <QuestionGroups groups={insights.unanswered} onDraft={onDraft} />
            <RatedDownAnswers answers={insights.ratedDown} onDraft={onDraft} />
            <CitedEntries citations={insights.citations} />
            <Transcripts
              logging={insights.logging}
              onUnauthorized={this.props.onUnauthorized}
              onDeleted={() => void this.#load()}
            />
          </>
        )}
      </div>
    );
  }
}
