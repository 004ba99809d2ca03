/**
 * Thumbs up / down under a finished answer: one tap rates it; a thumbs-down then offers an
 * optional comment. What the visitor typed stays in the box until it is sent.
 */
import { Component, createRef } from "preact";
import { FEEDBACK_COMMENT_MAX } from "../../../../worker/src/protocol/limits";
import type { Strings } from "../i18n";
import type { Rating as Value } from "../storage";

interface Props {
  rating: Value | undefined;
  strings: Strings;
  onRate: (rating: Value, comment?: string) => Promise<void>;
}

interface State {
  /** Whether the comment box is open. */
  open?: boolean;
  /** The thanks, or why the rating did not go through. */
  note?: string | undefined;
}

export class Rating extends Component<Props, State> {
  readonly #down = createRef<HTMLButtonElement>();
  #field: HTMLTextAreaElement | null = null;
  /** Keeps the comment box, and focuses it as it opens (a stable ref: called once per mount). */
  readonly #ref = (field: HTMLTextAreaElement | null) => {
    this.#field = field;
    field?.focus();
  };

  #send(rating: Value, comment?: string): void {
    const { onRate, strings } = this.props;
    onRate(rating, comment).then(
      () => (comment ? this.#close(strings.thanks) : this.setState({ note: strings.thanks })),
      () => this.setState({ note: strings.feedbackFailed }),
    );
  }

  /** Closes the comment box; focus goes back to the thumbs-down it came from. */
  #close(note: string | undefined): void {
    this.setState({ open: false, note });
    this.#down.current?.focus();
  }

  override render({ rating, strings }: Props, { open, note }: State) {
    const thumb = (value: Value, label: string) => (
      <button
        ref={value === "down" ? this.#down : null}
        type="button"
        class="icon"
        aria-label={label}
        title={label}
        aria-pressed={rating === value}
        onClick={() => {
          if (rating === value) return;
          this.setState({ open: value === "down", note: undefined });
          this.#send(value);
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M7 21V10M3 10h4l4-8c2 0 3 1 3 3v4h7l-2 12H3z" />
        </svg>
      </button>
    );
    return (
      <div class="rate">
        {thumb("up", strings.helpful)}
        {thumb("down", strings.notHelpful)}
        {note && (
          <span class="source" role="status">
            {note}
          </span>
        )}
        {open && (
          <>
            {/* Uncontrolled: the text stays in the box until it is sent. */}
            <textarea
              ref={this.#ref}
              aria-label={strings.comment}
              placeholder={strings.comment}
              maxLength={FEEDBACK_COMMENT_MAX}
              dir="auto"
            />
            <button
              type="button"
              class="retry"
              onClick={() => {
                const comment = this.#field?.value.trim();
                if (comment) this.#send("down", comment);
              }}
            >
              {strings.submit}
            </button>
            <button type="button" class="retry" onClick={() => this.#close(note)}>
              {strings.skip}
            </button>
          </>
        )}
      </div>
    );
  }
}
