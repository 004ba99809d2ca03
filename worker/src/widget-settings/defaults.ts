/**
 * The widget's public settings until an operator saves their own: a neutral look, and the first
 * questions of the FAQ as suggestions.
 */
import type { WidgetConfig } from "../protocol";

const SUGGESTION_COUNT = 3;

export function defaultWidgetConfig(faq: string): WidgetConfig {
  return {
    title: "Support",
    greeting: "Hi there! Ask us anything, we usually answer right away.",
    suggestions: faqQuestions(faq).slice(0, SUGGESTION_COUNT),
    color: "#2563eb",
    position: "right",
    contactUrl: null,
  };
}

/** The `## Question` headings of an FAQ, in order. */
export function faqQuestions(faq: string): string[] {
  return [...faq.matchAll(/^##[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)].map((match) => match[1] ?? "").filter(Boolean);
}
