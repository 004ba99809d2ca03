/**
 * What the insight loop keeps of each answer (tables `answers` and `transcript_turns`, see
 * migration 0004, and `answer_sources`, migration 0008). Of an ordinary answer only its version,
 * source, the FAQ entries it cited and a fingerprint are kept; the question and answer text only
 * when the FAQ could not answer, clipped, and only while the visitor's network has texts left for
 * the day (storage-budget.ts). Whole turns go to the transcript only when the operator turned
 * logging on, clipped alike.
 */
import type { SentAnswer } from "../chat/answer";
import type { Bindings } from "../env";
import { sha256Hex, visitorHash } from "../hashing";
import type { ChatMessage } from "../protocol";
import { keyedHash } from "../site-secret";
import {
  clip,
  type MayKeep,
  STORED_ANSWER_MAX,
  STORED_QUESTION_MAX,
  STORED_TEXTS_PER_NETWORK_PER_DAY,
  TRANSCRIPT_TURNS_PER_NETWORK_PER_DAY,
} from "./storage-budget";

export interface LoggedAnswer {
  visitorId: string;
  /** The published FAQ version that grounded the answer. */
  faqVersion: number;
  /** The conversation as the visitor sent it; its last message is the question answered. */
  messages: readonly ChatMessage[];
  sent: SentAnswer;
}

/**
 * A keyed hash of a question and its answer, under the site's secret: lets a rating quote them
 * back, verifiably, while nobody holding the table can test a guess of what was asked.
 */
export function fingerprintOf(env: Pick<Bindings, "LIMITER">, question: string, answer: string): Promise<string> {
  return keyedHash(env, `answer\u0000${question}\u0000${answer}`, 32);
}

/** A conversation is the visitor and its first question: the widget resends the whole history. */
function conversationIdOf(visitorId: string, messages: readonly ChatMessage[]): Promise<string> {
  const first = messages.find((m) => m.role === "user")?.content ?? "";
  return sha256Hex(`conversation:${visitorId}:${first}`);
}

export interface LogPolicy {
  /** Keep whole turns as transcripts (`LOG_CONVERSATIONS=true`). */
  transcripts: boolean;
  /** Whether the visitor's network may leave one more text today. */
  mayKeep: MayKeep;
  /** Runs the log's statements; by default at once (the chat route batches them, see write-behind.ts). */
  write?: (statements: D1PreparedStatement[]) => Promise<void> | void;
}

/** How long an instance gathers answer logs before writing them together (ratings wait this long for theirs). */
export const LOG_AFTER_MS = 1_000;

export async function logAnswer(
  env: Pick<Bindings, "DB" | "LIMITER">,
  { visitorId, faqVersion, messages, sent }: LoggedAnswer,
  { transcripts, mayKeep, write = async (statements) => void (await env.DB.batch(statements)) }: LogPolicy,
  now = new Date(),
): Promise<void> {
  const db = env.DB;
  const question = messages.at(-1)?.content ?? "";
  const visitor = await visitorHash(visitorId);
  const at = now.toISOString();
  const statements: D1PreparedStatement[] = [];
  if (sent.outcome === "done") {
    const kept =
      sent.unanswered && (await mayKeep("text", STORED_TEXTS_PER_NETWORK_PER_DAY))
        ? [clip(question, STORED_QUESTION_MAX), clip(sent.text, STORED_ANSWER_MAX)]
        : [null, null];
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO answers
             (message_id, visitor_hash, faq_version, source, unanswered, fingerprint, question, answer, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
        )
        .bind(
          sent.messageId,
          visitor,
          faqVersion,
          sent.source,
          sent.unanswered ? 1 : 0,
          await fingerprintOf(env, question, sent.text),
          ...kept,
          at,
        ),
      ...sent.sources.map((cited) =>
        db
          .prepare("INSERT INTO answer_sources (message_id, faq_version, title, created_at) VALUES (?1, ?2, ?3, ?4)")
          .bind(sent.messageId, faqVersion, cited.title, at),
      ),
    );
  }
  if (transcripts && (await mayKeep("turn", TRANSCRIPT_TURNS_PER_NETWORK_PER_DAY))) {
    statements.push(
      db
        .prepare(
          `INSERT INTO transcript_turns
             (conversation_id, visitor_hash, message_id, question, answer, source, outcome, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
        )
        .bind(
          await conversationIdOf(visitorId, messages),
          visitor,
          sent.messageId,
          clip(question, STORED_QUESTION_MAX),
          clip(sent.text, STORED_ANSWER_MAX),
          sent.source,
          sent.outcome,
          at,
        ),
    );
  }
  if (statements.length > 0) await write(statements);
}
