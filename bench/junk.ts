/**
 * Planted junk for the Insights page: rows of unanswered questions, 4,000 characters of unknown
 * words each, written straight into a `wrangler dev`'s local D1 (as an older version stored them,
 * before questions were clipped), to time `GET /api/admin/insights` over them.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { junkQuestions } from "../worker/src/testing/junk-questions.ts";

export function plantJunk(root: string, persistDir: string, questions: number): void {
  const now = new Date().toISOString();
  const rows = junkQuestions(questions, 7).map((question, i) => {
    return `INSERT INTO answers (message_id, visitor_hash, faq_version, source, unanswered, fingerprint, question, answer, created_at) VALUES ('junk-${i}', 'junk', 1, 'faq', 1, 'junk', '${question}', 'I don''t know.', '${now}');`;
  });
  const file = join(persistDir, "junk.sql");
  writeFileSync(file, `${rows.join("\n")}\n`);
  execFileSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "--yes"],
    { cwd: root, stdio: "pipe", env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
  );
}
