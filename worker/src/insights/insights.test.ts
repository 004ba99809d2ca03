/**
 * The insight loop inside workerd with real D1: what is kept of each answer, ratings tied to the
 * FAQ version and source, quoted questions, transcripts only when logging is on, the insights
 * route, and the daily retention purge (run through the Worker's own `scheduled` handler).
 */
import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Bindings } from "../env";
import { sha256Hex } from "../hashing";
import worker from "../index";
import type { Insights, Transcript, TranscriptList } from "../protocol";
import { adminEnv, call, json } from "../testing/admin";
import { postChat, providerEnv, readEvents, request, settled, textOf, uniqueTag } from "../testing/harness";
import { DAY_MS } from "../utc-day";
import { logAnswer } from "./answer-log";
import { saveFeedback } from "./feedback-store";

interface Asked {
  messageId: string;
  text: string;
  source: string;
}

type Turn = { role: "user" | "assistant"; content: string };

async function ask(vars: Bindings, visitorId: string, content: string, history: Turn[] = []): Promise<Asked> {
  const events = await readEvents(
    await postChat({ visitorId, messages: [...history, { role: "user", content }] }, vars),
  );
  await settled();
  const done = events.find((e) => e.event === "done")?.data;
  return { messageId: String(done?.messageId), text: textOf(events), source: String(done?.source) };
}

function rate(body: Record<string, unknown>, vars: Bindings = adminEnv()): Promise<Response> {
  return request("/api/feedback", { method: "POST", body: JSON.stringify(body) }, vars);
}

const answerRow = (messageId: string) =>
  env.DB.prepare("SELECT * FROM answers WHERE message_id = ?1").bind(messageId).first<Record<string, unknown>>();

const latestVersion = async () => (await json<{ version: number }>(await call("GET", "/faq"))).version;

const visitor = () => `visitor-${uniqueTag()}`;

/** A log policy for tests that call logAnswer directly: no transcripts, no text allowance. */
const keepNothing = { transcripts: false, mayKeep: async () => false };
const keepAll = { transcripts: true, mayKeep: async () => true };

