/**
 * The conversation and its one request in flight: sending, streaming, stopping, retrying. Plain
 * state with subscribers, so the components only render it. A visitor's message is never lost:
 * when a request fails it stays in the conversation, marked, with a one-click retry.
 */

import type { ChatMessage } from "../../../worker/src/protocol";
import { BODY_BYTES_MAX, CONTENT_MAX, MESSAGES_MAX } from "../../../worker/src/protocol/limits";
import type { Emit } from "../contract";
import { ChatError, type FeedbackSender, type Transport } from "./api";
import type { Rating, StoredMessage, WidgetStorage } from "./storage";

export type NoticeKind = "rate_limited" | "budget" | "offline" | "unavailable" | "cut" | "invalid";

export interface Notice {
  kind: NoticeKind;
  /** For rate limits: when a retry may succeed (ms since the epoch). */
  retryAt?: number;
}

export interface ChatState {
  messages: readonly StoredMessage[];
  /** The answer arriving right now, if any. */
  streaming: StoredMessage | null;
  notice: Notice | null;
  /** The last request left the oldest turns out to fit the size limit. */
  trimmed?: boolean;
}

/** Room in a request for everything but the messages (the visitor id, the JSON around them). */
const ENVELOPE_BYTES = 256;

/** `text` cut to CONTENT_MAX UTF-16 units, never between the two halves of a character. */
export function cut(text: string): string {
  const head = text.slice(0, CONTENT_MAX);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * The conversation as the API takes it: at most MESSAGES_MAX messages, each cut to CONTENT_MAX,
 * the oldest left out until the request fits BODY_BYTES_MAX (the newest, the visitor's, always
 * goes). `trimmed` says whether any were left out for size. The team's replies count as the
 * assistant's (the model then knows what the team said); the notes of requests to the team are
 * left out.
 */
export function turnsToSend(messages: readonly StoredMessage[]): { turns: ChatMessage[]; trimmed: boolean } {
  const turns = messages
    .filter((m) => m.content.trim() !== "" && m.role !== "handoff")
    .slice(-MESSAGES_MAX)
    .map(({ role, content }) => ({ role: role === "user" ? role : ("assistant" as const), content: cut(content) }));
  const sizes = turns.map((turn) => new TextEncoder().encode(JSON.stringify(turn)).length + 1);
  let total = sizes.reduce((sum, size) => sum + size, ENVELOPE_BYTES);
  let first = 0;
  while (first < turns.length - 1 && total > BODY_BYTES_MAX) total -= sizes[first++] ?? 0;
  return { turns: turns.slice(first), trimmed: first > 0 };
}

/** Error codes and the notice each one shows; any other failure is "cut" or "unavailable". */
const NOTICES: Record<string, NoticeKind> = {
  budget_exhausted: "budget",
  offline: "offline",
  invalid_request: "invalid",
  payload_too_large: "invalid",
};

function noticeFor({ code, retryAfter, partial }: ChatError): Notice {
  return code === "rate_limited"
    ? { kind: code, retryAt: Date.now() + (retryAfter ?? 10) * 1000 }
    : { kind: NOTICES[code] ?? (partial ? "cut" : "unavailable") };
}

/**
 * Messages as the chat API takes them: the team's replies count as the assistant's (the model
 * then knows what the team said), the notes of requests to the team are left out.
 */
export function turns(messages: readonly StoredMessage[]): ChatMessage[] {
  return messages
    .filter((m) => m.content.trim() !== "" && m.role !== "handoff")
    .slice(-MESSAGES_MAX)
    .map(({ role, content }) => ({
      role: role === "user" ? role : "assistant",
      content: content.slice(0, CONTENT_MAX),
    }));
}

export class ChatController {
  #state: ChatState;
  readonly #listeners = new Set<(state: ChatState) => void>();
  #abort: AbortController | null = null;
  /** Ids deleted in this tab, so a merge with storage does not bring them back. */
  readonly #forgotten = new Set<string>();

  constructor(
    private readonly storage: WidgetStorage,
    private readonly transport: Transport,
    private readonly emit: Emit,
    /** Where ratings go; without it (the console's previews) answers cannot be rated. */
    readonly feedback?: FeedbackSender,
  ) {
    this.#state = { messages: storage.conversation(), streaming: null, notice: null };
  }

  get state(): ChatState {
    return this.#state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get busy(): boolean {
    return this.#abort !== null;
  }

  /** Sends a visitor message; resolves when its answer is complete, rejects if it fails. */
  async send(text: string): Promise<void> {
    const content = cut(text.trim());
    if (!content || this.busy) return;
    this.#commit([{ id: crypto.randomUUID(), role: "user", content, at: Date.now() }], { notice: null });
    await this.#answer();
  }

  /** Asks again for the last visitor message, dropping a cut-off answer to it. */
  async retry(): Promise<void> {
    if (this.busy) return;
    const messages = this.#state.messages;
    const lastUser = messages.findLastIndex((m) => m.role === "user");
    if (lastUser === -1) return;
    for (const dropped of messages.slice(lastUser + 1)) this.#forgotten.add(dropped.id);
    this.#update({ messages: messages.slice(0, lastUser + 1), notice: null });
    this.#persist();
    await this.#answer();
  }

  /** Stops the answer in progress; what arrived so far stays, marked as stopped. */
  stop(): void {
    this.#abort?.abort();
  }

  /**
   * Rates an answer, saved at once; a thumbs-down quotes the question and the answer exactly as
   * they were sent and received. If the server does not take the rating, it is undone and this
   * rejects.
   */
  async rate(id: string, rating: Rating, comment?: string): Promise<void> {
    const messages = this.#state.messages;
    const index = messages.findIndex((m) => m.id === id);
    const message = messages[index];
    if (!this.feedback || !message?.messageId) return;
    const rated = { ...message, rating, commented: !!comment };
    this.#replace(message, rated);
    try {
      await this.feedback({
        messageId: message.messageId,
        rating,
        comment,
        ...(rating === "down" && { question: messages[index - 1]?.content, answer: message.content }),
      });
    } catch (error) {
      this.#replace(rated, message);
      throw error;
    }
  }

  reset(): void {
    this.stop();
    for (const message of this.#state.messages) this.#forgotten.add(message.id);
    this.storage.clearConversation();
    this.#update({ messages: [], streaming: null, notice: null });
  }

  /** Takes up what another tab saved, unless an answer is arriving here. */
  syncFromStorage(): void {
    if (!this.busy) this.#update({ messages: this.storage.conversation().filter((m) => !this.#forgotten.has(m.id)) });
  }

  async #answer(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const answer: StoredMessage = { id: crypto.randomUUID(), role: "assistant", content: "", at: Date.now() };
    this.#update({ streaming: answer });
    try {
      const { turns, trimmed } = turnsToSend(this.#state.messages);
      this.#update({ trimmed });
      const done = await this.transport(turns, abort.signal, {
        onDelta: (text) => {
          answer.content += text;
          this.#update({ streaming: { ...answer } });
        },
      });
      this.#abort = null;
      const sources = done.sources?.length ? { sources: done.sources } : {};
      this.#commit(
        [{ ...answer, source: done.source, messageId: done.messageId, unanswered: done.unanswered, ...sources }],
        { streaming: null },
      );
      this.emit("message", { role: "assistant", content: answer.content });
    } catch (error) {
      this.#abort = null;
      if (abort.signal.aborted) {
        this.#commit(answer.content ? [{ ...answer, stopped: true }] : [], { streaming: null });
        return;
      }
      const failure = error instanceof ChatError ? error : new ChatError("unknown", String(error));
      this.#commit(answer.content ? [{ ...answer, stopped: true }] : [], {
        streaming: null,
        notice: noticeFor(failure),
      });
      this.emit("error", { code: failure.code, message: failure.message });
      throw failure;
    }
  }

  /** The conversation as the API takes it (see `turnsToSend`). */
  turns(): ChatMessage[] {
    return turnsToSend(this.#state.messages).turns;
  }

  /** Puts `next` in place of `current`, unless that was replaced meanwhile (a later rating, another tab). */
  #replace(current: StoredMessage, next: StoredMessage): void {
    this.#update({ messages: this.#state.messages.map((m) => (m === current ? next : m)) });
    this.#persist();
  }

  #commit(added: StoredMessage[], changes: Partial<ChatState>): void {
    this.#update({ ...changes, messages: [...this.#state.messages, ...added] });
    this.#persist();
  }

  #persist(): void {
    const merged = this.storage.saveConversation([...this.#state.messages], this.#forgotten);
    if (merged.length !== this.#state.messages.length) this.#update({ messages: merged });
  }

  #update(changes: Partial<ChatState>): void {
    this.#state = { ...this.#state, ...changes };
    for (const listener of this.#listeners) listener(this.#state);
  }
}
