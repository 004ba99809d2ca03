/**
 * Handoffs in D1 (tables `handoffs` and `handoff_messages`, migration 0007): a visitor's requests
 * and follow-ups, under an hourly cap that each write checks in the same statement that inserts,
 * so concurrent requests cannot slip past it; the team's replies; and the operator's inbox.
 */

import { toHex } from "../hashing";
import type {
  ChatMessage,
  HandoffDetail,
  HandoffMessage,
  HandoffReply,
  HandoffStatus,
  HandoffSummary,
  VisitorHandoff,
} from "../protocol";
import { HANDOFF_LIMITS } from "../protocol";

const HOUR_MS = 60 * 60 * 1000;
const INBOX_MAX = 200;
const VISITOR_MAX = 20;

/** A visitor's message to the team, ready to store. */
export interface VisitorMessage {
  visitorHash: string;
  email: string;
  name: string | null;
  message: string;
  transcript: ChatMessage[];
  /** A follow-up to this request, if it is the visitor's own and still open. */
  handoffId?: string | undefined;
}

export type Stored = { ok: true; handoffId: string; created: boolean } | { ok: false; retryAfterSeconds: number };

export function newHandoffId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(12)));
}

/** The visitor's messages of the last hour, if fewer than the cap: the condition of every insert. */
const UNDER_CAP = `(SELECT COUNT(*) FROM handoff_messages
  WHERE visitor_hash = ?2 AND author = 'visitor' AND created_at > ?5) < ${HANDOFF_LIMITS.perHour}`;

/**
 * Stores a visitor's message: a follow-up to their own request when `handoffId` names one that is
 * not closed, else a new request. Refused when the visitor already sent `perHour` in the last hour.
 */
export async function storeVisitorMessage(db: D1Database, input: VisitorMessage, now = Date.now()): Promise<Stored> {
  const at = new Date(now).toISOString();
  const windowStart = new Date(now - HOUR_MS).toISOString();
  if (input.handoffId) {
    const [followUp] = await db.batch([
      db
        .prepare(
          `INSERT INTO handoff_messages (handoff_id, visitor_hash, author, text, via, created_at)
           SELECT id, visitor_hash, 'visitor', ?3, 'widget', ?4 FROM handoffs
           WHERE id = ?1 AND visitor_hash = ?2 AND status != 'closed' AND ${UNDER_CAP}`,
        )
        .bind(input.handoffId, input.visitorHash, input.message, at, windowStart),
      db
        .prepare(
          `UPDATE handoffs SET status = 'open', updated_at = ?2 WHERE id = ?1
           AND EXISTS (SELECT 1 FROM handoff_messages WHERE handoff_id = ?1 AND author = 'visitor' AND created_at = ?2)`,
        )
        .bind(input.handoffId, at),
    ]);
    if ((followUp?.meta.changes ?? 0) > 0) return { ok: true, handoffId: input.handoffId, created: false };
  }
  const handoffId = newHandoffId();
  const [created] = await db.batch([
    db
      .prepare(
        `INSERT INTO handoffs (id, visitor_hash, email, name, transcript, status, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?6, 'open', ?7, ?7 WHERE ${UNDER_CAP}`,
      )
      .bind(handoffId, input.visitorHash, input.email, input.name, windowStart, JSON.stringify(input.transcript), at),
    db
      .prepare(
        `INSERT INTO handoff_messages (handoff_id, visitor_hash, author, text, via, created_at)
         SELECT id, visitor_hash, 'visitor', ?2, 'widget', ?3 FROM handoffs WHERE id = ?1`,
      )
      .bind(handoffId, input.message, at),
  ]);
  if ((created?.meta.changes ?? 0) > 0) return { ok: true, handoffId, created: true };
  return { ok: false, retryAfterSeconds: await secondsUntilUnderCap(db, input.visitorHash, windowStart, now) };
}

/** When the oldest message that keeps the visitor at the cap leaves the hour. */
async function secondsUntilUnderCap(db: D1Database, visitorHash: string, windowStart: string, now: number) {
  const row = await db
    .prepare(
      `SELECT created_at AS at FROM handoff_messages
       WHERE visitor_hash = ?1 AND author = 'visitor' AND created_at > ?2
       ORDER BY created_at DESC LIMIT 1 OFFSET ?3`,
    )
    .bind(visitorHash, windowStart, HANDOFF_LIMITS.perHour - 1)
    .first<{ at: string }>();
  const freedAt = row ? Date.parse(row.at) + HOUR_MS : now + 1000;
  return Math.max(1, Math.ceil((freedAt - now) / 1000));
}

interface SummaryRow {
  id: string;
  status: HandoffStatus;
  created_at: string;
  updated_at: string;
  email: string;
  name: string | null;
  message: string | null;
  replies: string;
  unread: number;
}

