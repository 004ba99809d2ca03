/**
 * The handoff code's one way to the site's secret: a keyed hash (HMAC-SHA256, hex) under the
 * secret the `Limiter` keeps for the site (limits/enforce.ts), made once and never sent anywhere.
 */
import type { Bindings } from "../env";
import { toHex } from "../hashing";
import { siteSalt } from "../limits/enforce";

/** Hex HMAC-SHA256 of `text` under the site's secret. */
export type KeyedHash = (text: string) => Promise<string>;

export function siteHash(env: Bindings): KeyedHash {
  return async (text) => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(await siteSalt(env)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text))));
  };
}
