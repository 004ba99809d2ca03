/**
 * What the insight loop keeps of each answer (tables `answers` and `transcript_turns`, see
 * migration 0004, and `answer_sources`, migration 0008). Of an ordinary answer only its version,
 * source, the FAQ entries it cited and a fingerprint are kept; the question and answer text only
 * when the FAQ could not answer. Whole turns go to the transcript only when the operator turned
 * logging on.
 */
import type { SentAnswer } from "../chat/answer";
import { sha256Hex, visitorHash } from "../hashing";
import type { ChatMessage } from "../protocol";

export interface LoggedAnswer {
  visitorId: string;
  /** The published FAQ version that grounded the answer. */
  faqVersion: number;
  /** The conversation as the visitor sent it; its last message is the question answered. */
  messages: readonly ChatMessage[];
  sent: SentAnswer;
}

/**
 * SHA-256 of a question and its answer, salted with the site's secret: lets a rating quote them
 * back, verifiably, while nobody holding the table can test a guess of what was asked.
 */
export function fingerprintOf(salt: string, question: string, answer: string): Promise<string> {
  return sha256Hex(`${salt}\u0000${question}\u0000${answer}`, 32);
}

/** A conversation is the visitor and its first question: the widget resends the whole history. */
function conversationIdOf(visitorId: string, messages: readonly ChatMessage[]): Promise<string> {
  const first = messages.find((m) => m.role === "user")?.content ?? "";
  return sha256Hex(`conversation:${visitorId}:${first}`);
}

export async function logAnswer(
  db: D1Database,
  { visitorId, faqVersion, messages, sent }: LoggedAnswer,
  { transcripts, salt }: { transcripts: boolean; salt: string },
  now = new Date(),
): Promise<void> {
  const question = messages.at(-1)?.content ?? "";
  const visitor = await visitorHash(visitorId);
  const at = now.toISOString();
  const statements: D1PreparedStatement[] = [];
  if (sent.outcome === "done") {
    const kept = sent.unanswered ? [question, sent.text] : [null, null];
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
          await fingerprintOf(salt, question, sent.text),
          ...kept,
          at,
        ),
      // A rating that came in first gets the answer's version and source now.
      db
        .prepare(
          `UPDATE feedback SET faq_version = ?2, source = ?3
           WHERE message_id = ?1 AND visitor_hash = ?4 AND faq_version IS NULL`,
        )
        .bind(sent.messageId, faqVersion, sent.source, visitor),
      ...sent.sources.map((cited) =>
        db
          .prepare("INSERT INTO answer_sources (message_id, faq_version, title, created_at) VALUES (?1, ?2, ?3, ?4)")
          .bind(sent.messageId, faqVersion, cited.title, at),
      ),
    );
  }
  if (transcripts) {
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
          question,
          sent.text,
          sent.source,
          sent.outcome,
          at,
        ),
    );
  }
  if (statements.length > 0) await db.batch(statements);
}
