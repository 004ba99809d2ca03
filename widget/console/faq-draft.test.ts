import { afterEach, describe, expect, it, vi } from "vitest";
import { clearDraft, draftEntry, PLACEHOLDER_ANSWER, saveDraft, savedDraft } from "./faq-draft";

const PUBLISHED = "Be kind.\n\n## Do you ship?\nYes.\n";

afterEach(() => {
  clearDraft();
  vi.unstubAllGlobals();
  location.hash = "";
});

describe("the FAQ draft", () => {
  it("survives as saved, and reads unreadable storage as no draft", () => {
    expect(savedDraft()).toBeNull();
    saveDraft({ content: "x", baseVersion: 3 });
    expect(savedDraft()).toEqual({ content: "x", baseVersion: 3 });
    localStorage.setItem("support-chat:admin-draft", "{broken");
    expect(savedDraft()).toBeNull();
  });

  it("adds an entry to the published FAQ when there is no draft, with its placeholder answer selected", async () => {
    const fetch = vi.fn(async () =>
      Response.json({ version: 7, content: PUBLISHED, updatedAt: "2026-12-01T00:00:00Z" }),
    );
    vi.stubGlobal("fetch", fetch);
    await draftEntry("  Do you   ship to Mars? ");
    expect(fetch).toHaveBeenCalledOnce();
    const draft = savedDraft();
    expect(draft?.baseVersion).toBe(7);
    expect(draft?.content).toBe(`${PUBLISHED.trimEnd()}\n\n## Do you ship to Mars?\n\n${PLACEHOLDER_ANSWER}\n`);
    expect(draft?.content.slice(draft.select?.start, draft.select?.end)).toBe(PLACEHOLDER_ANSWER);
    expect(draft?.select?.question).toBe("Do you ship to Mars?");
    expect(location.hash).toBe("#faq");
  });

  it("adds to the saved draft, and selects an entry the draft has rather than adding it twice", async () => {
    vi.stubGlobal("fetch", vi.fn());
    saveDraft({ content: `${PUBLISHED}\n## Do you roast daily?\nOn weekdays.\n`, baseVersion: 2 });
    await draftEntry("Do you roast daily?");
    const draft = savedDraft();
    expect(draft?.content.match(/## Do you roast daily\?/g)).toHaveLength(1);
    expect(draft?.select).toMatchObject({ existing: true, question: "Do you roast daily?" });
    expect(draft?.content.slice(draft.select?.start, draft.select?.end)).toBe("On weekdays.");
    expect(draft?.baseVersion).toBe(2);
  });
});
