/** The visitor's text box: Enter sends, Shift+Enter makes a new line; Stop while an answer streams. */
import type { Ref } from "preact";
import { useState } from "preact/hooks";
import type { Strings } from "../i18n";

interface Props {
  strings: Strings;
  busy: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
  onSend: (text: string) => void;
  onStop: () => void;
}

export function Composer({ strings, busy, inputRef, onSend, onStop }: Props) {
  const [text, setText] = useState("");
  const submit = (event?: Event) => {
    event?.preventDefault();
    if (busy || !text.trim()) return;
    onSend(text);
    setText("");
  };
  return (
    <form class="composer" onSubmit={submit}>
      <textarea
        ref={inputRef}
        aria-label={strings.message}
        placeholder={strings.placeholder}
        rows={1}
        maxLength={4000}
        dir="auto"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submit(event);
        }}
      />
      {busy ? (
        <button type="button" class="stop" onClick={onStop}>
          {strings.stop}
        </button>
      ) : (
        <button type="submit" class="send" disabled={!text.trim()}>
          {strings.send}
        </button>
      )}
    </form>
  );
}
