/**
 * The retention rule, run daily by the Worker's cron trigger. Everything a visitor's requests
 * left in D1 is deleted once older than `TRANSCRIPT_RETENTION_DAYS`: transcripts, what the
 * insights keep of answers, and ratings, whose up and down votes are first added to the totals
 * per FAQ version (table `rating_totals`), so satisfaction per version outlives them. The daily
 * counters hold no visitor data and are kept for STATS_RETENTION_DAYS.
 */
import { DAY_MS, utcDayOf } from "../utc-day";

/** Days of daily counters kept: a year and a month, for year-on-year comparisons. */
export const STATS_RETENTION_DAYS = 400;

export interface Purged {
  transcriptTurns: number;
  answers: number;
  /** Ratings deleted, after their votes were added to the per-version totals. */
  ratings: number;
  statsDays: number;
}

export async function purgeExpired(db: D1Database, retentionDays: number, now: number): Promise<Purged> {
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  const [turns, , answers, , ratings, stats] = await db.batch([
    db.prepare("DELETE FROM transcript_turns WHERE created_at < ?1").bind(cutoff),
    db.prepare("DELETE FROM answer_sources WHERE created_at < ?1").bind(cutoff),
    db.prepare("DELETE FROM answers WHERE created_at < ?1").bind(cutoff),
    db
      .prepare(
        `INSERT INTO rating_totals (faq_version, up, down)
           SELECT faq_version, SUM(rating = 'up'), SUM(rating = 'down') FROM feedback
           WHERE created_at < ?1 AND faq_version IS NOT NULL GROUP BY faq_version
         ON CONFLICT (faq_version) DO UPDATE SET up = up + excluded.up, down = down + excluded.down`,
      )
      .bind(cutoff),
    db.prepare("DELETE FROM feedback WHERE created_at < ?1").bind(cutoff),
    db.prepare("DELETE FROM daily_stats WHERE day < ?1").bind(utcDayOf(now - STATS_RETENTION_DAYS * DAY_MS)),
  ]);
  return {
    transcriptTurns: turns?.meta.changes ?? 0,
    answers: answers?.meta.changes ?? 0,
    ratings: ratings?.meta.changes ?? 0,
    statsDays: stats?.meta.changes ?? 0,
  };
}
