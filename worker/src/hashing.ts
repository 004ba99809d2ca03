import { RecentValues } from "./recent-values";

/** Hex-encoded digests, for keys and stored identifiers that must not reveal what they hash. */
export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of `text`, its first `bytes` bytes as hex (32 characters by default). */
export async function sha256Hex(text: string, bytes = 16): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return toHex(digest.subarray(0, bytes));
}

/** The hashes of the visitors seen last, so that a visitor's next message costs no digest. */
const recentVisitors = new RecentValues<string>(1_000);

/** How a visitor is kept anywhere in D1: a hash of their random widget id, never the id itself. */
export function visitorHash(visitorId: string): Promise<string> {
  return recentVisitors.get(visitorId, () => sha256Hex(`visitor:${visitorId}`));
}
