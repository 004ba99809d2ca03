/**
 * What the team wrote in an email reply, without what mail clients add to it: the quoted
 * message ("On … wrote:" and "> " lines, Outlook's "-----Original Message-----" or "From: / Sent:"
 * block), signatures ("-- " and "Sent from my iPhone"), and, for HTML-only mail, the markup.
 */

/** A line that starts the quoted message (Gmail, Apple Mail, Thunderbird; en, de, es, fr). */
const ATTRIBUTION = [/^On\b.*\bwrote:$/i, /^Am\b.*\bschrieb\b.*:$/i, /^El\b.*\bescribió:$/i, /^Le\b.*\ba écrit ?:$/i];
/** The first line of an attribution a client wrapped over two or three lines. */
const ATTRIBUTION_START = /^(On|Am|El|Le)\s/i;
const ATTRIBUTION_END = /(wrote|schrieb|escribió|a écrit)\s?:$/i;
/** Outlook: "-----Original Message-----" (and its translations), or a rule of underscores. */
const ORIGINAL_MESSAGE =
  /^(-{3,}\s*(Original Message|Ursprüngliche Nachricht|Mensaje original|Message d'origine)\s*-{3,}|_{10,})$/i;
/** Outlook: a "From:" line followed by "Sent:" or "Date:" within a few lines. */
const HEADER_FROM = /^\*?(From|Von|De)\s?:\*?\s/i;
const HEADER_SENT = /^\*?(Sent|Date|Gesendet|Datum|Enviado|Fecha|Envoyé)\s?:\*?\s/i;
/** Signatures: the standard delimiter, and what phones and apps append. */
const SIGNATURE = [
  /^-- ?$/,
  /^Sent from my \S+/i,
  /^Get Outlook for \S+/i,
  /^Von meinem \S+ gesendet/i,
  /^Enviado desde mi \S+/i,
];

interface Marker {
  /** The line where the quoted message (or the signature) begins. */
  start: number;
  /** The line after the marker itself (an attribution may be wrapped over three lines). */
  after: number;
  signature: boolean;
}

/** Where the quoted message or the signature begins; `start === lines.length` when neither does. */
function findMarker(lines: string[]): Marker {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? "";
    const found = (after: number, signature = false): Marker => ({ start: i, after, signature });
    if (ATTRIBUTION.some((pattern) => pattern.test(line))) return found(i + 1);
    if (ATTRIBUTION_START.test(line)) {
      const end = lines.slice(i + 1, i + 3).findIndex((next) => ATTRIBUTION_END.test(next.trim()));
      if (end !== -1) return found(i + end + 2);
    }
    if (ORIGINAL_MESSAGE.test(line)) return found(i + 1);
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((next) => HEADER_SENT.test(next.trim()))) {
      return found(i + 1);
    }
    if (SIGNATURE.some((pattern) => pattern.test(line))) return found(i + 1, true);
  }
  return { start: lines.length, after: lines.length, signature: false };
}

const isQuoted = (line: string) => /^\s*>/.test(line);

function tidy(lines: string[]): string {
  return lines
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The new text of a plain-text reply. */
export function stripQuoted(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .split("\n");
  const marker = findMarker(lines);
  const top = tidy(lines.slice(0, marker.start).filter((line) => !isQuoted(line)));
  if (top || marker.signature) return top;
  // Nothing above the quote: an answer written between the quoted lines. Keep what is not quoted,
  // up to the signature.
  const below = lines.slice(marker.after).filter((line) => !isQuoted(line));
  const signature = below.findIndex((line) => SIGNATURE.some((pattern) => pattern.test(line.trim())));
  return tidy(signature === -1 ? below : below.slice(0, signature));
}

/**
 * A reply's own words come first; only this much of a body is read (the stored reply is shorter
 * still), so that a huge or hostile email costs the Worker little.
 */
const READ_MAX = 100_000;

/**
 * HTML elements where a quoted message or a signature begins; everything from there on goes.
 * Inside a tag, `[^<>]*` never runs past the next tag, so each search stays linear.
 */
const HTML_QUOTE_START = [
  /<div[^<>]*class=["']?[^"'<>]*gmail_quote/i,
  /<div[^<>]*class=["']?[^"'<>]*gmail_signature/i,
  /<blockquote\b/i,
  /<div[^<>]*id=["']?(divRplyFwdMsg|appendonsend)/i,
  /<div[^<>]*class=["']?[^"'<>]*moz-cite-prefix/i,
  /<div[^<>]*style=["'][^"'<>]*border-top:\s*solid\s*#?[0-9a-f]*\s*1(\.0)?pt/i,
  /<hr\b/i,
];

/** Drops `<head>`, `<style>`, `<script>` and `<title>` elements whole, in one pass. */
function dropInvisible(html: string): string {
  const lower = html.toLowerCase();
  const open = /<(head|style|script|title)\b/gi;
  let kept = "";
  let from = 0;
  for (let match = open.exec(html); match; match = open.exec(html)) {
    kept += html.slice(from, match.index);
    const close = lower.indexOf(`</${match[1]?.toLowerCase()}`, match.index);
    const end = close === -1 ? -1 : lower.indexOf(">", close);
    from = end === -1 ? html.length : end + 1;
    open.lastIndex = from;
  }
  return kept + html.slice(from);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The text of an HTML body, cut where the quoted message begins. */
export function htmlToText(html: string): string {
  let cut = html.length;
  for (const pattern of HTML_QUOTE_START) {
    const index = html.search(pattern);
    if (index !== -1 && index < cut) cut = index;
  }
  return dropInvisible(html.slice(0, cut))
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|tr|table)\s*>/gi, "\n")
    .replace(/<li\b[^<>]*>/gi, "- ")
    .replace(/<[^<>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1]?.toLowerCase() === "x" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
}

/** The team's reply in a parsed email: its plain text if it has one, else its HTML as text. */
export function replyText(email: { text?: string | undefined; html?: string | undefined }): string {
  if (email.text?.trim()) return stripQuoted(email.text.slice(0, READ_MAX));
  if (email.html) return stripQuoted(htmlToText(email.html.slice(0, READ_MAX)));
  return "";
}
