/**
 * What the widget remembers of a visitor's requests to the team (localStorage, beside the
 * conversation): which are open, when a page load last asked for replies, the newest reply seen.
 * While a request is open or a reply unread, a flag tells widget.js to load the panel at once,
 * whose handoff chunk then badges the launcher (replies.ts). Nobody else costs anything.
 */
import type { WidgetStorage } from "../storage";

export interface HandoffRecord {
  /** This visitor's requests that are not closed: while there are some, page loads check for replies. */
  open: string[];
  /** When a page load last asked (ms since the epoch); 0 right after a request, so the next load asks. */
  checked: number;
  /** The time of the newest reply the visitor has seen in the panel (ms since the epoch). */
  seen: number;
  /** Replies newer than `seen`, as of the last check. */
  unread: number;
  /** What the visitor typed last time, to fill the form in again (their own browser only). */
  email?: string;
  name?: string;
}

/** The flag beside the record, set while someone waits; widget.js reads it (embed.ts) without parsing. */
const WAITING = "waiting";

export function readRecord(storage: WidgetStorage): HandoffRecord | null {
  try {
    const record = JSON.parse(localStorage.getItem(storage.key("handoff")) ?? "null") as HandoffRecord | null;
    return Array.isArray(record?.open) ? record : null;
  } catch {
    return null;
  }
}

export function saveRecord(storage: WidgetStorage, record: HandoffRecord): void {
  try {
    localStorage.setItem(storage.key("handoff"), JSON.stringify(record));
    if (waits(record)) localStorage.setItem(storage.key(WAITING), "1");
    else localStorage.removeItem(storage.key(WAITING));
  } catch {
    // Private mode or full storage: the badge waits for the panel to be opened.
  }
}

/** A request of this visitor is open, or a reply unread. */
export const waits = (record: HandoffRecord | null): record is HandoffRecord =>
  !!(record?.open.length || record?.unread);
