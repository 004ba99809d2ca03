/**
 * Splits an FAQ in Markdown (docs/operator-api.md#the-faq) into its preamble of instructions and its entries:
 * each `## Question` heading with the text below it, up to the next `##` heading. A line of its own
 * `Source: https://…` in an entry names its help-centre page: it becomes the entry's `url` and is
 * not part of the answer.
 */
export interface FaqEntry {
  question: string;
  answer: string;
  /** The help-centre page the entry comes from, from its `Source:` line. */
  url?: string;
}

export interface ParsedFaq {
  preamble: string;
  entries: FaqEntry[];
}

const HEADING = /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const SOURCE = /^[ \t]*source:[ \t]*<?(https?:\/\/[^\s<>]+?)>?[ \t]*$/i;

export function parseFaq(markdown: string): ParsedFaq {
  const preamble: string[] = [];
  const entries: FaqEntry[] = [];
  let current: { question: string; lines: string[]; url?: string } | undefined;
  const flush = () => {
    if (!current) return;
    const answer = current.lines.join("\n").trim();
    entries.push(
      current.url ? { question: current.question, answer, url: current.url } : { question: current.question, answer },
    );
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = HEADING.exec(line);
    if (heading?.[1]) {
      flush();
      current = { question: heading[1], lines: [] };
    } else if (current) {
      const source = SOURCE.exec(line)?.[1];
      if (source && !current.url && URL.canParse(source)) current.url = source;
      else current.lines.push(line);
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
