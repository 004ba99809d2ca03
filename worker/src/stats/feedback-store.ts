/**
 * Visitors' ratings of answers, in D1 (table `feedback`). The visitor is kept only as a hash of
 * their widget id, so feedback cannot be joined back to a browser.
 */
import { sha256Hex } from "../hashing";
import type { FeedbackRequest } from "../protocol";

export async function saveFeedback(db: D1Database, feedback: FeedbackRequest, now = new Date()): Promise<void> {
  await db
    .prepare("INSERT INTO feedback (message_id, visitor_hash, rating, comment, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(
      feedback.messageId,
      await sha256Hex(`visitor:${feedback.visitorId}`),
      feedback.rating,
      feedback.comment?.trim() || null,
      now.toISOString(),
    )
    .run();
}
