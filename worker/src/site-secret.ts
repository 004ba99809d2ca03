/**
 * A secret only this deployment knows, for hashes that must not be reversible by guessing: client
 * networks in the limiters' keys, answer fingerprints in D1. It is the id Durable Objects give the
 * fixed name "site-secret" in this Worker's namespace: a keyed hash that Cloudflare derives with
 * the namespace's own key, stable across deploys, computed locally (no round trip), and never
 * sent anywhere. Hashes are HMAC-SHA256 under it.
 */
import type { Bindings } from "./env";
import { toHex } from "./hashing";

const keys = new WeakMap<DurableObjectNamespace, Promise<CryptoKey>>();

function secretKey(env: Pick<Bindings, "LIMITER">): Promise<CryptoKey> {
  let key = keys.get(env.LIMITER);
  if (!key) {
    const secret = new TextEncoder().encode(env.LIMITER.idFromName("site-secret").toString());
    key = crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(env.LIMITER, key);
  }
  return key;
}

/** HMAC-SHA256 of `text` under the site's secret, its first `bytes` bytes as hex. */
export async function keyedHash(env: Pick<Bindings, "LIMITER">, text: string, bytes = 16): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await secretKey(env), new TextEncoder().encode(text));
  return toHex(new Uint8Array(mac).subarray(0, bytes));
}
