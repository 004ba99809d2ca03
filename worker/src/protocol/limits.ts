/**
 * Every number and name of the public surface that both sides must agree on, as plain values:
 * the Worker's schemas (protocol/*.ts) are built from them, and the widget and the console import
 * them by value without pulling Zod into their bundles. See docs/http-api.md.
 */

/** Messages in one chat request. */
export const MESSAGES_MAX = 50;
/** Characters (UTF-16 code units, as JavaScript counts them) in one message. */
export const CONTENT_MAX = 4000;
/** Bytes of a request body on the public API. */
export const BODY_BYTES_MAX = 64 * 1024;
/** Characters of a visitor's comment on an answer. */
export const FEEDBACK_COMMENT_MAX = 1000;

export const VISITOR_ID_MIN = 8;
export const VISITOR_ID_MAX = 64;
/** A visitor id: 8–64 letters, digits, `_` and `-` (the widget makes a UUID). */
export const VISITOR_ID = new RegExp(`^[A-Za-z0-9_-]{${VISITOR_ID_MIN},${VISITOR_ID_MAX}}$`);

/** Sizes of what a visitor or an operator may send. */
export const LIMITS = {
  visitorIdMin: VISITOR_ID_MIN,
  visitorIdMax: VISITOR_ID_MAX,
  messagesMax: MESSAGES_MAX,
  contentMax: CONTENT_MAX,
  bodyBytesMax: BODY_BYTES_MAX,
  /** Bytes of a request body on the operator API: a FAQ at its largest, JSON-escaped. */
  adminBodyBytesMax: 2 * 1024 * 1024,
  /**
   * Characters of a published FAQ: room for a help centre of 1,000+ entries (the evaluation FAQ's
   * 1,000 take 258,000). At most 1.5 MB of UTF-8, within D1's 2 MB per row.
   */
  faqCharsMax: 500_000,
  faqNoteMax: 200,
  feedbackCommentMax: FEEDBACK_COMMENT_MAX,
  /** The longest answer a rating may quote back (model answers are capped far below this). */
  feedbackAnswerMax: 16_000,
} as const;

/** Limits of the widget's settings (`PUT /api/admin/settings`). */
export const WIDGET_SETTINGS_LIMITS = {
  titleMax: 60,
  greetingMax: 500,
  suggestionsMax: 6,
  suggestionMax: 120,
  contactUrlMax: 500,
  timezoneMax: 64,
  /** A promise to reply within this many hours (a week at most). */
  replyTimeHoursMax: 168,
} as const;

/** The languages the widget speaks and the FAQ-only answers know. */
export const LANGUAGES = ["en", "es", "de"] as const;
export type Language = (typeof LANGUAGES)[number];
