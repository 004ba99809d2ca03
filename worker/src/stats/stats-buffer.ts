/**
 * Chats' counts, gathered in this Worker instance and written to D1 together every few seconds:
 * one D1 write costs more than a whole chat's own work, and a busy instance would otherwise make
 * one per chat. The write runs off the response path (`waitUntil`), so no visitor waits on it.
 * Counts not yet written when an instance is torn down mid-flight are lost, which a usage chart
 * can afford.
 */
import { pause } from "../pause";
import { utcDayOf } from "../utc-day";
import { addCounts, type ChatTally, countsOf, type DayCounts, writeCounts } from "./daily-stats";

/** How long counts gather before they are written. */
export const FLUSH_AFTER_MS = 3_000;

interface Buffer {
  days: Map<string, DayCounts>;
  /** A write is scheduled. */
  scheduled: boolean;
}

const buffers = new WeakMap<D1Database, Buffer>();

/** Counts a chat; the first one of a batch schedules the write with `waitUntil`. */
export function countChat(
  db: D1Database,
  tally: ChatTally,
  waitUntil: (work: Promise<unknown>) => void,
  now = new Date(),
): void {
  let buffer = buffers.get(db);
  if (!buffer) {
    buffer = { days: new Map(), scheduled: false };
    buffers.set(db, buffer);
  }
  const day = utcDayOf(now.getTime());
  const counted = buffer.days.get(day);
  const added = countsOf(tally, now);
  buffer.days.set(day, counted ? addCounts(counted, added) : added);
  if (!buffer.scheduled) {
    buffer.scheduled = true;
    waitUntil(scheduleWrite(db, buffer));
  }
}

async function scheduleWrite(db: D1Database, buffer: Buffer): Promise<void> {
  await pause(FLUSH_AFTER_MS);
  const days = buffer.days;
  buffer.days = new Map();
  buffer.scheduled = false;
  try {
    await writeCounts(db, days);
  } catch (err) {
    console.error(`stats not recorded: ${err instanceof Error ? err.message : String(err)}`);
  }
}
