/**
 * The per-handoff address the team replies to: `handoff-<id>-<signature>@REPLY_DOMAIN`, where the
 * signature is an HMAC-SHA256 of the handoff's id under the site's secret (kept by the Worker,
 * never configured or sent anywhere). Nobody can make up an address that reaches a handoff, nor
 * turn one handoff's address into another's.
 */
import { toHex } from "../hashing";

const LOCAL_PART = /^handoff-([0-9a-f]{24})-([0-9a-f]{24})$/;
/** Bytes of the HMAC kept: 96 bits, and the local part stays within the 64 characters mail allows. */
const SIGNATURE_BYTES = 12;

async function signature(secret: string, handoffId: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(`handoff-reply-address:${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(handoffId));
  return toHex(new Uint8Array(mac).subarray(0, SIGNATURE_BYTES));
}

export async function replyAddress(secret: string, handoffId: string, domain: string): Promise<string> {
  return `handoff-${handoffId}-${await signature(secret, handoffId)}@${domain}`;
}

/** The handoff an address belongs to, or null when the address is not one we made. */
export async function handoffOfAddress(secret: string, address: string): Promise<string | null> {
  const local = address.trim().toLowerCase().split("@")[0] ?? "";
  const match = LOCAL_PART.exec(local);
  if (!match?.[1] || !match[2]) return null;
  const expected = new TextEncoder().encode(await signature(secret, match[1]));
  const given = new TextEncoder().encode(match[2]);
  return crypto.subtle.timingSafeEqual(expected, given) ? match[1] : null;
}
