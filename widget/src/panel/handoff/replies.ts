/**
 * The team's replies, for a visitor who asked for a person. When the page loads (at most once
 * every five minutes), one `GET /api/handoff` finds replies the visitor has not seen, and the
 * launcher says so: "Open support chat, 1 new reply", with a badge. While the panel is open, the
 * same request runs on opening and every minute after; new replies join the conversation as the
 * team's messages, and the badge goes.
 */
import type { VisitorHandoff } from "../../../../worker/src/protocol";
import { HANDOFF_CHECK_INTERVAL_MS } from "../../../../worker/src/protocol/handoff-limits";
import type { StoredMessage } from "../storage";
import type { HandoffContext } from "./context";
import { fetchHandoffs } from "./handoff-api";
import { type HandoffRecord, readRecord, saveRecord, waits } from "./record";
import type { HandoffStrings } from "./strings";

const POLL_MS = 60_000;

/** What the latest answer means for the record, given the newest reply the visitor has seen. */
export function withReplies(record: HandoffRecord, handoffs: VisitorHandoff[], seen = record.seen): HandoffRecord {
  return {
    ...record,
    open: handoffs.filter((h) => h.status !== "closed").map((h) => h.handoffId),
    seen,
    unread: handoffs.flatMap((h) => h.replies).filter((reply) => Date.parse(reply.at) > seen).length,
  };
}

/** The launcher's name and badge, for `unread` replies. */
function badge({ launcher }: HandoffContext, strings: HandoffStrings, name: string, unread: number): void {
  launcher.setAttribute("aria-label", unread ? strings.unread(name, unread) : name);
  if (unread) launcher.setAttribute("data-unread", String(unread));
  else launcher.removeAttribute("data-unread");
}

/** Reads the replies and takes the unseen ones into the conversation; the panel is open. */
async function syncReplies(
  context: HandoffContext,
  strings: HandoffStrings,
  show: (unread: number) => void,
): Promise<void> {
  const { options, storage, chat } = context;
  if (!waits(readRecord(storage))) return;
  const handoffs = await fetchHandoffs(options.api, storage.visitorId());
  const record = readRecord(storage);
  if (!record) return;
  // Unseen: newer than the newest reply seen, on the Worker's clock (never the visitor's).
  const fresh: StoredMessage[] = handoffs
    .flatMap((handoff) =>
      handoff.replies.map((reply, i) => ({
        id: `team:${handoff.handoffId}:${i}`,
        role: "operator" as const,
        content: reply.text,
        by: strings.fromTeam,
        at: Date.parse(reply.at),
      })),
    )
    .filter((reply) => reply.at > record.seen);
  if (fresh.length > 0) {
    storage.saveConversation(fresh);
    chat.syncFromStorage();
  }
  saveRecord(storage, withReplies(record, handoffs, Math.max(record.seen, ...fresh.map((m) => m.at))));
  show(0);
}

/** The check when a page loads, with the panel closed: the launcher's badge, nothing more. */
async function checkOnLoad({ options, storage }: HandoffContext, show: (unread: number) => void): Promise<void> {
  const record = readRecord(storage);
  if (!waits(record)) return;
  show(record.unread);
  if (!record.open.length || Date.now() - record.checked < HANDOFF_CHECK_INTERVAL_MS) return;
  saveRecord(storage, { ...record, checked: Date.now() });
  const handoffs = await fetchHandoffs(options.api, storage.visitorId());
  const latest = withReplies(readRecord(storage) ?? record, handoffs);
  saveRecord(storage, latest);
  show(latest.unread);
}

/** Badges the launcher now, then follows the panel: replies are read while it is open. */
export function watchReplies(context: HandoffContext, strings: HandoffStrings): void {
  const name = context.launcher.getAttribute("aria-label") ?? "";
  const show = (unread: number) => badge(context, strings, name, unread);
  let timer: ReturnType<typeof setInterval> | undefined;
  const sync = () => {
    // A single-page app destroyed the widget: stop asking.
    if (!context.shadow.host.isConnected) return clearInterval(timer);
    void syncReplies(context, strings, show).catch(() => undefined);
  };
  const follow = (open: boolean) => {
    clearInterval(timer);
    if (!open) return;
    sync();
    timer = setInterval(sync, POLL_MS);
  };
  context.view.subscribe(follow);
  if (context.view.open) follow(true);
  else void checkOnLoad(context, show).catch(() => undefined);
}
