/**
 * The Insights page's work is bounded, whatever visitors typed: 500 planted questions of 4,000
 * characters of unknown words each (rows as an older version stored them, before questions were
 * clipped) still make one ordinary answer. The time it takes is reported, never asserted: speed
 * goals live in `npm run bench`.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Insights } from "../protocol";
import { call, json } from "../testing/admin";
import { uniqueTag } from "../testing/harness";
import { junkQuestions } from "../testing/junk-questions";
import { STORED_QUESTION_MAX } from "./storage-budget";

describe("GET /api/admin/insights under planted junk", () => {
  it("answers with 500 groups of 4,000-character questions of unknown words", { timeout: 120_000 }, async ({
    annotate,
  }) => {
    const tag = uniqueTag();
    const now = new Date().toISOString();
    const rows = junkQuestions(500, 42).map((question, i) => ({ id: `junk-${tag}-${i}`, question }));
    const insert = env.DB.prepare(
      `INSERT INTO answers (message_id, visitor_hash, faq_version, source, unanswered, fingerprint, question, answer, created_at)
       VALUES (?1, 'junk', 1, 'faq', 1, 'junk', ?2, 'I don''t know.', ?3)`,
    );
    for (let i = 0; i < rows.length; i += 100) {
      await env.DB.batch(rows.slice(i, i + 100).map((row) => insert.bind(row.id, row.question, now)));
    }

    const started = performance.now();
    const response = await call("GET", "/insights");
    const insights = await json<Insights>(response);
    const took = performance.now() - started;

    expect(response.status).toBe(200);
    const planted = insights.unanswered.filter((group) => group.examples.some((e) => e.endsWith("…")));
    expect(planted).toHaveLength(500);
    expect(planted.every((group) => group.question.length <= STORED_QUESTION_MAX)).toBe(true);
    expect(planted.every((group) => group.count === 1 && !group.answeredNow)).toBe(true);
    annotate(`insights with 500 planted 4,000-character questions: ${took.toFixed(0)} ms (reported, not asserted)`);
  });
});
