/** One message of the conversation; answers are rendered from Markdown, safely. */

import type { Strings } from "../i18n";
import { renderMarkdown } from "../markdown";
import type { StoredMessage } from "../storage";

export function MessageView({
  message,
  strings,
  streaming,
}: {
  message: StoredMessage;
  strings: Strings;
  streaming?: boolean;
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
      {message.source === "faq" && <p class="source">{strings.fromFaq}</p>}
      {message.stopped && <p class="source">{strings.stopped}</p>}
    </div>
  );
}
