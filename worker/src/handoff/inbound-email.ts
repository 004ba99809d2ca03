/**
 * The Worker's `email()` handler: mail that Email Routing hands over for `REPLY_DOMAIN`. A reply
 * to a handoff's address (reply-address.ts) is parsed with postal-mime, stripped of quoted text
 * and signatures, and stored as the team's reply, which the visitor's widget then shows. Mail to
 * any other address, or to a forged one, is refused and logged; automatic replies (out of office,
 * bounces) are dropped, so that they never reach a visitor.
 */
import PostalMime from "postal-mime";
import type { Bindings } from "../env";
import { HANDOFF_LIMITS } from "../protocol";
import { storeReply } from "./handoff-store";
import { emailVisitor } from "./notify";
import { handoffOfAddress } from "./reply-address";
import { replyText } from "./reply-text";
import type { KeyedHash } from "./site-hash";

/** Headers that mark mail no person wrote (RFC 3834, and what common auto-responders send). */
function isAutomatic(message: ForwardableEmailMessage): boolean {
  const header = (name: string) => message.headers.get(name)?.trim().toLowerCase() ?? "";
  const autoSubmitted = header("Auto-Submitted");
  return (
    (autoSubmitted !== "" && autoSubmitted !== "no") ||
    header("X-Autoreply") !== "" ||
    header("X-Autorespond") !== "" ||
    ["bulk", "junk", "list", "auto_reply"].includes(header("Precedence")) ||
    message.from.trim() === "" ||
    /^(mailer-daemon|postmaster)@/i.test(message.from)
  );
}

export async function receiveEmail(
  message: ForwardableEmailMessage,
  env: Bindings,
  ctx: ExecutionContext,
  /** The site's keyed hash, which signs reply addresses (site-hash.ts). */
  hash: KeyedHash,
): Promise<void> {
  const handoffId = await handoffOfAddress(hash, message.to);
  if (!handoffId) {
    console.warn(`Email to ${message.to} refused: not the reply address of any handoff`);
    message.setReject("Unknown address: this address does not belong to a conversation.");
    return;
  }
  if (isAutomatic(message)) {
    console.log(`Handoff ${handoffId}: an automatic email (out of office, bounce) was dropped`);
    return;
  }
  const email = await PostalMime.parse(message.raw);
  let text = replyText(email);
  if (!text) {
    console.warn(`Handoff ${handoffId}: an email reply with no new text was dropped`);
    return;
  }
  if (text.length > HANDOFF_LIMITS.replyMax) text = `${text.slice(0, HANDOFF_LIMITS.replyMax - 1)}…`;
  const reply = await storeReply(env.DB, handoffId, text, "email");
  if (!reply) {
    console.warn(`Email for handoff ${handoffId} refused: the handoff was deleted`);
    message.setReject("This conversation was deleted.");
    return;
  }
  console.log(`Handoff ${handoffId}: the team replied by email`);
  ctx.waitUntil(emailVisitor(env, handoffId, reply.text));
}
