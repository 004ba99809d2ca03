/**
 * Visitors' ratings of answers, in D1 (table `feedback`). Only the visitor who got an answer
 * can rate it (others are answered alike, and ignored). A rating carries the FAQ version and
 * source of the answer it rates; a visitor's later rating of the same answer replaces their
 * earlier one. With a thumbs-down the widget may quote the question and the answer: they are
 * kept only if they match the answer's fingerprint, so nobody can plant text in the console.
 * A thumbs-up drops quoted text again. The visitor is kept only as a hash of their widget id.
 */
import type { Bindings } from "../env";
import { visitorHash } from "../hashing";
import type { AnswerSource, FeedbackRequest } from "../protocol";
import { fingerprintOf } from "./answer-log";

interface RatedAnswer {
  visitor_hash: string;
  faq_version: number;
  source: AnswerSource;
  fingerprint: string;
  unanswered: number;
}

export async function saveFeedback(
  env: Pick<Bindings, "DB" | "LIMITER">,
  feedback: FeedbackRequest,
  now = new Date(),
): Promise<void> {
  const db = env.DB;
  const visitor = await visitorHash(feedback.visitorId);
  const rated = await db
    .prepare("SELECT visitor_hash, faq_version, source, fingerprint, unanswered FROM answers WHERE message_id = ?1")
    .bind(feedback.messageId)
    .first<RatedAnswer>();
  if (rated && rated.visitor_hash !== visitor) return;
  const statements = [
    db.prepare("DELETE FROM feedback WHERE message_id = ?1 AND visitor_hash = ?2").bind(feedback.messageId, visitor),
    db
      .prepare(
        `INSERT INTO feedback (message_id, visitor_hash, rating, comment, created_at, faq_version, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(
        feedback.messageId,
        visitor,
        feedback.rating,
        feedback.comment?.trim() || null,
        now.toISOString(),
        rated?.faq_version ?? null,
        rated?.source ?? null,
      ),
  ];
  if (rated && feedback.rating === "down" && (await quotesMatch(env, feedback, rated.fingerprint))) {
    statements.push(
      db
        .prepare("UPDATE answers SET question = ?2, answer = ?3 WHERE message_id = ?1")
        .bind(feedback.messageId, feedback.question, feedback.answer),
    );
  } else if (rated && feedback.rating === "up" && !rated.unanswered) {
    statements.push(
      db.prepare("UPDATE answers SET question = NULL, answer = NULL WHERE message_id = ?1").bind(feedback.messageId),
    );
  }
  await db.batch(statements);
}

async function quotesMatch(
  env: Pick<Bindings, "LIMITER">,
  { question, answer }: FeedbackRequest,
  fingerprint: string,
): Promise<boolean> {
  if (question === undefined || answer === undefined) return false;
  return (await fingerprintOf(env, question, answer)) === fingerprint;
}
