/**
 * The form to reach the team: "Email", "Name" (optional), "Your message" (pre-filled with the last
 * question), and "Send to our team"; the conversation so far goes with it. It says when the team
 * replies, and, outside office hours, that it is outside them, before anything is sent. Errors are
 * announced and nothing typed is lost; once sent, the log says who will answer and when.
 */
import { Component } from "preact";
import type { ChatMessage } from "../../../../worker/src/protocol";
import { HANDOFF_LIMITS } from "../../../../worker/src/protocol/handoff-limits";
import { BODY_BYTES_MAX, CONTENT_MAX } from "../../../../worker/src/protocol/limits";
import type { HandoffContext } from "./context";
import { HandoffError, sendHandoff } from "./handoff-api";
import { describeHours, isOpen } from "./office-hours";
import { readRecord, saveRecord } from "./record";
import type { HandoffStrings } from "./strings";

interface Props {
  context: HandoffContext;
  strings: HandoffStrings;
  lang: string;
  /** Back to the conversation, with the focus on "Talk to a person". */
  onClose: () => void;
}

interface State {
  email: string;
  name: string;
  message: string;
  sending: boolean;
  /** A field the visitor must fix, and why; or why sending failed. */
  problem?: { field?: "email" | "message"; text: string } | undefined;
}

