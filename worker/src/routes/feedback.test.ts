/** docs/http-api.md `POST /api/feedback`: validated, stored, 204; same CORS and per-visitor limits as chat. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postChat, providerEnv, readEvents, request, SITE, settled, testEnv, uniqueTag } from "../testing/harness";

const faqOnly = (vars: Record<string, string> = {}) =>
  providerEnv(uniqueTag(), { mode: "answer" }, { OPENAI_API_KEY: "", ...vars });

/** Asks a question as `visitorId` and returns the answer's id, the only kind a visitor may rate. */
async function answerFor(visitorId: string, vars = faqOnly()): Promise<string> {
  const events = await readEvents(
    await postChat({ visitorId, messages: [{ role: "user", content: "Do you have decaf?" }] }, vars),
  );
  await settled();
  return String(events.find((event) => event.event === "done")?.data.messageId);
}

const rating = (visitorId: string, messageId: string, extra: Record<string, unknown> = {}) => ({
  visitorId,
  messageId,
  rating: "down",
  ...extra,
});
const post = (body: unknown, vars = testEnv(), headers: HeadersInit = {}) =>
  request("/api/feedback", { method: "POST", body: JSON.stringify(body), headers }, vars);

describe("POST /api/feedback", () => {
  it("stores a rating with its comment and answers 204, keeping the visitor only as a hash", async () => {
    const visitor = `fb-${uniqueTag()}`;
    const messageId = await answerFor(visitor);
    const response = await post(rating(visitor, messageId, { comment: "  Didn't answer my question  " }));
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SITE);
    const row = await env.DB.prepare("SELECT * FROM feedback WHERE message_id = ?1 ORDER BY id DESC LIMIT 1")
      .bind(messageId)
      .first<Record<string, string>>();
    expect(row).toMatchObject({ rating: "down", comment: "Didn't answer my question" });
    expect(row?.visitor_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain(visitor);
  });

  it.each([
    ["a missing messageId", { messageId: undefined }, /^messageId: is required/],
    ["an unknown rating", { rating: "meh" }, /^rating: must be 'up' or 'down'/],
    ["a 1001-character comment", { comment: "x".repeat(1001) }, /^comment: .*at most 1000/],
    ["a bad visitorId", { visitorId: "no" }, /^visitorId: /],
  ])("rejects %s with a 400 naming the field", async (_, change, message) => {
    const response = await post({ ...rating(`fb-${uniqueTag()}`, "msg-123"), ...change });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it("refuses other origins", async () => {
    const response = await post(rating(`fb-${uniqueTag()}`, "msg-123"), testEnv(), { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
  });

  it("shares the per-visitor limit with chat", async () => {
    const visitor = `fb-shared-${uniqueTag()}`;
    const vars = faqOnly({ RATE_LIMIT_PER_MINUTE: "2" });
    const messageId = await answerFor(visitor, vars);
    expect((await post(rating(visitor, messageId), vars)).status).toBe(204);
    const refused = await post(rating(visitor, messageId), vars);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBe(SITE);
  });
});
