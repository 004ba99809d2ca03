/**
 * The per-handoff address the team replies to: `handoff-<id>-<signature>@REPLY_DOMAIN`, where the
 * signature is a keyed hash (HMAC-SHA256) of the handoff's id under the site's secret, which the
 * Worker keeps and never configures or sends anywhere (site-hash.ts). Nobody can make up an
 * address that reaches a handoff, nor turn one handoff's address into another's.
 */
import type { KeyedHash } from "./site-hash";

const LOCAL_PART = /^handoff-([0-9a-f]{24})-([0-9a-f]{24})$/;
/** Hex digits of the hash kept: 96 bits, and the local part stays within the 64 characters mail allows. */
const SIGNATURE_DIGITS = 24;

const signature = async (hash: KeyedHash, handoffId: string) =>
  (await hash(`handoff-reply-address:${handoffId}`)).slice(0, SIGNATURE_DIGITS);

export async function replyAddress(hash: KeyedHash, handoffId: string, domain: string): Promise<string> {
  return `handoff-${handoffId}-${await signature(hash, handoffId)}@${domain}`;
}

/** The handoff an address belongs to, or null when the address is not one we made. */
export async function handoffOfAddress(hash: KeyedHash, address: string): Promise<string | null> {
  const local = address.trim().toLowerCase().split("@")[0] ?? "";
  const match = LOCAL_PART.exec(local);
  if (!match?.[1] || !match[2]) return null;
  const expected = new TextEncoder().encode(await signature(hash, match[1]));
  const given = new TextEncoder().encode(match[2]);
  return crypto.subtle.timingSafeEqual(expected, given) ? match[1] : null;
}
