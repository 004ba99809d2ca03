/** The visitor's text box: Enter sends, Shift+Enter makes a new line; Stop while an answer streams. */
import { Component } from "preact";
import { CONTENT_MAX } from "../../../../worker/src/protocol/limits";
import type { Strings } from "../i18n";

interface Props {
  strings: Strings;
  busy: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}

export class Composer extends Component<Props, { text: string }> {
  override state = { text: "" };
  submit = (event?: Event): void => {
    event?.preventDefault();
    const { text } = this.state;
    if (this.props.busy || !text.trim()) return;
    this.props.onSend(text);
    this.setState({ text: "" });
  };

  override render({ strings, busy, onStop }: Props, { text }: { text: string }) {
    return (
      <form class="composer" onSubmit={this.submit}>
        <textarea
          aria-label={strings.message}
          placeholder={strings.placeholder}
          rows={1}
          maxLength={CONTENT_MAX}
          dir="auto"
          value={text}
          onInput={(event) => this.setState({ text: event.currentTarget.value })}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) this.submit(event);
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
}
