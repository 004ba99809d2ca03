/** Keeps secrets out of anything the Worker writes: logs and error messages. */
import type { Bindings } from "./env";

/** Pieces of a secret this long or longer are masked wherever they appear. */
const PIECE = 8;

/** Replaces the provider key, and every 8-character piece of it, with `[redacted]`. */
export function redactSecrets(text: string, env: Pick<Bindings, "OPENAI_API_KEY" | "ADMIN_TOKEN">): string {
  let out = text;
  for (const secret of [env.OPENAI_API_KEY, env.ADMIN_TOKEN]) {
    if (!secret) continue;
    out = out.replaceAll(secret, "[redacted]");
    for (let i = 0; i + PIECE <= secret.length; i++) {
      out = out.replaceAll(secret.slice(i, i + PIECE), "[redacted]");
    }
  }
  return out;
}
