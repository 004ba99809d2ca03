/**
 * Telling people about handoff messages, off the visitor's and the operator's response path
 * (`waitUntil`): the team by email (`OPERATOR_EMAIL`, through the `EMAIL` binding) and by webhook
 * (through the `HANDOFF_WEBHOOKS` queue), and the visitor by email when the team replies (with
 * `EMAIL_VISITOR_REPLIES`). Each channel fails alone, logged, and never fails the request.
 */
import type { Bindings } from "../env";
import { readEnvConfig } from "../env-config";
import { publicConfig } from "../store/published";
import { teamNotification, visitorReply } from "./emails";
import { type HandoffContact, handoffContact } from "./handoff-store";
import { replyAddress } from "./reply-address";
import type { KeyedHash } from "./site-hash";
import { webhookEvent } from "./webhook";

export interface VisitorWrote {
  kind: "created" | "follow_up";
  /** The request, with its first message. */
  handoff: HandoffContact;
  /** What the visitor wrote just now. */
  message: string;
  /** The Worker's own origin, for the link to the console. */
  origin: string;
}

const consoleUrl = (origin: string, handoffId: string) => `${origin}/admin/#inbox/${handoffId}`;

async function settle(what: string, work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    console.error(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Emails the team and queues the webhook event; `hash` signs the reply address (site-hash.ts). */
export async function notifyTeam(env: Bindings, hash: KeyedHash, event: VisitorWrote): Promise<void> {
  const { operatorEmail, emailFrom, replyDomain, emailVisitors, webhookUrl } = readEnvConfig(env).handoff;
  const { handoff } = event;
  const url = consoleUrl(event.origin, handoff.id);
  const sends: Promise<void>[] = [];
  if (operatorEmail && emailFrom) {
    const email = async () => {
      const content = teamNotification({
        kind: event.kind,
        email: handoff.email,
        name: handoff.name,
        message: event.message,
        firstMessage: handoff.message,
        transcript: handoff.transcript,
        consoleUrl: url,
        replyReachesWidget: replyDomain !== undefined,
        visitorGetsEmail: emailVisitors,
      });
      const replyTo = replyDomain ? await replyAddress(hash, handoff.id, replyDomain) : handoff.email;
      await env.EMAIL.send({
        from: { email: emailFrom.email, name: emailFrom.name ?? "Support Chat" },
        to: operatorEmail,
        replyTo,
        subject: content.subject,
        text: content.text,
        // Asks Exchange not to answer with out-of-office mail, which would reach the visitor.
        headers: { "X-Auto-Response-Suppress": "OOF, AutoReply" },
      });
    };
    sends.push(settle(`Handoff ${handoff.id}: email to the team`, email()));
  }
  if (webhookUrl) {
    const queued = env.HANDOFF_WEBHOOKS.send(
      webhookEvent({
        kind: event.kind,
        handoffId: handoff.id,
        email: handoff.email,
        name: handoff.name,
        message: event.message,
        consoleUrl: url,
      }),
      { contentType: "json" },
    );
    sends.push(settle(`Handoff ${handoff.id}: queueing the webhook event`, queued));
  }
  await Promise.all(sends);
}

/** Emails the team's reply to the visitor, when the site sends mail to any address. */
export async function emailVisitor(env: Bindings, handoffId: string, reply: string): Promise<void> {
  const { operatorEmail, emailFrom, emailVisitors } = readEnvConfig(env).handoff;
  if (!emailVisitors || !emailFrom) return;
  const send = async () => {
    const [handoff, settings] = await Promise.all([handoffContact(env.DB, handoffId), publicConfig(env.DB)]);
    if (!handoff) return;
    const content = visitorReply(reply, handoff.message, settings.title);
    await env.EMAIL.send({
      from: { email: emailFrom.email, name: emailFrom.name ?? settings.title },
      to: handoff.name ? { email: handoff.email, name: handoff.name } : handoff.email,
      ...(operatorEmail && { replyTo: operatorEmail }),
      subject: content.subject,
      text: content.text,
    });
  };
  await settle(`Handoff ${handoffId}: the reply by email to the visitor`, send());
}
