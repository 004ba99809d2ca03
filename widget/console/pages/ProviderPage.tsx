/**
 * The model provider: the mode and model, the state now and since when, the model's last answer,
 * the chats answered from the FAQ since the trouble began, what to do about it, and "Test
 * provider", the check to run right after rotating the key (README, "Rotating secrets").
 */
import { Component } from "preact";
import type { ProviderStatus, ProviderTestResult } from "../../../worker/src/protocol";
import { PROVIDER_ADVICE, PROVIDER_STATE_LABELS } from "../../../worker/src/protocol/provider-advice";
import { adminApi } from "../admin-api";
import { Feedback, failureMessage } from "../Feedback";
import { Advice, isFailing, stateLabel, WithCode, when } from "../provider/ProviderWords";

interface Props {
  /** The provider's status as the console last read it (undefined until the first read). */
  status: ProviderStatus | undefined;
  /** Reads the status again (after a test, whose outcome counts in it). */
  onChanged: () => Promise<void>;
  onUnauthorized: () => void;
}

interface State {
  testing: boolean;
  result?: ProviderTestResult;
  error: string;
}

function TestOutcome({ result }: { result: ProviderTestResult }) {
  if (result.ok) {
    return (
      <p role="status" class="status">
        The provider answered in {result.latencyMs} ms{result.model ? `: ${result.model}` : ""}.
      </p>
    );
  }
  return (
    <p role="alert" class="error">
      The test failed after {result.latencyMs} ms: {PROVIDER_STATE_LABELS[result.state].toLowerCase()}.{" "}
      <WithCode text={PROVIDER_ADVICE[result.state]} />
    </p>
  );
}

function Facts({ status }: { status: ProviderStatus }) {
  const failing = isFailing(status);
  return (
    <dl class="facts">
      <dt>Mode</dt>
      <dd>{status.mode === "model" ? "The model answers, grounded in the FAQ" : "FAQ only: no provider key is set"}</dd>
      <dt>Model</dt>
      <dd>
        <code>{status.model}</code>
      </dd>
      <dt>State</dt>
      <dd>
        <span class={`state ${failing ? "failing" : "healthy"}`}>{stateLabel(status)}</span>
        {status.since && ` since ${when(status.since)}`}
      </dd>
      <dt>Last answer from the model</dt>
      <dd>{status.lastAnswerAt ? when(status.lastAnswerAt) : "None yet"}</dd>
      {failing && (
        <>
          <dt>FAQ answers since the trouble began</dt>
          <dd>{status.fallbacksSince}</dd>
        </>
      )}
    </dl>
  );
}

export class ProviderPage extends Component<Props, State> {
  override state: State = { testing: false, error: "" };

  test = async (): Promise<void> => {
    this.setState({ testing: true, error: "" });
    try {
      const result = await adminApi.testProvider();
      this.setState({ testing: false, result });
      await this.props.onChanged();
    } catch (err) {
      const error = failureMessage(err, this.props.onUnauthorized);
      this.setState({ testing: false, ...(error === null ? {} : { error }) });
    }
  };

  override render({ status }: Props, { testing, result, error }: State) {
    return (
      <div class="provider-page">
        <h1>Provider</h1>
        <p class="muted">How the AI model provider is doing, as every chat found it.</p>
        {status === undefined ? (
          !error && <p aria-busy="true">Loading the provider's status…</p>
        ) : (
          <>
            <Facts status={status} />
            <p class={isFailing(status) ? "notice" : "muted"}>
              <Advice status={status} />
            </p>
          </>
        )}
        <section aria-labelledby="test-title">
          <h2 id="test-title">Test provider</h2>
          <p class="muted">
            One small request with the configured key and model, as a chat would make it. Run it right after rotating
            the key.
          </p>
          <button type="button" onClick={this.test} disabled={testing || status?.mode === "faq-only"}>
            {testing ? "Testing…" : "Test provider"}
          </button>
          {result && !testing && <TestOutcome result={result} />}
          <Feedback error={error} />
        </section>
        <section aria-labelledby="rotate-title">
          <h2 id="rotate-title">Rotating the key without a gap</h2>
          <ol class="steps">
            <li>Create a new key at the provider; keep the old one for now.</li>
            <li>
              Put the new one: <code>npx wrangler secret put OPENAI_API_KEY</code>. Answers under way finish with the
              old key; new chats use the new one.
            </li>
            <li>Press Test provider above.</li>
            <li>Revoke the old key at the provider.</li>
          </ol>
        </section>
      </div>
    );
  }
}
