/**
 * The retention rule, run daily by the Worker's cron trigger: transcripts, and what the insights
 * keep of answers, are deleted once older than `TRANSCRIPT_RETENTION_DAYS`; visitors' comments
 * and hashed ids are blanked then too. Ratings themselves (up or down, version, source) stay:
 * they say nothing of anyone and make the satisfaction per FAQ version.
 */
import { DAY_MS } from "../utc-day";

export interface Purged {
  transcriptTurns: number;
  answers: number;
  /** Ratings whose comment and hashed visitor id were blanked. */
  ratingsAnonymised: number;
}

export async function purgeExpired(db: D1Database, retentionDays: number, now: number): Promise<Purged> {
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  const [turns, , answers, ratings] = await db.batch([
    db.prepare("DELETE FROM transcript_turns WHERE created_at < ?1").bind(cutoff),
    db.prepare("DELETE FROM answer_sources WHERE created_at < ?1").bind(cutoff),
    db.prepare("DELETE FROM answers WHERE created_at < ?1").bind(cutoff),
    db
      .prepare(
        `UPDATE feedback SET comment = NULL, visitor_hash = ''
         WHERE created_at < ?1 AND (comment IS NOT NULL OR visitor_hash != '')`,
      )
      .bind(cutoff),
  ]);
  return {
    transcriptTurns: turns?.meta.changes ?? 0,
    answers: answers?.meta.changes ?? 0,
    ratingsAnonymised: ratings?.meta.changes ?? 0,
  };
}
