/**
 * The only module that touches localStorage. Keys are scoped per API base, so two widgets (or two
 * deployments) on one site keep separate conversations. Storage that throws (private mode, quota)
 * degrades to an in-memory conversation.
 */
import type { AnswerSource, FeedbackRequest, Source, WidgetConfig } from "../../../worker/src/protocol";
import { VISITOR_ID } from "../../../worker/src/protocol/limits";

export interface StoredMessage {
  id: string;
  /** `operator`: a reply from the team; `handoff`: the note that a request went to the team. */
  role: "user" | "assistant" | "operator" | "handoff";
  content: string;
  /** Milliseconds since the epoch: orders messages merged from two tabs. */
  at: number;
  source?: AnswerSource;
  /** The FAQ entries the answer drew on, as its `done` event named them. */
  sources?: Source[];
  /** The server's id of an answer (for feedback). */
  messageId?: string;
  stopped?: boolean;
  /** Who wrote it, when not the assistant: "Reply from our team". */
  by?: string;
  /** The FAQ had no answer to this question: "Talk to a person" is offered right under it. */
  unanswered?: true | undefined;
  /** The visitor's rating of this answer (undone if the server refused it). */
  rating?: Rating;
  /** Whether that rating (a thumbs-down) came with a comment. */
  commented?: boolean;
}

export type Rating = FeedbackRequest["rating"];

/** Every key starts so, then the API base (widget.js reads one key of this form: embed.ts). */
const PREFIX = "support-chat:v1:";

function isMessage(value: unknown): value is StoredMessage {
  const m = value as Partial<StoredMessage> | null;
  return (
    typeof m?.id === "string" &&
    /^(user|assistant|operator|handoff)$/.test(m.role as string) &&
    typeof m.content === "string" &&
    typeof m.at === "number" &&
    (!m.sources || (Array.isArray(m.sources) && m.sources.every((s) => typeof s?.title === "string")))
  );
}

export class WidgetStorage {
  readonly #key: string;
  #visitor: string | undefined;

  constructor(apiBase: string) {
    this.#key = `${PREFIX}${apiBase}:`;
  }

  /** The localStorage key of `name` for this API base (the handoff chunk keeps its record so). */
  key(name: string): string {
    return this.#key + name;
  }

  get conversationKey(): string {
    return `${this.#key}conversation`;
  }

  /** This browser's visitor id, made once; kept in memory too, for when storage refuses it. */
  visitorId(): string {
    if (!this.#visitor) {
      const stored = this.#get("visitor");
      this.#visitor = stored && VISITOR_ID.test(stored) ? stored : crypto.randomUUID();
      this.#set("visitor", this.#visitor);
    }
    return this.#visitor;
  }

  /** The saved conversation; whatever in it is not a message (corrupt or foreign data) is dropped. */
  conversation(): StoredMessage[] {
    const parsed = this.#json("conversation");
    return Array.isArray(parsed) ? parsed.filter(isMessage) : [];
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

  /** The settings last fetched, if they look like settings. */
  cachedConfig(): Partial<WidgetConfig> {
    const config = this.#json("config") as Partial<WidgetConfig> | null;
    return Array.isArray(config?.suggestions) ? config : {};
  }

  cacheConfig(config: WidgetConfig): void {
    this.#set("config", JSON.stringify(config));
  }

  #json(name: string): unknown {
    try {
      return JSON.parse(this.#get(name) ?? "null");
    } catch {
      return null;
    }
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
