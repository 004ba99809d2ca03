/**
 * Settlements of ended answers, on their way to their network's Limiter. Rather than a call of
 * their own each, they ride along with the next admission to that network, or, if none comes, go
 * together after a short pause: a busy network costs one Durable Object call per chat, not two.
 * Until settled, an answer's reservation counts in full, which errs on the safe side.
 */
import { pause } from "../pause";
import type { Limiter, Settlement } from "./limiter";

/** How long settlements wait for an admission to ride with. */
export const SETTLE_AFTER_MS = 2_000;

interface Pending {
  stub: DurableObjectStub<Limiter>;
  items: Settlement[];
  scheduled: boolean;
}

const pending = new Map<string, Pending>();

/**
 * Queues a settlement for the Limiter `name`. The first of a batch returns the promise of the
 * batch's own call (for `waitUntil`); the others return at once.
 */
export function queueSettlement(name: string, stub: DurableObjectStub<Limiter>, item: Settlement): Promise<void> {
  let entry = pending.get(name);
  if (!entry) {
    entry = { stub, items: [], scheduled: false };
    pending.set(name, entry);
  }
  entry.items.push(item);
  if (entry.scheduled) return Promise.resolve();
  entry.scheduled = true;
  return pause(SETTLE_AFTER_MS).then(async () => {
    const items = takeSettlements(name);
    if (items.length > 0) await entry.stub.settleAll(items);
  });
}

/** Takes the settlements waiting for the Limiter `name`, to send them with an admission. */
export function takeSettlements(name: string): Settlement[] {
  const entry = pending.get(name);
  if (!entry) return [];
  pending.delete(name);
  return entry.items;
}
