/** A failed request: what happened, in plain words, and a one-click retry. */
import { useEffect, useState } from "preact/hooks";
import type { Notice } from "../chat-controller";
import type { Strings } from "../i18n";

export function NoticeView({ notice, strings, onRetry }: { notice: Notice; strings: Strings; onRetry: () => void }) {
  const [now, setNow] = useState(Date.now());
  const waiting = notice.retryAt !== undefined && notice.retryAt > now;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  const text =
    notice.kind === "rate_limited"
      ? waiting
        ? strings.rateLimited(Math.ceil(((notice.retryAt ?? now) - now) / 1000))
        : strings.rateLimitedReady
      : strings[notice.kind];
  return (
    <div class="notice" role="alert">
      <p>{text}</p>
      <button type="button" class="retry" onClick={onRetry} disabled={waiting}>
        {strings.retry}
      </button>
    </div>
  );
}
