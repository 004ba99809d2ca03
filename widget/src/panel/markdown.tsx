/**
 * A safe Markdown subset for answers (docs/http-api.md: model output is never HTML): paragraphs, line
 * breaks, **bold**, *italic*, `inline code`, fenced code blocks, lists and links, rendered as Preact
 * nodes. Nothing is ever parsed as HTML: tags in the text stay text. Links keep only http, https,
 * mailto and tel URLs, and open in a new tab with rel="noopener noreferrer".
 */
import type { ComponentChildren } from "preact";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);

const INLINE =
  /(`[^`\n]+`)|(\*\*[^\n]+?\*\*|__[^\n]+?__)|(\*[^*\s][^*\n]*?\*|\b_[^_\s][^_\n]*?_\b)|(\[[^\]\n]+\]\((?:[^()\s]|\([^()\s]*\))*\))|((?<![="'\w/])https?:\/\/[^\s<>()"']*[^\s<>().,;:!?'"])/g;

/** The URL as an `href` if it is absolute and its protocol is allowed; otherwise undefined. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link text that names a site, e.g. "https://bank.example" or "bank.example/login". */
const SITE_TEXT = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/?#]\S*)?$/i;

const bareHost = (host: string) => host.toLowerCase().replace(/^www\./, "");

/** A safe link to `href` (or just `label`, for an unsafe one), showing the real site when `text` names another. */
export function link(href: string, label: ComponentChildren, key: number, text = ""): ComponentChildren {
  const safe = safeHref(href);
  if (!safe) return label;
  const anchor = (
    <a key={key} href={safe} target="_blank" rel="noopener noreferrer" title={safe}>
      {label}
    </a>
  );
  // A link whose text names one site but leads to another shows where it really goes.
  const named = SITE_TEXT.exec(text.trim())?.[1];
  const real = new URL(safe).hostname;
  return named && real && bareHost(named) !== bareHost(real) ? [anchor, ` (${real})`] : anchor;
}

/** Inline Markdown; inside a link's label (`inLink`) nothing becomes a link again. */
export function renderInline(text: string, inLink = false): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(INLINE)) {
    const [token, code, bold, italic, anchor, url] = match;
    const start = match.index;
    if (start > last) out.push(text.slice(last, start));
    key++;
    if (code) out.push(<code key={key}>{code.slice(1, -1)}</code>);
    else if (bold) out.push(<strong key={key}>{renderInline(bold.slice(2, -2), inLink)}</strong>);
    else if (italic) out.push(<em key={key}>{renderInline(italic.slice(1, -1), inLink)}</em>);
    else if (anchor && !inLink) {
      const split = anchor.indexOf("](");
      const label = anchor.slice(1, split);
      out.push(link(anchor.slice(split + 2, -1), renderInline(label, true), key, label));
    } else if (url && !inLink) out.push(link(url, url, key));
    else out.push(token);
    last = start + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A paragraph's lines: joined by a space (a soft break), or by <br> after two spaces or a backslash. */
function withBreaks(lines: string[]): ComponentChildren[] {
  return lines.flatMap((line, i) => {
    const hard = /( {2,}|\\)$/.test(line);
    const text = renderInline(hard ? line.replace(/( +|\\)$/, "") : `${line}${i < lines.length - 1 ? " " : ""}`);
    return hard && i < lines.length - 1 ? [...text, <br key={`br${i}`} />] : text;
  });
}

const LIST_ITEM = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/;

/** Renders a whole answer; safe to call on a partial answer while it streams. */
export function renderMarkdown(source: string): ComponentChildren[] {
  const blocks: ComponentChildren[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(<p key={blocks.length}>{withBreaks(paragraph)}</p>);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trimStart().startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? "").trimStart().startsWith("```"); i++) code.push(lines[i] ?? "");
      blocks.push(
        <pre key={blocks.length}>
          <code>{code.join("\n")}</code>
        </pre>,
      );
    } else if (LIST_ITEM.test(line)) {
      flush();
      const ordered = Boolean(LIST_ITEM.exec(line)?.[2]);
      const items: ComponentChildren[] = [];
      for (; i < lines.length && LIST_ITEM.test(lines[i] ?? ""); i++) {
        items.push(<li key={items.length}>{renderInline(LIST_ITEM.exec(lines[i] ?? "")?.[3] ?? "")}</li>);
      }
      i--;
      blocks.push(ordered ? <ol key={blocks.length}>{items}</ol> : <ul key={blocks.length}>{items}</ul>);
    } else if (/^#{1,6}\s/.test(line)) {
      flush();
      blocks.push(
        <p key={blocks.length}>
          <strong>{renderInline(line.replace(/^#{1,6}\s+/, ""))}</strong>
        </p>,
      );
    } else if (line.trim() === "") {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
