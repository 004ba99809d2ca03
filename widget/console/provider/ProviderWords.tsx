/**
 * The provider's state in the console's words: the label, the advice (shared with the Worker's
 * alerts: protocol/provider-advice.ts), and whether it counts as failing.
 */
import type { ProviderStatus } from "../../../worker/src/protocol";
import { FAQ_ONLY_ADVICE, PROVIDER_ADVICE, PROVIDER_STATE_LABELS } from "../../../worker/src/protocol/provider-advice";

/** The provider fails now: the banner shows on every page. */
export function isFailing(status: ProviderStatus): boolean {
  return status.mode === "model" && status.state !== "ok" && status.state !== "unknown";
}

export function stateLabel(status: ProviderStatus): string {
  return status.mode === "faq-only" ? "FAQ only" : PROVIDER_STATE_LABELS[status.state];
}

export const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A sentence with `commands` and `SETTINGS` between backticks, shown as code. */
export function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        // Odd pieces were between backticks.
        i % 2 === 1 ? <code key={`${i}-${part}`}>{part}</code> : part,
      )}
    </>
  );
}

/** What to do about the provider's state, in one sentence. */
export function Advice({ status }: { status: ProviderStatus }) {
  return <WithCode text={status.mode === "faq-only" ? FAQ_ONLY_ADVICE : PROVIDER_ADVICE[status.state]} />;
}
