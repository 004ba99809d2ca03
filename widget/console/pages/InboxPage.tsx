/**
 * The Inbox: visitors' requests to talk to a person, newest first, with their status (open,
 * answered, closed) and whether the visitor wrote since an operator last looked. One is read at
 * `#inbox/<id>`: its messages, the conversation that led to it, a reply box (the reply reaches the
 * visitor's chat, and their mailbox when configured), close and delete.
 */
import { Component } from "preact";
import type { HandoffChannels, HandoffList, HandoffSummary } from "../../../worker/src/protocol";
import { adminApi } from "../admin-api";
import { Feedback, failureMessage } from "../Feedback";
import { HandoffView, STATUS } from "../inbox/HandoffView";

interface Props {
  /** The request shown, from the URL (`#inbox/<id>`). */
  selected: string | null;
  onUnauthorized: () => void;
  /** The count of requests with unread messages, for the navigation. */
  onUnread: (count: number) => void;
}

interface State {
  list?: HandoffList;
  error: string;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** What is not set up yet, in the words an operator needs to fix it (docs/configuration.md). */
function Channels({ channels }: { channels: HandoffChannels }) {
  const notes = [
    !channels.email &&
      "Email notifications are off: set OPERATOR_EMAIL and EMAIL_FROM to hear of new requests by email.",
    channels.email &&
      !channels.emailReplies &&
      "Replying to a notification writes to the visitor directly: set REPLY_DOMAIN so that replies by email reach their chat too.",
  ].filter(Boolean);
  return notes.length > 0 ? (
    <ul class="notes">
      {notes.map((note) => (
        <li key={String(note)}>{note}</li>
      ))}
    </ul>
  ) : null;
}

function Item({ handoff, current }: { handoff: HandoffSummary; current: boolean }) {
  const who = handoff.name ?? handoff.email;
  return (
    <li class={`card handoff-item${handoff.unread ? " unread" : ""}`}>
      <a href={`#inbox/${handoff.handoffId}`} aria-current={current ? "true" : undefined}>
        {who}
        {handoff.unread && <span class="sr-only"> (unread)</span>}
      </a>
      <p class="meta">
        <span class={`state ${handoff.status}`}>{STATUS[handoff.status]}</span> · {when(handoff.createdAt)}
        {handoff.name && ` · ${handoff.email}`}
      </p>
      <p class="excerpt">{handoff.message}</p>
    </li>
  );
}

export class InboxPage extends Component<Props, State> {
  override state: State = { error: "" };

  override componentDidMount(): void {
    void this.load();
  }

  /** Reads the list again (after a change, or when a request was opened and so became read). */
  load = async (): Promise<void> => {
    try {
      const list = await adminApi.handoffs();
      this.setState({ list, error: "" });
      this.props.onUnread(list.unread);
    } catch (err) {
      const error = failureMessage(err, this.props.onUnauthorized);
      if (error !== null) this.setState({ error });
    }
  };

  override render({ selected, onUnauthorized }: Props, { list, error }: State) {
    return (
      <div class="inbox-page">
        <section aria-labelledby="inbox-title" class="inbox-list">
          <h1 id="inbox-title">Inbox</h1>
          <p class="muted">Visitors who asked to talk to a person, newest first.</p>
          {list && <Channels channels={list.channels} />}
          <Feedback error={error} />
          {list === undefined ? (
            !error && <p aria-busy="true">Loading requests…</p>
          ) : list.handoffs.length === 0 ? (
            <p class="muted">No requests yet. Visitors send them with "Talk to a person" in the chat.</p>
          ) : (
            <ul class="cards" aria-label="Requests">
              {list.handoffs.map((handoff) => (
                <Item key={handoff.handoffId} handoff={handoff} current={handoff.handoffId === selected} />
              ))}
            </ul>
          )}
        </section>
        {selected ? (
          <HandoffView
            key={selected}
            id={selected}
            channels={list?.channels}
            onUnauthorized={onUnauthorized}
            onChanged={this.load}
          />
        ) : (
          list && list.handoffs.length > 0 && <p class="muted inbox-hint">Choose a request to read it and reply.</p>
        )}
      </div>
    );
  }
}
