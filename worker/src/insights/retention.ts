/**
 * The retention rule, run daily by the Worker's cron trigger: transcripts, and what the insights
 * keep of answers, are deleted once older than `TRANSCRIPT_RETENTION_DAYS`; visitors' comments
 * are blanked then too. Ratings themselves (up or down, version, source) stay: they hold no text
 * and make the satisfaction per FAQ version.
 */
import { DAY_MS } from "../utc-day";

export interface Purged {
  transcriptTurns: number;
  answers: number;
  comments: number;
}

export async function purgeExpired(db: D1Database, retentionDays: number, now: number): Promise<Purged> {
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  const [turns, answers, comments] = await db.batch([
    db.prepare("DELETE FROM transcript_turns WHERE created_at < ?1").bind(cutoff),
    db.prepare("DELETE FROM answers WHERE created_at < ?1").bind(cutoff),
    db.prepare("UPDATE feedback SET comment = NULL WHERE created_at < ?1 AND comment IS NOT NULL").bind(cutoff),
  ]);
  return {
    transcriptTurns: turns?.meta.changes ?? 0,
    answers: answers?.meta.changes ?? 0,
    comments: comments?.meta.changes ?? 0,
  };
}
