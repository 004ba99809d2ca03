/**
 * The only module that touches localStorage. Keys are scoped per API base, so two widgets (or two
 * deployments) on one site keep separate conversations. Storage that throws (private mode, quota)
 * degrades to an in-memory conversation.
 */
import type { AnswerSource, FeedbackRequest, WidgetConfig } from "../../../worker/src/protocol";

export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  /** Milliseconds since the epoch: orders messages merged from two tabs. */
  at: number;
  source?: AnswerSource;
  /** The server's id of an answer (for feedback). */
  messageId?: string;
  stopped?: boolean;
  /** The visitor's rating of this answer (undone if the server refused it). */
  rating?: Rating;
  /** Whether that rating (a thumbs-down) came with a comment. */
  commented?: boolean;
}

export type Rating = FeedbackRequest["rating"];

const PREFIX = "support-chat:v1:";

export class WidgetStorage {
  readonly #key: string;

  constructor(apiBase: string) {
    this.#key = `${PREFIX}${apiBase}:`;
  }

  get conversationKey(): string {
    return `${this.#key}conversation`;
  }

  visitorId(): string {
    const existing = this.#get("visitor");
    if (existing && /^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
    const id = crypto.randomUUID();
    this.#set("visitor", id);
    return id;
  }

  conversation(): StoredMessage[] {
    try {
      const parsed: unknown = JSON.parse(this.#get("conversation") ?? "[]");
      return Array.isArray(parsed) ? (parsed as StoredMessage[]) : [];
    } catch {
      return [];
    }
  }

  /** Saves `messages`, keeping what another tab saved meanwhile (merged by id, ordered by time). */
  saveConversation(messages: StoredMessage[], forget: ReadonlySet<string> = new Set()): StoredMessage[] {
    const byId = new Map(
      this.conversation()
        .filter((m) => !forget.has(m.id))
        .map((m) => [m.id, m]),
    );
    for (const message of messages) byId.set(message.id, message);
    const merged = [...byId.values()].sort((a, b) => a.at - b.at);
    this.#set("conversation", JSON.stringify(merged));
    return merged;
  }

  clearConversation(): void {
    this.#set("conversation", "[]");
  }

  cachedConfig(): Partial<WidgetConfig> {
    try {
      return JSON.parse(this.#get("config") ?? "{}") as Partial<WidgetConfig>;
    } catch {
      return {};
    }
  }

  cacheConfig(config: WidgetConfig): void {
    this.#set("config", JSON.stringify(config));
  }

  #get(name: string): string | null {
    try {
      return localStorage.getItem(this.#key + name);
    } catch {
      return null;
    }
  }

  #set(name: string, value: string): void {
    try {
      localStorage.setItem(this.#key + name, value);
    } catch {
      // Private mode or full storage: the conversation lives on in memory.
    }
  }
}
