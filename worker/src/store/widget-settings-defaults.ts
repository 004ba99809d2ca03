/**
 * The widget's public settings until an operator saves their own: a neutral look, the first
 * questions of the FAQ as suggestions, and the contact the FAQ's preamble names.
 */
import { contactFromPreamble, parseFaq } from "../faq/parse-faq";
import type { WidgetConfig } from "../protocol";

const SUGGESTION_COUNT = 3;

export function defaultWidgetConfig(faq: string): WidgetConfig {
  const { preamble, entries } = parseFaq(faq);
  return {
    title: "Support",
    greeting: "Hi there! Ask us anything, we usually answer right away.",
    suggestions: entries.slice(0, SUGGESTION_COUNT).map((entry) => entry.question),
    color: "#2563eb",
    position: "right",
    contactUrl: contactFromPreamble(preamble),
    officeHours: null,
    replyTimeHours: null,
  };
}
