/**
 * The FAQ editor's unpublished draft, kept in localStorage until published. Insights adds entries
 * to it ("Draft FAQ entry"), and the editor picks them up with the placeholder answer selected.
 */
import { adminApi } from "./admin-api";

const DRAFT_KEY = "support-chat:admin-draft";

/** The answer a drafted entry starts with, selected in the editor so that typing replaces it. */
export const PLACEHOLDER_ANSWER = "Write the answer here.";

/** Where a drafted entry's placeholder answer is, and the question it answers. */
export interface DraftSelection {
  start: number;
  end: number;
  question: string;
  /** The draft already had this entry: its answer is selected, nothing was added. */
  existing?: boolean;
}

export interface Draft {
  content: string;
  /** The published version the draft started from. */
  baseVersion: number;
  /** One-shot: set by `draftEntry`, cleared by the editor once it has selected the placeholder. */
  select?: DraftSelection;
}

/** The saved draft, or null when there is none (or it is unreadable). */
export function savedDraft(): Draft | null {
  try {
    return JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "null") as Draft | null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): void {
  localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
}

export function clearDraft(): void {
  localStorage.removeItem(DRAFT_KEY);
}

async function publishedAsDraft(): Promise<Draft> {
  const faq = await adminApi.faq();
  return { content: faq.content, baseVersion: faq.version };
}

/**
 * Appends a `## question` entry with a placeholder answer to the draft (or to the published FAQ
 * when there is no draft), saves it, and opens the editor on it. A question the draft already
 * has an entry for is not added twice: the editor opens on that entry's answer instead.
 */
export async function draftEntry(question: string): Promise<void> {
  const kept = savedDraft() ?? (await publishedAsDraft());
  const heading = question.replace(/\s+/g, " ").trim();
  const select = existingAnswer(kept.content, heading);
  if (select) {
    saveDraft({ ...kept, select });
  } else {
    const existing = kept.content.trimEnd();
    const before = `${existing ? `${existing}\n\n` : ""}## ${heading}\n\n`;
    saveDraft({
      content: `${before}${PLACEHOLDER_ANSWER}\n`,
      baseVersion: kept.baseVersion,
      select: { start: before.length, end: before.length + PLACEHOLDER_ANSWER.length, question: heading },
    });
  }
  location.hash = "faq";
}

/** Where the answer of the draft's `## heading` entry is, if it has one. */
function existingAnswer(content: string, heading: string): DraftSelection | null {
  let offset = 0;
  for (const line of content.split("\n")) {
    offset += line.length + 1;
    if (line.trimEnd() !== `## ${heading}`) continue;
    const start = offset + (/^\n*/.exec(content.slice(offset))?.[0].length ?? 0);
    const next = content.indexOf("\n## ", start);
    const answer = content.slice(start, next === -1 ? content.length : next).trimEnd();
    return { start, end: start + answer.length, question: heading, existing: true };
  }
  return null;
}
