/**
 * What the widget remembers of a visitor's requests to the team (localStorage, key "handoff"):
 * while one is open or a reply unread, widget.js loads the panel at once, whose handoff chunk
 * badges the launcher (panel/handoff/replies.ts). Nobody else costs anything before opening.
 * The only module that touches this key; storage.ts keeps the rest.
 */
import { storageKey } from "./storage-key";

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

const key = (apiBase: string) => storageKey(apiBase, "handoff");
/** The name of a flag beside the record, set while someone waits: widget.js reads it without parsing. */
export const WAITING = "waiting";
const flag = (apiBase: string) => storageKey(apiBase, WAITING);

export function readRecord(apiBase: string): HandoffRecord | null {
  try {
    const record = JSON.parse(localStorage.getItem(key(apiBase)) ?? "null") as HandoffRecord | null;
    return Array.isArray(record?.open) ? record : null;
  } catch {
    return null;
  }
}

export function saveRecord(apiBase: string, record: HandoffRecord): void {
  try {
    localStorage.setItem(key(apiBase), JSON.stringify(record));
    if (waits(record)) localStorage.setItem(flag(apiBase), "1");
    else localStorage.removeItem(flag(apiBase));
  } catch {
    // Private mode or full storage: the badge waits for the panel to be opened.
  }
}

/** A request of this visitor is open, or a reply unread. */
export const waits = (record: HandoffRecord | null): record is HandoffRecord =>
  !!(record?.open.length || record?.unread);
