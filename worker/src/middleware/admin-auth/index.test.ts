/** Operator sign-in: the token, compared in constant time; off without one; wrong guesses slowed per IP. */
import { describe, expect, it } from "vitest";
import { adminEnv, call, json, TOKEN } from "../../testing/admin";
import { testEnv } from "../../testing/harness";

describe("admin authentication", () => {
  it("answers 503 admin_disabled when no ADMIN_TOKEN is set", async () => {
    const response = await call("GET", "/faq", undefined, testEnv());
    expect(response.status).toBe(503);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe("admin_disabled");
  });

  it("answers 401 to a missing or wrong token, and lets the right one in", async () => {
    for (const authorization of ["", "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await call("GET", "/faq", undefined, adminEnv(), { Authorization: authorization });
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe("unauthorized");
    }
    expect((await call("GET", "/faq")).status).toBe(200);
  });

  it("decides concurrent guesses atomically, per IPv6 /64: 5 wrong tokens, then refusals", async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call("GET", "/faq", undefined, adminEnv(), {
          "CF-Connecting-IP": `${prefix}::${i + 1}`,
          Authorization: "Bearer guess",
        }),
      ),
    );
    const statuses = guesses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    // Even the right token is refused from that /64 for the minute; another network is not.
    expect((await call("GET", "/faq", undefined, adminEnv(), { "CF-Connecting-IP": `${prefix}::99` })).status).toBe(
      429,
    );
    expect(
      (await call("GET", "/faq", undefined, adminEnv(), { "CF-Connecting-IP": "2001:db8:ffff:2::1" })).status,
    ).toBe(200);
  });

  it("slows down repeated failures from one IP", async () => {
    const ip = { "CF-Connecting-IP": `203.0.113.${Math.floor(Math.random() * 250) + 1}` };
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await call("GET", "/faq", undefined, adminEnv(), { ...ip, Authorization: "Bearer guess" })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const blocked = await call("GET", "/faq", undefined, adminEnv(), ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});
