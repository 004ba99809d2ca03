/** The widget's settings, with the real chat panel as a live preview. */
import { Component } from "preact";
import type { WidgetConfig } from "../../../worker/src/protocol";
import { WIDGET_SETTINGS_LIMITS as LIMITS } from "../../../worker/src/protocol/limits";
import type { Transport } from "../../src/panel/api";
import { adminApi } from "../admin-api";
import { ChatPreview } from "../ChatPreview";
import { Feedback, failureMessage } from "../Feedback";
import { HandoffSettings } from "../settings/HandoffSettings";

interface State {
  settings?: WidgetConfig;
  /** The suggestions box as typed (blank lines included), turned into the list as you go. */
  suggestionsText: string;
  status: string;
  error: string;
}

/** The preview shows the look; it answers with a reminder instead of calling anything. */
const lookOnly: Transport = async (_, __, { onDelta }) => {
  onDelta("This is a preview of the look. Try questions on the FAQ page.");
  return {
    messageId: "preview",
    finishReason: "stop",
    source: "faq",
    usage: { promptTokens: 0, completionTokens: 0 },
    sources: [],
  };
};

export class SettingsPage extends Component<{ onUnauthorized: () => void }, State> {
  override state: State = { suggestionsText: "", status: "", error: "" };

  override async componentDidMount(): Promise<void> {
    try {
      const settings = await adminApi.settings();
      this.setState({ settings, suggestionsText: settings.suggestions.join("\n") });
    } catch (err) {
      this.#fail(err);
    }
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ error, status: "" });
  }

  change = (patch: Partial<WidgetConfig>): void => {
    if (this.state.settings) this.setState({ settings: { ...this.state.settings, ...patch }, status: "" });
  };

  save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!this.state.settings) return;
    try {
      await adminApi.saveSettings(this.state.settings);
      this.setState({ status: "Saved. Visitors see the new settings within a minute.", error: "" });
    } catch (err) {
      this.#fail(err);
    }
  };

  override render() {
    const { settings, status, error } = this.state;
    if (!settings)
      return error ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : (
        <p aria-busy="true">Loading settings…</p>
      );
    return (
      <div class="settings-page">
        <form class="settings" onSubmit={this.save} aria-labelledby="settings-title">
          <h1 id="settings-title">Settings</h1>
          <label for="title">Title</label>
          <input
            id="title"
            value={settings.title}
            maxLength={LIMITS.titleMax}
            required
            onInput={(e) => this.change({ title: e.currentTarget.value })}
          />
          <label for="greeting">Greeting</label>
          <textarea
            id="greeting"
            value={settings.greeting}
            maxLength={LIMITS.greetingMax}
            rows={3}
            onInput={(e) => this.change({ greeting: e.currentTarget.value })}
          />
          <label for="suggestions">Suggested questions (one a line, up to {LIMITS.suggestionsMax})</label>
          <textarea
            id="suggestions"
            rows={4}
            value={this.state.suggestionsText}
            onInput={(e) => {
              const text = e.currentTarget.value;
              this.setState({ suggestionsText: text });
              this.change({
                suggestions: text
                  .split("\n")
                  .map((line) => line.trim())
                  .filter(Boolean)
                  .slice(0, LIMITS.suggestionsMax),
              });
            }}
          />
          <label for="color">Color</label>
          <input
            id="color"
            type="color"
            value={settings.color}
            onInput={(e) => this.change({ color: e.currentTarget.value })}
          />
          <fieldset>
            <legend>Position</legend>
            {(["right", "left"] as const).map((position) => (
              <label key={position} class="inline">
                <input
                  type="radio"
                  name="position"
                  value={position}
                  checked={settings.position === position}
                  onChange={() => this.change({ position })}
                />
                {position === "right" ? "Bottom right" : "Bottom left"}
              </label>
            ))}
          </fieldset>
          <label for="contact">Contact URL (https:, mailto: or tel:)</label>
          <input
            id="contact"
            type="url"
            value={settings.contactUrl ?? ""}
            maxLength={LIMITS.contactUrlMax}
            placeholder="mailto:support@example.com"
            onInput={(e) => this.change({ contactUrl: e.currentTarget.value.trim() || null })}
          />
          <HandoffSettings settings={settings} onChange={this.change} />
          <button type="submit">Save settings</button>
          <Feedback status={status} error={error} />
        </form>
        <section class="try" aria-labelledby="look-title">
          <h2 id="look-title">How visitors see it</h2>
          <ChatPreview name="look" config={settings} transport={lookOnly} />
        </section>
      </div>
    );
  }
}
