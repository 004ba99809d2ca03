/**
 * Transcripts for the console (table `transcript_turns`, written only when
 * `LOG_CONVERSATIONS=true`): conversations listed, read and deleted. Deleting a conversation
 * also drops any question or answer text the insights kept of it.
 */
import type { Transcript, TranscriptSummary, TranscriptTurn } from "../protocol";

const LIST_MAX = 200;

/** Visitors appear as a short label of their hash: enough to tell conversations apart. */
const visitorLabel = (hash: string) => hash.slice(0, 8);

export async function listConversations(db: D1Database): Promise<TranscriptSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT conversation_id AS id, MIN(visitor_hash) AS visitor, MIN(created_at) AS startedAt,
              MAX(created_at) AS updatedAt, COUNT(*) AS turns,
              (SELECT question FROM transcript_turns f WHERE f.conversation_id = t.conversation_id ORDER BY f.id LIMIT 1)
                AS firstQuestion
       FROM transcript_turns t GROUP BY conversation_id ORDER BY updatedAt DESC LIMIT ?1`,
    )
    .bind(LIST_MAX)
    .all<TranscriptSummary>();
  return results.map((row) => ({ ...row, visitor: visitorLabel(row.visitor) }));
}

export async function readConversation(db: D1Database, id: string): Promise<Transcript | null> {
  const { results } = await db
    .prepare(
      `SELECT visitor_hash AS visitor, message_id AS messageId, question, answer, source, outcome, created_at AS at
       FROM transcript_turns WHERE conversation_id = ?1 ORDER BY id`,
    )
    .bind(id)
    .all<TranscriptTurn & { visitor: string }>();
  const first = results[0];
  if (!first) return null;
  return { id, visitor: visitorLabel(first.visitor), turns: results.map(({ visitor: _, ...turn }) => turn) };
}

/** Deletes one conversation; false when there was none. */
export async function deleteConversation(db: D1Database, id: string): Promise<boolean> {
  const [, deleted] = await db.batch([
    db
      .prepare(
        `UPDATE answers SET question = NULL, answer = NULL
         WHERE message_id IN (SELECT message_id FROM transcript_turns WHERE conversation_id = ?1)`,
      )
      .bind(id),
    db.prepare("DELETE FROM transcript_turns WHERE conversation_id = ?1").bind(id),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}

export async function deleteAllConversations(db: D1Database): Promise<void> {
  await db.batch([
    db.prepare(
      "UPDATE answers SET question = NULL, answer = NULL WHERE message_id IN (SELECT message_id FROM transcript_turns)",
    ),
    db.prepare("DELETE FROM transcript_turns"),
  ]);
}