/** Enough to catch a typo; the Worker checks the address properly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class HandoffForm extends Component<Props, State> {
  #form: HTMLFormElement | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(props: Props) {
    super(props);
    const record = readRecord(props.context.storage);
    const lastQuestion = props.context.chat.state.messages.findLast((m) => m.role === "user")?.content ?? "";
    this.state = { email: record?.email ?? "", name: record?.name ?? "", message: lastQuestion, sending: false };
  }

  override componentDidMount(): void {
    this.#focus("email");
    // Office hours end while a form is open, and the settings may arrive after it opened.
    this.#timer = setInterval(() => this.forceUpdate(), 1000);
  }

  override componentWillUnmount(): void {
    clearInterval(this.#timer);
  }

  #focus(field: string): void {
    this.#form?.querySelector<HTMLElement>(`[name=${field}]`)?.focus();
  }

  /** When the team replies, and whether they are in right now, as one or two sentences. */
  #timing(now = new Date()): { note: string; outside: boolean } {
    const { officeHours, replyTimeHours } = this.props.context.config();
    const { strings, lang } = this.props;
    const outside = !!officeHours && !isOpen(officeHours, now);
    const parts = [replyTimeHours ? strings.replyWithin(replyTimeHours) : ""];
    if (officeHours) {
      const hours = describeHours(officeHours, lang);
      parts.push(outside ? strings.outside(hours) : strings.hours(hours));
    }
    return { note: parts.filter(Boolean).join(" "), outside };
  }

  submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const { context, strings } = this.props;
    const email = this.state.email.trim();
    const name = this.state.name.trim();
    const message = this.state.message.trim();
    if (!EMAIL.test(email)) return this.#problem({ field: "email", text: strings.badEmail });
    if (!message) return this.#problem({ field: "message", text: strings.noMessage });
    this.setState({ sending: true, problem: undefined });
    const { api } = context.options;
    const record = readRecord(context.storage);
    const request = {
      visitorId: context.storage.visitorId(),
      email,
      ...(name && { name }),
      message,
      // A follow-up goes to the visitor's latest open request, if there is one.
      ...(record?.open[0] && { handoffId: record.open[0] }),
    };
    try {
      const transcript = fitting(request, context.chat.turns());
      const { handoffId } = await sendHandoff(api, { ...request, transcript });
      saveRecord(context.storage, {
        open: [handoffId, ...(record?.open ?? []).filter((id) => id !== handoffId)],
        // The next page load asks for replies, whenever it comes.
        checked: 0,
        seen: record?.seen ?? 0,
        unread: record?.unread ?? 0,
        email,
        name,
      });
      const said = handoffId === record?.open[0] ? strings.added(email) : strings.sent(email);
      const content = `${said} ${this.#timing().note}`.trim();
      this.props.onClose();
      // Once the conversation shows again, the note joins it, and its live region reads it out.
      requestAnimationFrame(() => {
        const at = Date.now();
        context.storage.saveConversation([{ id: `handoff:${handoffId}:${at}`, role: "handoff", content, at }]);
        context.chat.syncFromStorage();
      });
    } catch (error) {
      const failure = error instanceof HandoffError ? error : new HandoffError("unknown", String(error));
      this.setState({ sending: false });
      if (failure.code === "invalid_request" && /^email/.test(failure.message)) {
        return this.#problem({ field: "email", text: strings.badEmail });
      }
      this.#problem({
        text:
          failure.code === "rate_limited"
            ? strings.tooMany(Math.max(1, Math.ceil((failure.retryAfter ?? 60) / 60)))
            : failure.code === "offline"
              ? strings.offline
              : strings.failed,
      });
    }
  };

  #problem(problem: NonNullable<State["problem"]>): void {
    this.setState({ problem });
    if (problem.field) this.#focus(problem.field);
  }

  override render({ strings }: Props, { email, name, message, sending, problem }: State) {
    const { note, outside } = this.#timing();
    const invalid = (field: "email" | "message") => problem?.field === field;
    const error = (field: "email" | "message") =>
      invalid(field) && (
        <p id={`sc-${field}-error`} class="error" role="alert">
          {problem?.text}
        </p>
      );
    return (
      <form
        ref={(form) => {
          this.#form = form;
        }}
        class="handoff-form"
        aria-labelledby="sc-handoff-title"
        noValidate
        onSubmit={this.submit}
      >
        <h3 id="sc-handoff-title">{strings.title}</h3>
        <p>{strings.intro}</p>
        {note && (
          <p id="sc-handoff-note" class={outside ? "note" : undefined}>
            {note}
          </p>
        )}
        <label for="sc-email">{strings.email}</label>
        <input
          id="sc-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxLength={HANDOFF_LIMITS.emailMax}
          value={email}
          aria-invalid={invalid("email")}
          aria-describedby={invalid("email") ? "sc-email-error" : undefined}
          onInput={(e) => this.setState({ email: e.currentTarget.value })}
        />
        {error("email")}
        <div class="label">
          <label for="sc-name">{strings.name}</label> <span id="sc-name-hint">({strings.optional})</span>
        </div>
        <input
          id="sc-name"
          name="name"
          autocomplete="name"
          maxLength={HANDOFF_LIMITS.nameMax}
          value={name}
          aria-describedby="sc-name-hint"
          onInput={(e) => this.setState({ name: e.currentTarget.value })}
        />
        <label for="sc-message">{strings.message}</label>
        <textarea
          id="sc-message"
          name="message"
          required
          rows={4}
          maxLength={CONTENT_MAX}
          dir="auto"
          value={message}
          aria-invalid={invalid("message")}
          aria-describedby={invalid("message") ? "sc-message-error" : undefined}
          onInput={(e) => this.setState({ message: e.currentTarget.value })}
        />
        {error("message")}
        {problem && !problem.field && (
          <p class="error" role="alert">
            {problem.text}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="send" disabled={sending} aria-describedby={note ? "sc-handoff-note" : undefined}>
            {sending ? strings.sending : strings.send}
          </button>
          <button type="button" class="retry" onClick={this.props.onClose}>
            {strings.back}
          </button>
        </div>
      </form>
    );
  }
}

/** The latest turns of the conversation that fit in one request body beside the message. */
function fitting(request: object, transcript: ChatMessage[]): ChatMessage[] {
  const encoder = new TextEncoder();
  let kept = transcript;
  while (
    kept.length > 0 &&
    encoder.encode(JSON.stringify({ ...request, transcript: kept })).length > BODY_BYTES_MAX - 512
  ) {
    kept = kept.slice(1);
  }
  return kept;
}
