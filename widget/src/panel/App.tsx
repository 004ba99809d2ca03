/**
 * The chat panel: a dialog with the title, the conversation (a polite live region), suggested
 * questions, and the composer. Focus goes to the composer on open and back to the launcher on
 * close; Escape closes. Class components, because preact/hooks would cost 1.3 KB of a 15 KB budget.
 */
import { Component, createRef } from "preact";
import type { WidgetConfig } from "../../../worker/src/protocol";
import type { ChatController, ChatState } from "./chat-controller";
import { Composer } from "./components/Composer";
import { MessageView } from "./components/MessageView";
import { NoticeView } from "./components/NoticeView";
import type { Strings } from "./i18n";
import type { ViewState } from "./view-state";

interface Props {
  chat: ChatController;
  view: ViewState;
  config: WidgetConfig;
  strings: Strings;
  /** Called after the panel closes: the widget moves focus back to its launcher. */
  onClosed?: () => void;
  /** Shown inside a page (the console's previews): always open, no close button. */
  embedded?: boolean;
  /** Opens the form to reach the team (a chunk of its own); without it, no "Talk to a person". */
  handoff?: () => void;
}

interface State {
  chat: ChatState;
  open: boolean;
}

export class App extends Component<Props, State> {
  readonly #panel = createRef<HTMLDivElement>();
  readonly #log = createRef<HTMLDivElement>();
  #unsubscribe: (() => void)[] = [];

  constructor(props: Props) {
    super(props);
    this.state = { chat: props.chat.state, open: props.view.open };
  }

  override componentDidMount(): void {
    const { chat, view } = this.props;
    this.#unsubscribe = [
      chat.subscribe((state) => this.setState({ chat: state })),
      view.subscribe((open) => this.setState({ open })),
    ];
    // The panel may have been opened between the first render and now.
    this.setState({ chat: chat.state, open: view.open });
  }

  override componentWillUnmount(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  override componentDidUpdate(_: Props, previous: State): void {
    const { open } = this.state;
    if (open && !previous.open) this.#panel.current?.querySelector<HTMLElement>(".composer textarea")?.focus();
    if (!open && previous.open) this.props.onClosed?.();
    // Follow the conversation, unless the visitor is busy inside it (rating an earlier answer, say).
    const log = this.#log.current;
    if (log && !log.matches(":focus-within")) log.scrollTop = log.scrollHeight;
  }

  override render({ chat, view, config, strings, handoff }: Props, { chat: state, open }: State) {
    const send = (text: string) => void chat.send(text).catch(() => undefined);
    const empty = state.messages.length === 0 && !state.streaming;
    const last = state.messages.at(-1);
    return (
      <div
        ref={this.#panel}
        class="panel"
        role="dialog"
        aria-labelledby="sc-title"
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key === "Escape" && !this.props.embedded) {
            event.stopPropagation();
            view.setOpen(false);
          }
        }}
      >
        <div class="head">
          <h2 id="sc-title">{config.title}</h2>
          <button
            type="button"
            class="icon"
            aria-label={strings.newConversation}
            title={strings.newConversation}
            onClick={() => chat.reset()}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4" />
            </svg>
          </button>
          {!this.props.embedded && (
            <button
              type="button"
              class="icon"
              aria-label={strings.close}
              title={strings.close}
              onClick={() => view.setOpen(false)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          )}
        </div>
        <div class="log" ref={this.#log} role="log" aria-live="polite" aria-busy={!!state.streaming}>
          {config.greeting && (
            <div class="msg assistant greeting" dir="auto">
              <p>{config.greeting}</p>
            </div>
          )}
          {state.messages.map((message) => (
            <MessageView
              key={message.id}
              message={message}
              strings={strings}
              onRate={chat.feedback && ((rating, comment) => chat.rate(message.id, rating, comment))}
            />
          ))}
          {state.trimmed && <p class="source">{strings.trimmed}</p>}
          {state.streaming && <MessageView message={state.streaming} strings={strings} streaming />}
          {state.notice && (
            <NoticeView
              notice={state.notice}
              strings={strings}
              onRetry={() => void chat.retry().catch(() => undefined)}
            />
          )}
          {empty && config.suggestions.length > 0 && (
            <ul class="chips" aria-label={strings.suggestions}>
              {config.suggestions.map((suggestion) => (
                <li key={suggestion}>
                  <button type="button" onClick={() => send(suggestion)}>
                    {suggestion}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {/* Always at the end of the conversation; offered, in the brand's color, under an answer
              that had nothing to go on or that the visitor rated down. */}
          {handoff && (
            <button
              type="button"
              class={last?.unanswered || last?.rating === "down" ? "talk offer" : "talk"}
              onClick={handoff}
            >
              {strings.talk}
            </button>
          )}
        </div>
        <Composer strings={strings} busy={state.streaming !== null} onSend={send} onStop={() => chat.stop()} />
      </div>
    );
  }
}
