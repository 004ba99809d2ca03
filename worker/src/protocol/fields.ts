/** Building blocks of the schemas: error messages that name what was expected, and "visible text". */

/** Error text for a field that is missing or of the wrong JSON type. */
export const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${expected}`;

/** Some character that shows: not only spaces, zero-width characters or direction marks. */
export const VISIBLE = /[^\s\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;
