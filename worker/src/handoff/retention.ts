/**
 * The retention rule for handoffs, run daily with the insights' (index.ts `scheduled`): a request
 * and every message of it are deleted `TRANSCRIPT_RETENTION_DAYS` after its last message, open or
 * not, since it holds a visitor's email address.
 */
import { DAY_MS } from "../utc-day";

export async function purgeHandoffs(db: D1Database, retentionDays: number, now: number): Promise<number> {
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  const [, handoffs] = await db.batch([
    db
      .prepare("DELETE FROM handoff_messages WHERE handoff_id IN (SELECT id FROM handoffs WHERE updated_at < ?1)")
      .bind(cutoff),
    db.prepare("DELETE FROM handoffs WHERE updated_at < ?1").bind(cutoff),
  ]);
  return handoffs?.meta.changes ?? 0;
}
