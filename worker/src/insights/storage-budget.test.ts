/**
 * One anonymous client floods the Worker (questions the FAQ cannot answer, 4,000 characters each,
 * a new visitor id each time, thumbs-down ratings quoting them with long comments, ratings of
 * made-up answers): what it leaves in D1 stays within the budget the README's privacy table
 * promises, and the retention purge and the Limiter's alarm take it all away again.
 */
import { createScheduledController, env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { networkLimiter } from "../limits/admission";
import { IDLE_MS } from "../limits/limiter";
import { postChat, providerEnv, readEvents, request, settled, textOf, uniqueTag } from "../testing/harness";
import { DAY_MS } from "../utc-day";
import {
  clip,
  STORED_ANSWER_MAX,
  STORED_COMMENT_MAX,
  STORED_QUESTION_MAX,
  STORED_TEXTS_PER_NETWORK_PER_DAY,
  TRANSCRIPT_TURNS_PER_NETWORK_PER_DAY,
} from "./storage-budget";

/** Bytes of one row, the text columns aside (ids, hashes, fingerprint, version, time…). */
const ROW_OVERHEAD_MAX = 320;

interface Footprint {
  rows: number;
  bytes: number;
}

/** Rows and bytes (UTF-8) the flood left in `table`, found by its message ids. */
async function footprint(table: string, columns: string[], messageIds: string[]): Promise<Footprint> {
  const length = columns.map((c) => `COALESCE(LENGTH(CAST(${c} AS BLOB)), 0)`).join(" + ");
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i < messageIds.length; i += 50) {
    const ids = messageIds.slice(i, i + 50);
    const row = await env.DB.prepare(
      `SELECT COUNT(*) AS rows, COALESCE(SUM(${length}), 0) AS bytes FROM ${table}
       WHERE message_id IN (${ids.map(() => "?").join(", ")})`,
    )
      .bind(...ids)
      .first<Footprint>();
    rows += row?.rows ?? 0;
    bytes += row?.bytes ?? 0;
  }
  return { rows, bytes };
}

describe("the storage budget of an anonymous client", () => {
  it("holds under a flood, and retention and the Limiter's alarm remove what was left", {
    timeout: 120_000,
  }, async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
    const vars = providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "", LOG_CONVERSATIONS: "true" });
    const junk = (i: number) => `${i} ${"zqxv ".repeat(799)}🙂`.slice(0, 4000);
    const chats = 40;
    const messageIds: string[] = [];
    for (let i = 0; i < chats; i++) {
      const visitorId = `flood-${i}-${uniqueTag()}`;
      const question = junk(i);
      const events = await readEvents(
        await postChat({ visitorId, messages: [{ role: "user", content: question }] }, vars, {
          "CF-Connecting-IP": ip,
        }),
      );
      const messageId = String(events.find((e) => e.event === "done")?.data.messageId);
      messageIds.push(messageId);
      await settled();
      const rate = (body: Record<string, unknown>) =>
        request(
          "/api/feedback",
          { method: "POST", body: JSON.stringify(body), headers: { "CF-Connecting-IP": ip } },
          vars,
        );
      const down = { visitorId, messageId, rating: "down", comment: "ü".repeat(1000) };
      expect((await rate({ ...down, question, answer: textOf(events) })).status).toBe(204);
      if (i % 10 === 0) expect((await rate({ ...down, messageId: `made-up-${uniqueTag()}` })).status).toBe(400);
    }

    const answers = await footprint("answers", ["question", "answer"], messageIds);
    const feedback = await footprint("feedback", ["comment"], messageIds);
    const turns = await footprint("transcript_turns", ["question", "answer"], messageIds);
    const texts = await env.DB.prepare(
      `SELECT COUNT(*) AS n, MAX(LENGTH(question)) AS longest FROM answers
       WHERE question IS NOT NULL AND message_id IN (${messageIds.map(() => "?").join(", ")})`,
    )
      .bind(...messageIds)
      .first<{ n: number; longest: number }>();

    // One answer row and one rating per chat, one transcript turn per chat (logging is on).
    expect(answers.rows).toBe(chats);
    expect(feedback.rows).toBe(chats);
    expect(turns.rows).toBe(Math.min(chats, TRANSCRIPT_TURNS_PER_NETWORK_PER_DAY));
    // Texts: at most the network's daily allowance (questions and comments draw on it), clipped.
    expect(texts?.n).toBeLessThanOrEqual(STORED_TEXTS_PER_NETWORK_PER_DAY);
    expect(texts?.longest).toBeLessThanOrEqual(STORED_QUESTION_MAX);
    const textBytes = 4 * (STORED_QUESTION_MAX + STORED_ANSWER_MAX);
    expect(answers.bytes).toBeLessThanOrEqual(STORED_TEXTS_PER_NETWORK_PER_DAY * textBytes);
    expect(feedback.bytes).toBeLessThanOrEqual(STORED_TEXTS_PER_NETWORK_PER_DAY * 4 * STORED_COMMENT_MAX);
    expect(turns.bytes / chats).toBeLessThanOrEqual(textBytes);
    // Per request, with the fixed part of each row: far below the 12 KB one such question used to cost.
    const perChat = (answers.bytes + feedback.bytes + turns.bytes) / chats + 3 * ROW_OVERHEAD_MAX;
    expect(perChat).toBeLessThan(12_000);

    // Thirty-one days later the daily purge has deleted all of it.
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() + 31 * DAY_MS }), env);
    for (const [table, columns] of [
      ["answers", ["question"]],
      ["feedback", ["comment"]],
      ["transcript_turns", ["question"]],
    ] as const) {
      expect((await footprint(table, [...columns], messageIds)).rows, table).toBe(0);
    }

    // And the network's Limiter, idle for two days, deletes itself.
    const { stub } = await networkLimiter(
      env,
      new Request("https://w.example", { headers: { "CF-Connecting-IP": ip } }),
    );
    await runInDurableObject(stub, (_, state) => {
      state.storage.sql.exec("UPDATE meta SET value = ? WHERE key = 'active'", Date.now() - IDLE_MS - 1);
      state.storage.sql.exec("DELETE FROM reservations");
    });
    await runDurableObjectAlarm(stub);
    const left = await runInDurableObject(stub, (_, state) =>
      ["hits", "usage", "stored_texts", "meta"].map(
        (table) => state.storage.sql.exec(`SELECT COUNT(*) AS n FROM ${table}`).one().n,
      ),
    );
    expect(left).toEqual([0, 0, 0, 0]);
  });
});

describe("clip", () => {
  it("cuts by characters, never inside one, and marks the cut", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip(`${"a".repeat(9)}🙂🙂`, 10)).toBe(`${"a".repeat(9)}…`);
    expect(clip("🙂".repeat(20), 5)).toBe("🙂🙂🙂🙂…");
    expect(clip("🙂".repeat(20), 5).isWellFormed()).toBe(true);
  });
});
