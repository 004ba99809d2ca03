/**
 * D1 writes gathered in this Worker instance and run together after a short pause: one round
 * trip for the writes of many requests, off every response's path. Writes still waiting when an
 * instance is torn down mid-flight are lost, so only what can afford that goes through here.
 */
import { pause } from "./pause";

interface Batch {
  statements: D1PreparedStatement[];
}

const batches = new WeakMap<D1Database, Batch>();

/**
 * Queues `statements` for `db`. The first write of a batch schedules the batch with `waitUntil`;
 * it runs `afterMs` later (or when tests hurry the pause).
 */
export function writeBehind(
  db: D1Database,
  statements: D1PreparedStatement[],
  waitUntil: (work: Promise<unknown>) => void,
  afterMs: number,
): void {
  if (statements.length === 0) return;
  const waiting = batches.get(db);
  if (waiting) {
    waiting.statements.push(...statements);
    return;
  }
  const batch: Batch = { statements: [...statements] };
  batches.set(db, batch);
  waitUntil(
    pause(afterMs)
      .then(() => {
        batches.delete(db);
        return db.batch(batch.statements);
      })
      .catch((err: unknown) => console.error(`writes lost: ${err instanceof Error ? err.message : String(err)}`)),
  );
}
