/**
 * The words of handoff emails: the team's notification of a request or a follow-up, and the copy
 * of a reply that a visitor may get. Plain text, so every mail client shows it the same, and
 * nothing a visitor typed can become markup.
 */
import type { ChatMessage } from "../protocol";

export interface EmailContent {
  subject: string;
  text: string;
}

export interface TeamNotification {
  kind: "created" | "follow_up";
  email: string;
  name: string | null;
  /** The message this notification is about. */
  message: string;
  /** The request's first message, which names the thread. */
  firstMessage: string;
  transcript: ChatMessage[];
  consoleUrl: string;
  /** How replying to the email reaches the visitor, if it does (REPLY_DOMAIN). */
  replyReachesWidget: boolean;
  /** The reply is emailed to the visitor as well (EMAIL_VISITOR_REPLIES). */
  visitorGetsEmail: boolean;
}

/** One line, at most `max` characters: for subjects and headers, never a line break. */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

export function visitorLabel(email: string, name: string | null): string {
  return name ? `${oneLine(name, 100)} <${email}>` : email;
}

export function teamNotification(n: TeamNotification): EmailContent {
  const who = visitorLabel(n.email, n.name);
  const thread = `Chat request from ${n.name ? oneLine(n.name, 40) : n.email}: ${oneLine(n.firstMessage, 60)}`;
  const how = n.replyReachesWidget
    ? `Reply to this email to answer: your reply appears in their chat window${n.visitorGetsEmail ? " and is emailed to them" : ""}. Quoted text and signatures are left out.`
    : `Answer in the console's Inbox, and your reply appears in their chat window. (Replying to this email writes to ${n.email} directly.)`;
  const lines = [
    n.kind === "created" ? `${who} asked to talk to a person:` : `${who} wrote again:`,
    "",
    indent(n.message),
    "",
    how,
    `Open it in the console: ${n.consoleUrl}`,
  ];
  if (n.kind === "created" && n.transcript.length > 0) {
    lines.push("", "The conversation before the request:", "");
    for (const turn of n.transcript) {
      lines.push(`${turn.role === "user" ? "Visitor" : "Assistant"}:`, indent(turn.content), "");
    }
  }
  return { subject: n.kind === "created" ? thread : `Re: ${thread}`, text: `${lines.join("\n").trimEnd()}\n` };
}

/** The team's reply, as the visitor gets it by email. */
export function visitorReply(reply: string, question: string, siteTitle: string): EmailContent {
  return {
    subject: `Re: ${oneLine(question, 60)}`,
    text: `${reply}\n\n— ${siteTitle}\n\n> ${oneLine(question, 300)}\n`,
  };
}
