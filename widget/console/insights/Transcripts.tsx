/**
 * Logged conversations (LOG_CONVERSATIONS=true): view one's turns, delete one or all. With logging
 * off the section shows only what is still kept from before. Deleting asks for confirmation
 * inline, in the row, with focus on "Cancel".
 */
import { Component, createRef } from "preact";
import type { LoggingPolicy, Transcript, TranscriptSummary } from "../../../worker/src/protocol";
import { renderMarkdown } from "../../src/panel/markdown";
import { adminApi } from "../admin-api";
import { Feedback, failureMessage } from "../Feedback";

const OUTCOMES = { done: "", stopped: " · stopped before the end", error: " · failed" } as const;
const SOURCES = { model: "the model", faq: "the FAQ" } as const;

interface State {
  conversations?: TranscriptSummary[];
  /** Open transcripts by id; null while one loads. */
  open: Record<string, Transcript | null>;
  /** The conversation whose deletion awaits confirmation, or "all". */
  confirming: string | null;
  status: string;
  error: string;
}

interface Props {
  logging: LoggingPolicy;
  onUnauthorized: () => void;
  /** After a deletion: the insights may have quoted what was deleted. */
  onDeleted: () => void;
}

export class Transcripts extends Component<Props, State> {
  override state: State = { open: {}, confirming: null, status: "", error: "" };
  readonly #root = createRef<HTMLElement>();
  readonly #title = createRef<HTMLHeadingElement>();

  override async componentDidMount(): Promise<void> {
    try {
      this.setState({ conversations: (await adminApi.transcripts()).conversations });
    } catch (err) {
      this.#fail(err);
    }
  }

  override componentDidUpdate(_: unknown, previous: State): void {
    const { confirming } = this.state;
    if (confirming === previous.confirming) return;
    const target = confirming ?? previous.confirming;
    const role = confirming === null ? "delete" : "cancel";
    this.#root.current?.querySelector<HTMLElement>(`[data-${role}="${CSS.escape(target ?? "")}"]`)?.focus();
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ error, status: "" });
  }

  toggle = async (id: string): Promise<void> => {
    const { [id]: shown, ...rest } = this.state.open;
    if (shown !== undefined) return this.setState({ open: rest });
    this.setState({ open: { ...this.state.open, [id]: null } });
    try {
      const transcript = await adminApi.transcript(id);
      this.setState({ open: { ...this.state.open, [id]: transcript } });
    } catch (err) {
      this.setState({ open: rest });
      this.#fail(err);
    }
  };

  delete = async (id: string): Promise<void> => {
    try {
      if (id === "all") await adminApi.deleteTranscripts();
      else await adminApi.deleteTranscript(id);
      const { [id]: _, ...open } = this.state.open;
      this.setState({
        conversations: id === "all" ? [] : (this.state.conversations ?? []).filter((c) => c.id !== id),
        open: id === "all" ? {} : open,
        confirming: null,
        error: "",
        status: id === "all" ? "Deleted all transcripts." : "Deleted the transcript.",
      });
      this.#title.current?.focus();
      this.props.onDeleted();
    } catch (err) {
      this.setState({ confirming: null });
      this.#fail(err);
    }
  };

  #confirm(id: string, question: string, action: string) {
    return (
      <fieldset class="confirm">
        <legend>{question}</legend>
        <button type="button" class="danger" onClick={() => void this.delete(id)}>
          {action}
        </button>
        <button type="button" class="quiet" data-cancel={id} onClick={() => this.setState({ confirming: null })}>
          Cancel
        </button>
      </fieldset>
    );
  }

  #turns(transcript: Transcript | null, id: string) {
    if (transcript === null) return <p aria-busy="true">Loading the transcript…</p>;
    return (
      <ol class="turns" id={`transcript-${id}`}>
        {transcript.turns.map((turn) => (
          <li key={turn.messageId}>
            <p class="question">{turn.question}</p>
            <div class="answer">{renderMarkdown(turn.answer)}</div>
            <p class="meta">
              Answered by {SOURCES[turn.source]}, {new Date(turn.at).toLocaleString()}
              {OUTCOMES[turn.outcome]}
            </p>
          </li>
        ))}
      </ol>
    );
  }

  override render() {
    const { conversations, open, confirming, status, error } = this.state;
    const { enabled, retentionDays } = this.props.logging;
    if (!enabled && !conversations?.length && !status) return null;
    return (
      <section aria-labelledby="transcripts-title" ref={this.#root}>
        <h2 id="transcripts-title" tabIndex={-1} ref={this.#title}>
          Transcripts
        </h2>
        {!enabled && (
          <p class="muted">
            Logging is off: these were kept before, and are deleted {retentionDays} days after they were written.
          </p>
        )}
        <Feedback status={status} error={error} />
        {conversations === undefined ? (
          !error && <p aria-busy="true">Loading transcripts…</p>
        ) : conversations.length === 0 ? (
          <p class="muted">No conversations are kept at the moment.</p>
        ) : (
          <>
            <div class="actions">
              {confirming === "all" ? (
                this.#confirm(
                  "all",
                  `Delete all ${conversations.length} transcripts? This cannot be undone.`,
                  "Delete all",
                )
              ) : (
                <button
                  type="button"
                  class="quiet danger"
                  data-delete="all"
                  onClick={() => this.setState({ confirming: "all" })}
                >
                  Delete all transcripts
                </button>
              )}
            </div>
            <ul class="cards">
              {conversations.map((c) => {
                const shown = open[c.id];
                return (
                  <li key={c.id} class="card">
                    <h3>{c.firstQuestion}</h3>
                    <p class="meta">
                      Visitor {c.visitor} · {c.turns === 1 ? "1 turn" : `${c.turns} turns`} · started{" "}
                      {new Date(c.startedAt).toLocaleString()} · last {new Date(c.updatedAt).toLocaleString()}
                    </p>
                    <div class="actions">
                      <button
                        type="button"
                        class="quiet"
                        aria-expanded={shown !== undefined}
                        aria-controls={shown ? `transcript-${c.id}` : undefined}
                        onClick={() => void this.toggle(c.id)}
                      >
                        {shown === undefined ? "View" : "Hide"}
                        <span class="sr-only"> the conversation of visitor {c.visitor}</span>
                      </button>
                      {confirming === c.id ? (
                        this.#confirm(c.id, "Delete this transcript?", "Delete")
                      ) : (
                        <button
                          type="button"
                          class="quiet danger"
                          data-delete={c.id}
                          onClick={() => this.setState({ confirming: c.id })}
                        >
                          Delete<span class="sr-only"> the conversation of visitor {c.visitor}</span>
                        </button>
                      )}
                    </div>
                    {shown !== undefined && this.#turns(shown, c.id)}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
    );
  }
}
