/**
 * The FAQ editor: Markdown with a rendered preview, the expected shape, its size, a "Try it"
 * chat against the draft, and publishing with a note. The draft is kept in localStorage until
 * published, and when someone else published meanwhile, theirs is shown beside it: nothing typed
 * is ever lost.
 */
import { Component } from "preact";
import type { WidgetConfig } from "../../../worker/src/protocol";
import { renderMarkdown } from "../../src/panel/markdown";
import { AdminError, adminApi, previewTransport } from "../admin-api";
import { ChatPreview } from "../ChatPreview";
import { Diff } from "../Diff";
import { Feedback, failureMessage } from "../Feedback";

const DRAFT_KEY = "support-chat:admin-draft";
const MAX_CHARS = 200_000;

interface Draft {
  content: string;
  baseVersion: number;
}

interface State {
  loading: boolean;
  base?: { version: number; content: string };
  draft: string;
  note: string;
  tab: "edit" | "preview";
  status: string;
  error: string;
  conflict?: { version: number; content: string } | undefined;
  config?: WidgetConfig;
}

function savedDraft(): Draft | null {
  try {
    return JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "null") as Draft | null;
  } catch {
    return null;
  }
}

export class FaqPage extends Component<{ onUnauthorized: () => void }, State> {
  override state: State = { loading: true, draft: "", note: "", tab: "edit", status: "", error: "" };
  readonly #transport = previewTransport(() => this.state.draft);

  override async componentDidMount(): Promise<void> {
    try {
      const [latest, config] = await Promise.all([adminApi.faq(), adminApi.settings()]);
      const kept = savedDraft();
      const draft = kept && kept.content !== latest.content ? kept.content : latest.content;
      const base =
        kept && kept.content !== latest.content ? { version: kept.baseVersion, content: latest.content } : latest;
      this.setState({
        loading: false,
        base,
        draft,
        config,
        status: draft === latest.content ? "" : "Your unpublished draft was restored.",
      });
    } catch (err) {
      this.#fail(err);
    }
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ loading: false, error });
  }

  edit = (draft: string): void => {
    this.setState({ draft });
    if (this.state.base)
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ content: draft, baseVersion: this.state.base.version }));
  };

  publish = async (event: Event): Promise<void> => {
    event.preventDefault();
    const { base, draft, note, conflict } = this.state;
    if (!base) return;
    const baseVersion = conflict?.version ?? base.version;
    try {
      const { version } = await adminApi.publish(draft, baseVersion, note);
      localStorage.removeItem(DRAFT_KEY);
      this.setState({
        base: { version, content: draft },
        note: "",
        conflict: undefined,
        error: "",
        status: `Published version ${version}. New chats use it now.`,
      });
    } catch (err) {
      if (err instanceof AdminError && err.code === "version_conflict") {
        const theirs = await adminApi.faq();
        this.setState({ conflict: { version: theirs.version, content: theirs.content }, error: "", status: "" });
        return;
      }
      this.#fail(err);
    }
  };

  takeTheirs = (): void => {
    const { conflict } = this.state;
    if (!conflict) return;
    localStorage.removeItem(DRAFT_KEY);
    this.setState({
      base: conflict,
      draft: conflict.content,
      conflict: undefined,
      status: `Now editing version ${conflict.version}.`,
    });
  };

  override render() {
    const { loading, base, draft, note, tab, status, error, conflict, config } = this.state;
    if (loading) return <p aria-busy="true">Loading the FAQ…</p>;
    const size = new TextEncoder().encode(draft).length;
    const entries = draft.match(/^##\s+\S/gm)?.length ?? 0;
    return (
      <div class="faq-page">
        <section class="editor" aria-labelledby="faq-title">
          <h1 id="faq-title">FAQ {base && <span class="muted">· version {base.version}</span>}</h1>
          <p class="hint">
            Markdown: first a preamble of instructions (tone, escalation, contact), then one <code>## Question</code>{" "}
            heading per entry with its answer below.
          </p>
          <Feedback status={status} error={error} />
          {conflict && (
            <div class="conflict" role="alert">
              <h2>Someone published version {conflict.version} while you were editing</h2>
              <p>Your draft is safe. Compare, then publish yours on top of theirs, or continue from theirs.</p>
              <div class="side-by-side">
                <div>
                  <h3>Theirs (version {conflict.version})</h3>
                  <pre class="source">{conflict.content}</pre>
                </div>
                <div>
                  <h3>Changes from theirs to yours</h3>
                  <Diff before={conflict.content} after={draft} />
                </div>
              </div>
              <button type="button" class="quiet" onClick={this.takeTheirs}>
                Discard mine, edit theirs
              </button>
            </div>
          )}
          <fieldset class="tabs">
            <legend class="sr-only">Editor view</legend>
            <button type="button" aria-pressed={tab === "edit"} onClick={() => this.setState({ tab: "edit" })}>
              Edit
            </button>
            <button type="button" aria-pressed={tab === "preview"} onClick={() => this.setState({ tab: "preview" })}>
              Preview
            </button>
          </fieldset>
          {tab === "edit" ? (
            <textarea
              aria-label="FAQ (Markdown)"
              class="faq-source"
              value={draft}
              spellcheck
              onInput={(event) => this.edit(event.currentTarget.value)}
            />
          ) : (
            <div class="rendered">{renderMarkdown(draft)}</div>
          )}
          <p class={size > MAX_CHARS ? "error" : "muted"}>
            {entries} entries · {(size / 1024).toFixed(1)} KB of {MAX_CHARS / 1000} KB
          </p>
          <form class="publish" onSubmit={this.publish}>
            <label for="note">Note for this version</label>
            <input
              id="note"
              value={note}
              maxLength={200}
              placeholder="What changed?"
              onInput={(event) => this.setState({ note: event.currentTarget.value })}
            />
            <button
              type="submit"
              disabled={!draft.trim() || size > MAX_CHARS || (!conflict && draft === base?.content)}
            >
              {conflict ? `Publish mine on top of version ${conflict.version}` : "Publish"}
            </button>
          </form>
        </section>
        <section class="try" aria-labelledby="try-title">
          <h2 id="try-title">Try it</h2>
          <p class="muted">Answers come from your draft, not the published FAQ.</p>
          {config && <ChatPreview name="draft" config={config} transport={this.#transport} />}
        </section>
      </div>
    );
  }
}