describe("what is kept of each answer", () => {
  it("keeps only a fingerprint of an answered question, and the text of one the FAQ could not answer", async () => {
    const who = visitor();
    const answered = await ask(adminEnv(), who, "How long does delivery take?");
    const unknown = await ask(adminEnv(), who, "Who won the last World Cup?");
    const version = await latestVersion();

    expect(await answerRow(answered.messageId)).toMatchObject({
      faq_version: version,
      source: "faq",
      unanswered: 0,
      question: null,
      answer: null,
    });
    expect(await answerRow(unknown.messageId)).toMatchObject({
      faq_version: version,
      source: "faq",
      unanswered: 1,
      question: "Who won the last World Cup?",
      answer: unknown.text,
    });
    const row = await answerRow(answered.messageId);
    expect(row?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Salted with the site's secret: an unsalted hash of a guessed question does not match it.
    expect(row?.fingerprint).not.toBe(await sha256Hex(`How long does delivery take?\u0000${answered.text}`, 32));
    expect(JSON.stringify(row)).not.toContain(who);
  });

  it("records a model answer as such", async () => {
    const vars = providerEnv(uniqueTag(), { mode: "answer", text: "We ship on Tuesdays." });
    const asked = await ask(vars, visitor(), "When do you ship?");
    expect(asked.source).toBe("model");
    expect(await answerRow(asked.messageId)).toMatchObject({ source: "model", unanswered: 0, question: null });
  });

  it("keeps no transcript unless LOG_CONVERSATIONS=true", async () => {
    const asked = await ask(adminEnv(), visitor(), "How long does delivery take?");
    const turns = await env.DB.prepare("SELECT COUNT(*) AS n FROM transcript_turns WHERE message_id = ?1")
      .bind(asked.messageId)
      .first<{ n: number }>();
    expect(turns?.n).toBe(0);
  });
});

describe("feedback on an answer", () => {
  it("carries the answer's FAQ version and source; a visitor's later rating replaces the earlier one", async () => {
    const who = visitor();
    const asked = await ask(adminEnv(), who, "How long does delivery take?");
    expect((await rate({ visitorId: who, messageId: asked.messageId, rating: "down" })).status).toBe(204);
    expect((await rate({ visitorId: who, messageId: asked.messageId, rating: "up" })).status).toBe(204);
    const rows = await env.DB.prepare("SELECT rating, faq_version, source FROM feedback WHERE message_id = ?1")
      .bind(asked.messageId)
      .all();
    expect(rows.results).toEqual([{ rating: "up", faq_version: await latestVersion(), source: "faq" }]);
  });

  it("keeps a quoted question and answer with a thumbs-down only when they match what was sent", async () => {
    const who = visitor();
    const question = "How long does delivery take?";
    const asked = await ask(adminEnv(), who, question);
    const down = { visitorId: who, messageId: asked.messageId, rating: "down" };

    await rate({ ...down, question, answer: "Something the Worker never said" });
    expect(await answerRow(asked.messageId)).toMatchObject({ question: null, answer: null });

    await rate({ ...down, comment: "Too vague", question, answer: asked.text });
    expect(await answerRow(asked.messageId)).toMatchObject({ question, answer: asked.text });

    // Changing one's mind to a thumbs-up drops the quoted text again.
    await rate({ visitorId: who, messageId: asked.messageId, rating: "up" });
    expect(await answerRow(asked.messageId)).toMatchObject({ question: null, answer: null });
  });

  it("refuses a rating of an answer this visitor was not given, or that was never given, storing nothing", async () => {
    const asked = await ask(adminEnv(), visitor(), "How long does delivery take?");
    for (const messageId of [asked.messageId, `made-up-${uniqueTag()}`]) {
      const response = await rate({ visitorId: visitor(), messageId, rating: "down" });
      expect(response.status).toBe(400);
      expect((await json<{ error: { code: string; message: string } }>(response)).error).toEqual({
        code: "invalid_request",
        message: "messageId: is not an answer this visitor was given",
      });
      const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM feedback WHERE message_id = ?1")
        .bind(messageId)
        .first<{ n: number }>();
      expect(stored?.n).toBe(0);
    }
  });

  it("takes a rating that beats the answer's log by a moment", async () => {
    const who = visitor();
    const messageId = `early-${uniqueTag()}`;
    const sent = {
      messageId,
      source: "model" as const,
      text: "Soon.",
      sources: [],
      unanswered: false,
      outcome: "done" as const,
    };
    const messages = [{ role: "user" as const, content: "When?" }];
    const rating = rate({ visitorId: who, messageId, rating: "up" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await logAnswer(env, { visitorId: who, faqVersion: 7, messages, sent }, keepNothing);
    expect((await rating).status).toBe(204);
    const row = await env.DB.prepare("SELECT faq_version, source FROM feedback WHERE message_id = ?1")
      .bind(messageId)
      .first();
    expect(row).toEqual({ faq_version: 7, source: "model" });
  });

  it.each([
    ["a question over 4000 characters", { question: "q".repeat(4001) }, /^question: .*at most 4000/],
    ["an answer over 16000 characters", { answer: "a".repeat(16_001) }, /^answer: .*at most 16000/],
    ["a non-string comment", { comment: 42 }, /^comment: must be a string/],
  ])("rejects %s with a 400 naming the field, storing nothing", async (_, change, message) => {
    const messageId = `bad-${uniqueTag()}`;
    const response = await rate({ visitorId: visitor(), messageId, rating: "down", ...change });
    expect(response.status).toBe(400);
    expect((await json<{ error: { message: string } }>(response)).error.message).toMatch(message);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM feedback WHERE message_id = ?1")
      .bind(messageId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it("shares the per-visitor request limit with chat, with Retry-After", async () => {
    const who = visitor();
    const asked = await ask(adminEnv(), who, "How long does delivery take?");
    const vars = adminEnv({ RATE_LIMIT_PER_MINUTE: "3" });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await rate({ visitorId: who, messageId: asked.messageId, rating: "up" }, vars)).status);
    // The chat that gave the answer was the first of the visitor's three a minute.
    expect(statuses).toEqual([204, 204, 429, 429]);
  });
});

describe("GET /api/admin/insights", () => {
  it("groups unanswered and rated-down questions, lists rated-down answers, and rates each version", async () => {
    const who = visitor();
    const first = await ask(adminEnv(), who, "Do you ship to Antarctica?");
    await ask(adminEnv(), visitor(), "Can you ship to Antarctica?");
    await rate({
      visitorId: who,
      messageId: first.messageId,
      rating: "down",
      comment: "I live at a research station",
      question: "Do you ship to Antarctica?",
      answer: first.text,
    });
    // An answered question rated down is listed too, but was never unanswered.
    const answered = await ask(adminEnv(), who, "When will my order ship?");
    await rate({
      visitorId: who,
      messageId: answered.messageId,
      rating: "down",
      question: "When will my order ship?",
      answer: answered.text,
    });
    const version = await latestVersion();

    const insights = await json<Insights>(await call("GET", "/insights"));
    expect(insights.unanswered.find((g) => g.question === "When will my order ship?")).toMatchObject({
      count: 1,
      unanswered: 0,
      ratedDown: 1,
      answeredNow: false,
    });
    expect(insights.logging).toEqual({ enabled: false, retentionDays: 30 });
    const group = insights.unanswered.find((g) => g.examples.includes("Do you ship to Antarctica?"));
    expect(group).toMatchObject({ count: 2, unanswered: 2, ratedDown: 1, answeredNow: false });
    expect(group?.examples).toContain("Can you ship to Antarctica?");
    expect(insights.ratedDown.find((r) => r.messageId === first.messageId)).toMatchObject({
      question: "Do you ship to Antarctica?",
      answer: first.text,
      comment: "I live at a research station",
      faqVersion: version,
      source: "faq",
    });
    const row = insights.satisfaction.find((s) => s.version === version);
    expect(row?.down).toBeGreaterThanOrEqual(1);
    expect(row?.rate).toBe((row?.up ?? 0) / ((row?.up ?? 0) + (row?.down ?? 0)));

    // The operator adds an entry for it: the group now shows as answered, and the FAQ answers it.
    const { content } = await json<{ content: string }>(await call("GET", "/faq"));
    const entry =
      "\n\n## Do you ship to Antarctica?\n\nYes: research stations get our beans by the January supply flight.\n";
    expect((await call("PUT", "/faq", { content: content + entry, baseVersion: version })).status).toBe(200);
    const after = await json<Insights>(await call("GET", "/insights"));
    expect(after.unanswered.find((g) => g.examples.includes("Do you ship to Antarctica?"))?.answeredNow).toBe(true);
    expect((await ask(adminEnv(), visitor(), "Do you ship to Antarctica?")).text).toContain("January supply flight");
  });

  it("is for the operator only", async () => {
    const response = await request("/api/admin/insights", { method: "GET" }, adminEnv());
    expect(response.status).toBe(401);
  });
});

describe("transcripts", () => {
  const logging = (overrides: Partial<Bindings> = {}) => adminEnv({ LOG_CONVERSATIONS: "true", ...overrides });
  const conversationsOf = async (vars: Bindings) =>
    (await json<TranscriptList>(await call("GET", "/transcripts", undefined, vars))).conversations;

  it("are kept per conversation when LOG_CONVERSATIONS=true, readable and deletable", async () => {
    const vars = logging();
    const who = visitor();
    const question = `Who won the last World Cup? (${uniqueTag()})`;
    const one = await ask(vars, who, question);
    const two = await ask(vars, who, "How long does delivery take?", [
      { role: "user", content: question },
      { role: "assistant", content: one.text },
    ]);

    const list = await json<TranscriptList>(await call("GET", "/transcripts", undefined, vars));
    expect(list.logging).toEqual({ enabled: true, retentionDays: 30 });
    const summary = list.conversations.find((c) => c.firstQuestion === question);
    expect(summary).toMatchObject({ turns: 2 });
    expect(summary?.visitor).toMatch(/^[0-9a-f]{8}$/);

    const transcript = await json<Transcript>(await call("GET", `/transcripts/${summary?.id}`, undefined, vars));
    expect(transcript.turns).toMatchObject([
      { messageId: one.messageId, question, answer: one.text, source: "faq", outcome: "done" },
      { messageId: two.messageId, question: "How long does delivery take?", answer: two.text, outcome: "done" },
    ]);
    expect(JSON.stringify(transcript)).not.toContain(who);
    // The unanswered question's text, kept for the insights, goes with the transcript.
    expect((await answerRow(one.messageId))?.question).toBe(question);

    expect((await call("DELETE", `/transcripts/${summary?.id}`, undefined, vars)).status).toBe(204);
    expect((await call("GET", `/transcripts/${summary?.id}`, undefined, vars)).status).toBe(404);
    expect((await call("DELETE", `/transcripts/${summary?.id}`, undefined, vars)).status).toBe(404);
    expect((await answerRow(one.messageId))?.question).toBeNull();
  });

  it("record an answer the visitor stopped, as far as it got", async () => {
    const vars = logging();
    const scenario = { mode: "answer" as const, text: "One. Two. Three. Four. Five. Six.", gapMs: 150 };
    const question = `Tell me slowly (${uniqueTag()})`;
    const response = await postChat(
      { visitorId: visitor(), messages: [{ role: "user", content: question }] },
      providerEnv(uniqueTag(), scenario, { LOG_CONVERSATIONS: "true" }),
    );
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    await settled();
    const summary = (await conversationsOf(vars)).find((c) => c.firstQuestion === question);
    const transcript = await json<Transcript>(await call("GET", `/transcripts/${summary?.id}`, undefined, vars));
    expect(transcript.turns[0]).toMatchObject({ source: "model", outcome: "stopped" });
  });

  it("can all be deleted at once", async () => {
    const vars = logging();
    await ask(vars, visitor(), "How long does delivery take?");
    expect((await conversationsOf(vars)).length).toBeGreaterThan(0);
    expect((await call("DELETE", "/transcripts", undefined, vars)).status).toBe(204);
    expect(await conversationsOf(vars)).toEqual([]);
  });
});

describe("the retention purge", () => {
  it("runs daily from the cron trigger and deletes what is older than TRANSCRIPT_RETENTION_DAYS", async () => {
    const now = Date.UTC(2026, 5, 30, 3, 17);
    const at = (days: number) => new Date(now - days * DAY_MS);
    const sent = (messageId: string) => ({
      messageId,
      source: "faq" as const,
      text: "I'm sorry, I couldn't find an answer to that in our FAQ.",
      sources: [],
      unanswered: true,
      outcome: "done" as const,
    });
    const old = `old-${uniqueTag()}`;
    const recent = `recent-${uniqueTag()}`;
    const version = 1000 + Math.floor(Math.random() * 1e6);
    const messages = [{ role: "user" as const, content: "Who won the last World Cup?" }];
    for (const [messageId, days] of [
      [old, 31],
      [recent, 29],
    ] as const) {
      await logAnswer(
        env,
        { visitorId: "visitor-purge", faqVersion: version, messages, sent: sent(messageId) },
        keepAll,
        at(days),
      );
      await saveFeedback(
        env,
        { visitorId: "visitor-purge", messageId, rating: "down", comment: "Not helpful" },
        keepAll.mayKeep,
        at(days),
      );
    }
    const satisfaction = async () =>
      (await json<Insights>(await call("GET", "/insights"))).satisfaction.find((v) => v.version === version);
    expect(await satisfaction()).toMatchObject({ up: 0, down: 2 });

    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "17 3 * * *" }), {
      ...env,
      TRANSCRIPT_RETENTION_DAYS: "30",
    });

    const turns = await env.DB.prepare("SELECT message_id FROM transcript_turns WHERE message_id IN (?1, ?2)")
      .bind(old, recent)
      .all();
    expect(turns.results).toEqual([{ message_id: recent }]);
    expect(await answerRow(old)).toBeNull();
    expect(await answerRow(recent)).toMatchObject({ question: "Who won the last World Cup?" });
    const ratings = await env.DB.prepare(
      "SELECT message_id, rating, comment FROM feedback WHERE message_id IN (?1, ?2) ORDER BY id",
    )
      .bind(old, recent)
      .all();
    // The old rating is deleted, its vote kept in the version's totals: satisfaction is unchanged.
    expect(ratings.results).toEqual([{ message_id: recent, rating: "down", comment: "Not helpful" }]);
    expect(await satisfaction()).toMatchObject({ up: 0, down: 2 });
  });

  it("honours a shorter retention", async () => {
    const now = Date.UTC(2026, 6, 30, 3, 17);
    const messageId = `week-${uniqueTag()}`;
    const messages = [{ role: "user" as const, content: "Tell me a joke" }];
    const sent = {
      messageId,
      source: "faq" as const,
      text: "Sorry.",
      sources: [],
      unanswered: true,
      outcome: "done" as const,
    };
    await logAnswer(
      env,
      { visitorId: "visitor-purge", faqVersion: 1, messages, sent },
      keepAll,
      new Date(now - 8 * DAY_MS),
    );
    await worker.scheduled(createScheduledController({ scheduledTime: now }), {
      ...env,
      TRANSCRIPT_RETENTION_DAYS: "7",
    });
    expect(await answerRow(messageId)).toBeNull();
  });
});
