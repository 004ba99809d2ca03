/**
 * The FAQ editor: Markdown with a rendered preview, the expected shape, its size, a "Try it"
 * chat against the draft, and publishing with a note. The draft is kept in localStorage until
 * published, and when someone else published meanwhile, theirs is shown beside it: nothing typed
 * is ever lost.
 */
import { Component, createRef } from "preact";
import {
  faqDelivery,
  PREAMBLE_TOKENS_MAX,
  RETRIEVED_TOKENS_MAX,
  WHOLE_FAQ_TOKENS_MAX,
} from "../../../worker/src/chat/faq-delivery";
import { estimateTokens } from "../../../worker/src/chat/tokens";
import { parseFaq } from "../../../worker/src/faq/parse-faq";
import type { EmbeddingStatus, WidgetConfig } from "../../../worker/src/protocol";
import { LIMITS } from "../../../worker/src/protocol/limits";
import { renderMarkdown } from "../../src/panel/markdown";
import { AdminError, adminApi, previewTransport } from "../admin-api";
import { ChatPreview } from "../ChatPreview";
import { Diff } from "../Diff";
import { Feedback, failureMessage } from "../Feedback";
import { clearDraft, type DraftSelection, saveDraft, savedDraft } from "../faq-draft";

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
  /** Whether the published version has embeddings for retrieval by meaning. */
  embeddings?: EmbeddingStatus;
}

/** What the operator should know of the published version's embeddings, if anything. */
function embeddingsNote(embeddings: EmbeddingStatus | undefined): string {
  switch (embeddings?.state) {
    case "ready":
      return ` Retrieval goes by meaning too (${embeddings.model}).`;
    case "pending":
      return " Its embeddings are being computed; meanwhile chats use keyword retrieval.";
    case "failed":
      return ` Its embeddings could not be computed (${embeddings.detail ?? "provider error"}): chats use keyword retrieval. Publish again to retry.`;
    default:
      return "";
  }
}

export class FaqPage extends Component<{ onUnauthorized: () => void }, State> {
  override state: State = { loading: true, draft: "", note: "", tab: "edit", status: "", error: "" };
  readonly #transport = previewTransport(() => this.state.draft);
  readonly #source = createRef<HTMLTextAreaElement>();

  override async componentDidMount(): Promise<void> {
    try {
      const [latest, config] = await Promise.all([adminApi.faq(), adminApi.settings()]);
      const kept = savedDraft();
      const restored = kept !== null && kept.content !== latest.content;
      const embeddings = latest.retrieval.embeddings;
      const draft = restored ? kept.content : latest.content;
      const base = restored ? { version: kept.baseVersion, content: latest.content } : latest;
      // A drafted entry to reveal; it may already be in the published FAQ, making the draft equal to it.
      const select = kept?.content === draft ? kept.select : undefined;
      if (kept?.select) saveDraft({ content: kept.content, baseVersion: kept.baseVersion });
      this.setState(
        {
          loading: false,
          base,
          draft,
          config,
          embeddings,
          status: select
            ? select.existing
              ? `Your draft already has an entry for “${select.question}”: its answer is selected.`
              : `Added a draft entry for “${select.question}”. Write its answer, then publish.`
            : restored
              ? "Your unpublished draft was restored."
              : "",
        },
        () => select && this.#reveal(select),
      );
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Selects a drafted entry's placeholder answer, scrolled into view, so that typing replaces it. */
  #reveal({ start, end }: DraftSelection): void {
    const area = this.#source.current;
    if (!area) return;
    // The textarea's scroll height with only the text up to the selection tells where it is.
    const { value } = area;
    area.value = value.slice(0, end);
    const offset = area.scrollHeight;
    area.value = value;
    area.focus({ preventScroll: true });
    area.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length));
    area.scrollTop = Math.max(0, offset - area.clientHeight / 2);
    area.scrollIntoView({ block: "center" });
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ loading: false, error });
  }

  edit = (draft: string): void => {
    this.setState({ draft });
    if (this.state.base) saveDraft({ content: draft, baseVersion: this.state.base.version });
  };

  publish = async (event: Event): Promise<void> => {
    event.preventDefault();
    const { base, draft, note, conflict } = this.state;
    if (!base) return;
    const baseVersion = conflict?.version ?? base.version;
    try {
      const { version, embeddings } = await adminApi.publish(draft, baseVersion, note);
      clearDraft();
      this.setState({
        base: { version, content: draft },
        note: "",
        conflict: undefined,
        error: "",
        embeddings,
        status: `Published version ${version}. New chats use it now.${embeddingsNote(embeddings)}`,
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
    clearDraft();
    this.setState({
      base: conflict,
      draft: conflict.content,
      conflict: undefined,
      status: `Now editing version ${conflict.version}.`,
    });
  };

  override render() {
    const { loading, base, draft, note, tab, status, error, conflict, config, embeddings } = this.state;
    if (loading) return <p aria-busy="true">Loading the FAQ…</p>;
    const size = draft.length;
    const entries = draft.match(/^##\s+\S/gm)?.length ?? 0;
    const delivery = faqDelivery(draft);
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
              ref={this.#source}
              aria-label="FAQ (Markdown)"
              class="faq-source"
              value={draft}
              spellcheck
              onInput={(event) => this.edit(event.currentTarget.value)}
            />
          ) : (
            <div class="rendered">{renderMarkdown(draft)}</div>
          )}
          <p class={size > LIMITS.faqCharsMax ? "error" : "muted"}>
            {entries} entries · {size.toLocaleString("en")} of {LIMITS.faqCharsMax.toLocaleString("en")} characters ·
            about {delivery.tokens.toLocaleString("en")} tokens
          </p>
          <p class="muted" data-testid="faq-delivery">
            {delivery.whole
              ? `Chats get this FAQ whole (up to ${WHOLE_FAQ_TOKENS_MAX.toLocaleString("en")} tokens), the same in every chat, so providers' prompt caching makes it cheaper.`
              : `Chats get this FAQ by retrieval: its preamble and the entries relevant to each conversation, up to ${RETRIEVED_TOKENS_MAX.toLocaleString("en")} tokens, so a chat costs the same however large it grows.`}
            {draft === base?.content && embeddingsNote(embeddings)}
            {!delivery.whole &&
              estimateTokens(parseFaq(draft).preamble) > PREAMBLE_TOKENS_MAX &&
              ` Its preamble is over ${PREAMBLE_TOKENS_MAX.toLocaleString("en")} tokens: chats get only its beginning. Move content into ## entries.`}
          </p>
          <form class="publish" onSubmit={this.publish}>
            <label for="note">Note for this version</label>
            <input
              id="note"
              value={note}
              maxLength={LIMITS.faqNoteMax}
              placeholder="What changed?"
              onInput={(event) => this.setState({ note: event.currentTarget.value })}
            />
            <button
              type="submit"
              disabled={!draft.trim() || size > LIMITS.faqCharsMax || (!conflict && draft === base?.content)}
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
