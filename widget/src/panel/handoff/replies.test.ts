/** What a `GET /api/handoff` answer means for what the widget remembers. */
import { describe, expect, it } from "vitest";
import type { VisitorHandoff } from "../../../../worker/src/protocol";
import { withReplies } from "./replies";

const handoff = (id: string, status: VisitorHandoff["status"], replies: string[]): VisitorHandoff => ({
  handoffId: id,
  status,
  createdAt: "2025-12-03T09:00:00.000Z",
  message: "Hello?",
  replies: replies.map((at) => ({ text: `Reply at ${at}`, at })),
});

describe("withReplies", () => {
  const record = { open: ["a", "b"], checked: 5, seen: Date.parse("2025-12-03T10:00:00.000Z"), unread: 0 };

  it("counts the replies newer than the newest one seen, closed requests' too, and keeps what is open", () => {
    const latest = withReplies(record, [
      handoff("b", "closed", ["2025-12-03T11:00:00.000Z"]),
      handoff("a", "answered", ["2025-12-03T09:30:00.000Z", "2025-12-03T10:30:00.000Z"]),
    ]);
    expect(latest).toEqual({ ...record, open: ["a"], unread: 2 });
  });

  it("counts nothing once the newest reply is seen", () => {
    const seen = Date.parse("2025-12-03T11:00:00.000Z");
    expect(withReplies(record, [handoff("b", "closed", ["2025-12-03T11:00:00.000Z"])], seen)).toEqual({
      ...record,
      open: [],
      seen,
      unread: 0,
    });
  });
});
