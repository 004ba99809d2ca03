/**
 * Email under `wrangler dev`, both ways: what the Worker sent through its `send_email` binding
 * (read back from the Local Explorer API, which records each message before `send()` returns),
 * and mail delivered to the Worker's `email()` handler as Email Routing would
 * (`POST /cdn-cgi/handler/email`).
 */

export interface SentEmail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  replyTo?: string;
  headers?: Record<string, string>;
  text?: string;
}

const EXPLORER = "/cdn-cgi/local/explorer/api/local/email/sending";

/** Every message the Worker sent in this `wrangler dev` session, newest first. */
export async function sentEmails(origin: string): Promise<SentEmail[]> {
  const response = await fetch(`${origin}${EXPLORER}?worker=support-chat&per_page=100`);
  if (!response.ok) throw new Error(`Local Explorer answered ${response.status}`);
  return ((await response.json()) as { result: SentEmail[] }).result;
}

/** One sent message whole, its text included. */
export async function sentEmail(origin: string, messageId: string): Promise<SentEmail> {
  const query = new URLSearchParams({ worker: "support-chat", email_id: messageId });
  const response = await fetch(`${origin}${EXPLORER}?${query}`);
  return ((await response.json()) as { result: SentEmail }).result;
}

/** Waits for a message matching `match` and returns it whole. */
export async function waitForEmail(
  origin: string,
  match: (email: SentEmail) => boolean,
  timeoutMs = 15_000,
): Promise<SentEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await sentEmails(origin)).find(match);
    if (found) return sentEmail(origin, found.messageId);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("No matching email was sent");
}

export interface Delivered {
  outcome: string;
  rejectReason?: string;
}

/** Delivers a raw RFC 822 message to the Worker's email handler, as Email Routing would. */
export async function deliverEmail(origin: string, from: string, to: string, raw: string): Promise<Delivered> {
  const query = new URLSearchParams({ from, to, format: "json" });
  const response = await fetch(`${origin}/cdn-cgi/handler/email?${query}`, { method: "POST", body: raw });
  return (await response.json()) as Delivered;
}

/** A reply as Gmail writes it: the new text, then "On … wrote:" and the quoted message. */
export function gmailReply(from: string, to: string, subject: string, text: string, quoted: string): string {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: Re: ${subject}`,
    `Message-ID: <${crypto.randomUUID()}@mail.example>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
    "",
    `On ${new Date().toUTCString()} Support <support@shop.example> wrote:`,
    ...quoted.split("\n").map((line) => `> ${line}`),
    "",
  ].join("\r\n");
}
