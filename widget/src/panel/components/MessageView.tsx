/** One message of the conversation; answers are rendered from Markdown, safely, and can be rated. */

import type { Strings } from "../i18n";
import { link, renderMarkdown } from "../markdown";
import type { StoredMessage, Rating as Value } from "../storage";
import { Rating } from "./Rating";

export function MessageView({
  message,
  strings,
  streaming,
  onRate,
}: {
  message: StoredMessage;
  strings: Strings;
  streaming?: boolean;
  /** Rates this answer; absent where answers cannot be rated. */
  onRate?: ((rating: Value, comment?: string) => Promise<void>) | undefined;
}) {
  const isUser = message.role === "user";
  return (
    <div class={`msg ${message.role}`} data-role={message.role} dir="auto" aria-busy={streaming ? "true" : undefined}>
      {isUser ? <p>{message.content}</p> : renderMarkdown(message.content)}
      {streaming && message.content === "" && (
        <span class="typing" role="status">
          <span aria-hidden="true">•••</span>
          <span class="sr-only">{strings.writing}</span>
        </span>
      )}
      {message.sources?.[0] && (
        <p class="source">
          {strings.sources}:{" "}
          {message.sources.map(({ title, url }, i) => [i ? ", " : "", url ? link(url, title, i) : title])}
        </p>
      )}
      {message.source === "faq" && <p class="source">{strings.fromFaq}</p>}
      {message.by && <p class="source">{message.by}</p>}
      {message.stopped && <p class="source">{strings.stopped}</p>}
      {/* Only a finished answer has the server's id (a stopped or cut one never does). */}
      {onRate && message.messageId && <Rating rating={message.rating} strings={strings} onRate={onRate} />}
    </div>
  );
}
