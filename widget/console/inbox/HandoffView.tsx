/**
 * One request in the Inbox: who asked, the messages both ways, the reply box, close and delete
 * (with an inline confirmation, focus on "Cancel"), and the conversation that led to it. Opening
 * it marks it read.
 */
import { Component, createRef } from "preact";
import type { HandoffChannels, HandoffDetail } from "../../../worker/src/protocol";
import { HANDOFF_LIMITS } from "../../../worker/src/protocol/handoff-limits";
import { renderMarkdown } from "../../src/panel/markdown";
import { adminApi } from "../admin-api";
import { Feedback, failureMessage } from "../Feedback";

export const STATUS = { open: "Open", answered: "Answered", closed: "Closed" } as const;
const VIA = { widget: "in the chat", console: "from the console", email: "by email" } as const;

interface Props {
  id: string;
  channels: HandoffChannels | undefined;
  onUnauthorized: () => void;
  /** After anything that changes the list: a read, a reply, a close, a delete. */
  onChanged: () => void;
}

interface State {
  /** Null once deleted. */
  handoff?: HandoffDetail | null;
  reply: string;
  busy: boolean;
  confirming: boolean;
  status: string;
  error: string;
}

const when = (iso: string) => new Date(iso).toLocaleString();

export class HandoffView extends Component<Props, State> {
  override state: State = { reply: "", busy: false, confirming: false, status: "", error: "" };
  readonly #root = createRef<HTMLElement>();

  override async componentDidMount(): Promise<void> {
    try {
      this.setState({ handoff: await adminApi.handoff(this.props.id) });
      this.props.onChanged();
    } catch (err) {
      this.#fail(err);
    }
  }

  override componentDidUpdate(_: Props, previous: State): void {
    if (this.state.confirming === previous.confirming) return;
    const target = this.state.confirming ? "[data-cancel]" : "[data-delete]";
    this.#root.current?.querySelector<HTMLElement>(target)?.focus();
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ error, status: "", busy: false });
  }

  /** Runs an action on the request, then shows it as it is now. */
  async #act(action: () => Promise<unknown>, status: string): Promise<void> {
    this.setState({ busy: true, error: "", status: "" });
    try {
      await action();
      this.setState({ handoff: await adminApi.handoff(this.props.id), busy: false, status });
      this.props.onChanged();
    } catch (err) {
      this.#fail(err);
    }
  }

  send = async (event: Event): Promise<void> => {
    event.preventDefault();
    const text = this.state.reply.trim();
    if (!text) return this.setState({ error: "Write a reply first.", status: "" });
    const emailed = this.props.channels?.emailVisitors ? " and by email" : "";
    await this.#act(
      () => adminApi.replyToHandoff(this.props.id, text),
      `Sent. The visitor sees your reply in the chat${emailed}.`,
    );
    if (!this.state.error) this.setState({ reply: "" });
  };

  delete = async (): Promise<void> => {
    this.setState({ busy: true, error: "" });
    try {
      await adminApi.deleteHandoff(this.props.id);
      this.setState({ handoff: null, busy: false, confirming: false, status: "Deleted the request." });
      this.props.onChanged();
    } catch (err) {
      this.setState({ confirming: false });
      this.#fail(err);
    }
  };

  override render(_: Props, { handoff, reply, busy, confirming, status, error }: State) {
    if (handoff === undefined) {
      return error ? <Feedback error={error} /> : <p aria-busy="true">Loading the request…</p>;
    }
    if (handoff === null) return <Feedback status={status} />;
    const who = handoff.name ?? "The visitor";
    return (
      <section class="handoff" aria-labelledby="handoff-title" ref={this.#root}>
        <h2 id="handoff-title">{handoff.name ? `${handoff.name} <${handoff.email}>` : handoff.email}</h2>
        <p class="meta">
          <span class={`state ${handoff.status}`}>{STATUS[handoff.status]}</span> · asked {when(handoff.createdAt)} ·{" "}
          <a href={`mailto:${handoff.email}`}>write to {handoff.email}</a>
        </p>
        <h3>Messages</h3>
        <ol class="thread">
          {handoff.messages.map((message) => (
            <li key={`${message.at}${message.from}`} class={message.from}>
              <p class="meta">
                {message.from === "visitor" ? who : "Your team"}, {VIA[message.via]}, {when(message.at)}
              </p>
              <p class="text">{message.text}</p>
            </li>
          ))}
        </ol>
        <form class="reply" onSubmit={this.send}>
          <label for="handoff-reply">Reply</label>
          <textarea
            id="handoff-reply"
            rows={5}
            maxLength={HANDOFF_LIMITS.replyMax}
            value={reply}
            onInput={(e) => this.setState({ reply: e.currentTarget.value })}
          />
          <div class="actions">
            <button type="submit" disabled={busy}>
              Send reply
            </button>
            {handoff.status !== "closed" && (
              <button
                type="button"
                class="quiet"
                disabled={busy}
                onClick={() => void this.#act(() => adminApi.closeHandoff(this.props.id), "Closed the request.")}
              >
                Close request
              </button>
            )}
            {confirming ? (
              <fieldset class="confirm">
                <legend>Delete this request, with the visitor's email address? This cannot be undone.</legend>
                <button type="button" class="danger" onClick={() => void this.delete()}>
                  Delete
                </button>
                <button type="button" class="quiet" data-cancel onClick={() => this.setState({ confirming: false })}>
                  Cancel
                </button>
              </fieldset>
            ) : (
              <button
                type="button"
                class="quiet danger"
                data-delete
                onClick={() => this.setState({ confirming: true })}
              >
                Delete
              </button>
            )}
          </div>
          <Feedback status={status} error={error} />
        </form>
        <h3>The conversation before the request</h3>
        {handoff.transcript.length === 0 ? (
          <p class="muted">The visitor asked before chatting.</p>
        ) : (
          <ol class="turns">
            {handoff.transcript.map((turn, i) => (
              <li key={`${i}${turn.role}`} class={turn.role}>
                {turn.role === "user" ? (
                  <p class="question">{turn.content}</p>
                ) : (
                  <div class="answer">{renderMarkdown(turn.content)}</div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    );
  }
}