const SUMMARY_COLUMNS = `h.id, h.status, h.created_at, h.updated_at, h.email, h.name,
  (SELECT text FROM handoff_messages m WHERE m.handoff_id = h.id AND m.author = 'visitor' ORDER BY m.id LIMIT 1) AS message,
  (SELECT json_group_array(json_object('text', text, 'at', created_at)) FROM
    (SELECT text, created_at FROM handoff_messages m WHERE m.handoff_id = h.id AND m.author = 'team' ORDER BY m.id)) AS replies,
  (h.status != 'closed' AND EXISTS (SELECT 1 FROM handoff_messages m WHERE m.handoff_id = h.id
    AND m.author = 'visitor' AND m.created_at > COALESCE(h.operator_seen_at, ''))) AS unread`;

function summary(row: SummaryRow): HandoffSummary {
  return {
    handoffId: row.id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    email: row.email,
    name: row.name,
    message: row.message ?? "",
    replies: JSON.parse(row.replies) as HandoffReply[],
    unread: row.unread === 1,
  };
}

/** A visitor's own requests, newest first. */
export async function visitorHandoffs(db: D1Database, visitorHash: string): Promise<VisitorHandoff[]> {
  const { results } = await db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM handoffs h WHERE h.visitor_hash = ?1 ORDER BY h.created_at DESC LIMIT ?2`)
    .bind(visitorHash, VISITOR_MAX)
    .all<SummaryRow>();
  return results.map((row) => {
    const { handoffId, status, createdAt, message, replies } = summary(row);
    return { handoffId, status, createdAt, message, replies };
  });
}

/** The operator's inbox, newest first. */
export async function inbox(db: D1Database): Promise<HandoffSummary[]> {
  const { results } = await db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM handoffs h ORDER BY h.created_at DESC LIMIT ?1`)
    .bind(INBOX_MAX)
    .all<SummaryRow>();
  return results.map(summary);
}

/** One request, whole; marks it seen by the operator when `seenAt` is given. */
export async function handoffDetail(db: D1Database, id: string, seenAt?: number): Promise<HandoffDetail | null> {
  const [head, messages] = await db.batch<SummaryRow & { transcript: string } & MessageRow>([
    db.prepare(`SELECT ${SUMMARY_COLUMNS}, h.transcript FROM handoffs h WHERE h.id = ?1`).bind(id),
    db.prepare("SELECT author, text, via, created_at FROM handoff_messages WHERE handoff_id = ?1 ORDER BY id").bind(id),
  ]);
  const row = head?.results[0];
  if (!row) return null;
  if (seenAt !== undefined) {
    await db
      .prepare("UPDATE handoffs SET operator_seen_at = ?2 WHERE id = ?1")
      .bind(id, new Date(seenAt).toISOString())
      .run();
  }
  return {
    ...summary(row),
    ...(seenAt !== undefined && { unread: false }),
    messages: (messages?.results ?? []).map(message),
    transcript: JSON.parse(row.transcript) as ChatMessage[],
  };
}

interface MessageRow {
  author: "visitor" | "team";
  text: string;
  via: HandoffMessage["via"];
  created_at: string;
}

const message = (row: MessageRow): HandoffMessage => ({
  from: row.author,
  text: row.text,
  at: row.created_at,
  via: row.via,
});

/** Stores the team's reply; the request becomes `answered`. Null when there is no such request. */
export async function storeReply(
  db: D1Database,
  id: string,
  text: string,
  via: "console" | "email",
  now = Date.now(),
): Promise<HandoffReply | null> {
  const at = new Date(now).toISOString();
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO handoff_messages (handoff_id, visitor_hash, author, text, via, created_at)
         SELECT id, visitor_hash, 'team', ?2, ?3, ?4 FROM handoffs WHERE id = ?1`,
      )
      .bind(id, text, via, at),
    db.prepare("UPDATE handoffs SET status = 'answered', updated_at = ?2 WHERE id = ?1").bind(id, at),
  ]);
  return (inserted?.meta.changes ?? 0) > 0 ? { text, at } : null;
}

/** Closes a request; false when there is none. */
export async function closeHandoff(db: D1Database, id: string): Promise<boolean> {
  const result = await db.prepare("UPDATE handoffs SET status = 'closed' WHERE id = ?1").bind(id).run();
  return result.meta.changes > 0;
}

/** Deletes a request and every message of it; false when there was none. */
export async function deleteHandoff(db: D1Database, id: string): Promise<boolean> {
  const [, deleted] = await db.batch([
    db.prepare("DELETE FROM handoff_messages WHERE handoff_id = ?1").bind(id),
    db.prepare("DELETE FROM handoffs WHERE id = ?1").bind(id),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}

/** What a notification needs to know of a request. */
export interface HandoffContact {
  id: string;
  email: string;
  name: string | null;
  /** The request's first message. */
  message: string;
  transcript: ChatMessage[];
}

export async function handoffContact(db: D1Database, id: string): Promise<HandoffContact | null> {
  const row = await db
    .prepare(
      `SELECT h.id, h.email, h.name, h.transcript,
        (SELECT text FROM handoff_messages m WHERE m.handoff_id = h.id AND m.author = 'visitor' ORDER BY m.id LIMIT 1) AS message
       FROM handoffs h WHERE h.id = ?1`,
    )
    .bind(id)
    .first<{ id: string; email: string; name: string | null; transcript: string; message: string | null }>();
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    message: row.message ?? "",
    transcript: JSON.parse(row.transcript) as ChatMessage[],
  };
}
