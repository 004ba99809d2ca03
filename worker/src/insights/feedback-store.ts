/**
 * Visitors' ratings of answers, in D1 (table `feedback`). A visitor can rate only an answer they
 * were given: any other `messageId` is refused, so ratings cannot be made up to poison the
 * satisfaction figures or fill the table. A rating carries the FAQ version and source of the
 * answer it rates; a visitor's later rating of the same answer replaces their earlier one. With
 * a thumbs-down the widget may quote the question and the answer: they are kept, clipped, only if
 * they match the answer's fingerprint (so nobody can plant text in the console) and the network
 * has texts left for the day. A thumbs-up drops quoted text again. The visitor is kept only as a
 * hash of their widget id.
 */
import type { Bindings } from "../env";
import { ApiError } from "../errors";
import { visitorHash } from "../hashing";
import type { AnswerSource, FeedbackRequest } from "../protocol";
import { fingerprintOf, LOG_AFTER_MS } from "./answer-log";
import {
  clip,
  type MayKeep,
  STORED_ANSWER_MAX,
  STORED_COMMENT_MAX,
  STORED_QUESTION_MAX,
  STORED_TEXTS_PER_NETWORK_PER_DAY,
} from "./storage-budget";

interface RatedAnswer {
  visitor_hash: string;
  faq_version: number;
  source: AnswerSource;
  fingerprint: string;
  unanswered: number;
  question: string | null;
}

/**
 * An answer is logged within LOG_AFTER_MS of its end (answer-log.ts): a rating that beats the log
 * looks again after that, twice.
 */
const LOOK_AGAIN_AFTER_MS = [LOG_AFTER_MS / 2, LOG_AFTER_MS];

async function ratedAnswer(db: D1Database, messageId: string, visitor: string): Promise<RatedAnswer> {
  const find = () =>
    db
      .prepare(
        "SELECT visitor_hash, faq_version, source, fingerprint, unanswered, question FROM answers WHERE message_id = ?1",
      )
      .bind(messageId)
      .first<RatedAnswer>();
  let rated = await find();
  for (const wait of LOOK_AGAIN_AFTER_MS) {
    if (rated) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    rated = await find();
  }
  if (!rated || rated.visitor_hash !== visitor) {
    throw new ApiError(400, "invalid_request", "messageId: is not an answer this visitor was given");
  }
  return rated;
}

export async function saveFeedback(
  env: Pick<Bindings, "DB" | "LIMITER">,
  feedback: FeedbackRequest,
  mayKeep: MayKeep,
  now = new Date(),
): Promise<void> {
  const db = env.DB;
  const visitor = await visitorHash(feedback.visitorId);
  const rated = await ratedAnswer(db, feedback.messageId, visitor);
  const mayKeepText = () => mayKeep("text", STORED_TEXTS_PER_NETWORK_PER_DAY);
  const comment = feedback.comment?.trim() && (await mayKeepText()) ? clip(feedback.comment, STORED_COMMENT_MAX) : null;
  const statements = [
    db.prepare("DELETE FROM feedback WHERE message_id = ?1 AND visitor_hash = ?2").bind(feedback.messageId, visitor),
    db
      .prepare(
        `INSERT INTO feedback (message_id, visitor_hash, rating, comment, created_at, faq_version, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(feedback.messageId, visitor, feedback.rating, comment, now.toISOString(), rated.faq_version, rated.source),
  ];
  if (feedback.rating === "down" && rated.question === null && (await quotesMatch(env, feedback, rated.fingerprint))) {
    if (await mayKeepText()) {
      statements.push(
        db
          .prepare("UPDATE answers SET question = ?2, answer = ?3 WHERE message_id = ?1")
          .bind(
            feedback.messageId,
            clip(feedback.question ?? "", STORED_QUESTION_MAX),
            clip(feedback.answer ?? "", STORED_ANSWER_MAX),
          ),
      );
    }
  } else if (feedback.rating === "up" && !rated.unanswered) {
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
