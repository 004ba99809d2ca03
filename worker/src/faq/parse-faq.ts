/**
 * Splits an FAQ in Markdown (docs/operator-api.md#the-faq) into its preamble of instructions and its entries:
 * each `## Question` heading with the text below it, up to the next `##` heading.
 */
export interface FaqEntry {
  question: string;
  answer: string;
}

export interface ParsedFaq {
  preamble: string;
  entries: FaqEntry[];
}

const HEADING = /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/;

export function parseFaq(markdown: string): ParsedFaq {
  const preamble: string[] = [];
  const entries: FaqEntry[] = [];
  let current: { question: string; lines: string[] } | undefined;
  const flush = () => {
    if (current) entries.push({ question: current.question, answer: current.lines.join("\n").trim() });
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = HEADING.exec(line);
    if (heading?.[1]) {
      flush();
      current = { question: heading[1], lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      preamble.push(line);
    }
  }
  flush();
  return { preamble: preamble.join("\n").trim(), entries: entries.filter((e) => e.answer !== "") };
}

/** The first link or email address in the preamble, where the FAQ says how to reach a person. */
export function contactFromPreamble(preamble: string): string | null {
  const url = /\bhttps?:\/\/[^\s)>\]]+[^\s)>\].,;:!?]/.exec(preamble);
  const email = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/.exec(preamble);
  if (url && (!email || url.index < email.index)) return url[0];
  return email ? `mailto:${email[0]}` : null;
}
