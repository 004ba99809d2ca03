/** Visitors' ratings of answers, in D1 (table `feedback`). */
import type { FeedbackRequest } from "../protocol";

/** A visitor's widget id as stored: hashed, so feedback cannot be joined back to a browser. */
async function visitorHash(visitorId: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`visitor:${visitorId}`)),
  );
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function saveFeedback(db: D1Database, feedback: FeedbackRequest, now = new Date()): Promise<void> {
  await db
    .prepare("INSERT INTO feedback (message_id, visitor_hash, rating, comment, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(
      feedback.messageId,
      await visitorHash(feedback.visitorId),
      feedback.rating,
      feedback.comment?.trim() || null,
      now.toISOString(),
    )
    .run();
}
