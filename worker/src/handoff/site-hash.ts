/**
 * The handoff code's one way to the site's secret: a keyed hash (HMAC-SHA256, hex) under the
 * secret only this deployment knows (site-secret.ts), never sent anywhere.
 */
import type { Bindings } from "../env";
import { keyedHash } from "../site-secret";

/** Hex HMAC-SHA256 of `text` under the site's secret. */
export type KeyedHash = (text: string) => Promise<string>;

export function siteHash(env: Bindings): KeyedHash {
  return (text) => keyedHash(env, text, 32);
}
