/** A failed request: what happened, in plain words, and a one-click retry (after a countdown for rate limits). */
import { Component } from "preact";
import type { Notice } from "../chat-controller";
import type { Strings } from "../i18n";

interface Props {
  notice: Notice;
  strings: Strings;
  onRetry: () => void;
}

export class NoticeView extends Component<Props> {
  #timer: ReturnType<typeof setInterval> | undefined;

  override componentDidMount(): void {
    this.#timer = setInterval(() => this.forceUpdate(), 1000);
  }

  override componentWillUnmount(): void {
    clearInterval(this.#timer);
  }

  override render({ notice, strings, onRetry }: Props) {
    const wait = Math.ceil(((notice.retryAt ?? 0) - Date.now()) / 1000);
    const text =
      notice.kind === "rate_limited"
        ? wait > 0
          ? strings.rateLimited(wait)
          : strings.rateLimitedReady
        : strings[notice.kind];
    return (
      <div class="notice" role="alert">
        <p>{text}</p>
        <button type="button" class="retry" onClick={onRetry} disabled={wait > 0}>
          {strings.retry}
        </button>
      </div>
    );
  }
}
