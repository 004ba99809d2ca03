/**
 * Planted junk for the Insights page: rows of unanswered questions, 4,000 characters of unknown
 * words each, written straight into a `wrangler dev`'s local D1 (as an older version stored them,
 * before questions were clipped), to time `GET /api/admin/insights` over them.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A deterministic generator (mulberry32), so every run plants the same junk. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function plantJunk(root: string, persistDir: string, questions: number): void {
  const random = generator(7);
  const word = () =>
    `${Array.from({ length: 5 + Math.floor(random() * 4) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("")}q`;
  const now = new Date().toISOString();
  const rows = Array.from({ length: questions }, (_, i) => {
    let question = "";
    while (question.length < 4000) question += `${word()} `;
    return `INSERT INTO answers (message_id, visitor_hash, faq_version, source, unanswered, fingerprint, question, answer, created_at) VALUES ('junk-${i}', 'junk', 1, 'faq', 1, 'junk', '${question.slice(0, 4000)}', 'I don''t know.', '${now}');`;
  });
  const file = join(persistDir, "junk.sql");
  writeFileSync(file, `${rows.join("\n")}\n`);
  execFileSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "--yes"],
    { cwd: root, stdio: "pipe", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
}
