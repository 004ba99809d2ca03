/**
 * The chat panel: a dialog with the title, the conversation (a polite live region), suggested
 * questions, and the composer. Focus goes to the composer on open and back to the launcher on
 * close; Escape closes.
 */
import { useEffect, useRef, useState } from "preact/hooks";
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
  launcher: HTMLButtonElement;
}

interface Source<T> {
  subscribe(listener: (value: T) => void): () => void;
}

/** The current value of `source`, re-rendering on change (including changes before the first effect). */
function useSubscription<T>(source: Source<T>, current: () => T): T {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const unsubscribe = source.subscribe(setValue);
    setValue(current);
    return unsubscribe;
  }, [source]);
  return value;
}

export function App({ chat, view, config, strings, launcher }: Props) {
  const state = useSubscription<ChatState>(chat, () => chat.state);
  const open = useSubscription<boolean>(view, () => view.open);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);

  useEffect(() => {
    if (open) input.current?.focus();
    else if (wasOpen.current) launcher.focus();
    wasOpen.current = open;
  }, [open, launcher]);

  useEffect(() => {
    const list = log.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [state, open]);

  const send = (text: string) => void chat.send(text).catch(() => undefined);
  const retry = () => void chat.retry().catch(() => undefined);
  const empty = state.messages.length === 0 && !state.streaming;

  return (
    <div
      class="panel"
      role="dialog"
      aria-labelledby="sc-title"
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
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
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4" />
          </svg>
        </button>
        <button
          type="button"
          class="icon"
          aria-label={strings.close}
          title={strings.close}
          onClick={() => view.setOpen(false)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </div>
      <div class="log" ref={log} role="log" aria-live="polite" aria-busy={state.streaming ? "true" : "false"}>
        {config.greeting && (
          <div class="msg assistant greeting" dir="auto">
            <p>{config.greeting}</p>
          </div>
        )}
        {state.messages.map((message) => (
          <MessageView key={message.id} message={message} strings={strings} />
        ))}
        {state.streaming && <MessageView message={state.streaming} strings={strings} streaming />}
        {state.notice && <NoticeView notice={state.notice} strings={strings} onRetry={retry} />}
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
      </div>
      <Composer
        strings={strings}
        busy={state.streaming !== null}
        inputRef={input}
        onSend={send}
        onStop={() => chat.stop()}
      />
    </div>
  );
}
