/**
 * Who a request comes from, for the per-IP limits: the client's IPv4 address, or the /64 prefix of
 * its IPv6 address (one home connection or phone gets a whole /64, so counting single IPv6
 * addresses would let one client be millions). Only `CF-Connecting-IP` counts: Cloudflare sets it,
 * while `X-Forwarded-For` and `X-Real-IP` are whatever the client wrote.
 */

/** Requests without `CF-Connecting-IP` (never on Cloudflare; some local tools) share one network. */
export const UNKNOWN_NETWORK = "unknown";

export function clientNetwork(request: Request): string {
  const ip = request.headers.get("CF-Connecting-IP")?.trim() ?? "";
  return networkOf(ip) ?? UNKNOWN_NETWORK;
}

/** `203.0.113.7` → itself; `2001:db8:1:2:3::4` → `2001:db8:1:2::/64`; anything else → undefined. */
export function networkOf(ip: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return networkOf(mapped);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split(".").map(Number);
    return parts.every((part) => part <= 255) ? parts.join(".") : undefined;
  }
  const groups = ipv6Groups(ip.replace(/%.*$/, ""));
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : undefined;
}

/** The eight 16-bit groups of an IPv6 address, normalised (`0db8` → `db8`), or undefined. */
function ipv6Groups(ip: string): string[] | undefined {
  if (!ip.includes(":") || !/^[0-9a-f:.]+$/i.test(ip)) return undefined;
  const halves = ip.toLowerCase().split("::");
  if (halves.length > 2) return undefined;
  const split = (half: string | undefined) => (half ? half.split(":") : []);
  const head = split(halves[0]);
  const tail = split(halves[1]);
  // An embedded IPv4 tail (::ffff:… handled above; 64:ff9b::1.2.3.4 and the like) is two groups.
  const last = tail.at(-1) ?? head.at(-1) ?? "";
  const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(last);
  const count = head.length + tail.length + (v4 ? 1 : 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const groups = [...head, ...Array<string>(8 - count).fill("0"), ...tail];
  if (v4) groups.splice(-1, 1, "0", "0");
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group) || /^\d+\.\d+\.\d+\.\d+$/.test(group))) return undefined;
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}
