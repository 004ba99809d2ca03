/** Shown above every page while the provider fails: what is wrong, since when, and where to act. */
import type { ProviderStatus } from "../../../worker/src/protocol";
import { Advice, isFailing, stateLabel, when } from "./ProviderWords";

export function ProviderBanner({ status }: { status: ProviderStatus | undefined }) {
  if (!status || !isFailing(status)) return null;
  const fallbacks = status.fallbacksSince;
  return (
    <aside class="provider-banner" aria-labelledby="provider-banner-title">
      <p id="provider-banner-title">
        <strong>The AI provider is failing: {stateLabel(status).toLowerCase()}</strong>
        {status.since && ` since ${when(status.since)}`}. {fallbacks === 1 ? "1 chat was" : `${fallbacks} chats were`}{" "}
        answered from the FAQ instead.
      </p>
      <p>
        <Advice status={status} /> <a href="#provider">Provider status and Test provider</a>
      </p>
    </aside>
  );
}
