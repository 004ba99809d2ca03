/** The public routes besides chat: config, health, and JSON answers for unknown paths and methods. */
import { describe, expect, it } from "vitest";
import { WidgetConfig } from "../protocol";
import { request, SITE, testEnv } from "../testing/harness";

describe("GET /api/config", () => {
  it("serves valid public settings: the FAQ's first questions as suggestions, its contact", async () => {
    const response = await request("/api/config", {}, testEnv());
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SITE);
    expect(response.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
    const config = WidgetConfig.parse(await response.json());
    expect(config.contactUrl).toBe("mailto:support@tidewater.coffee");
    expect(config.suggestions).toEqual([
      "How do I reset my password?",
      "When will my order ship?",
      "How long does delivery take?",
    ]);
  });
});

describe("GET /api/health", () => {
  it("says model mode when a key is set and faq-only without one", async () => {
    const withKey = await request("/api/health", {}, testEnv());
    expect(await withKey.json()).toEqual({ ok: true, mode: "model" });
    const withoutKey = await request("/api/health", {}, testEnv({ OPENAI_API_KEY: "" }));
    expect(await withoutKey.json()).toEqual({ ok: true, mode: "faq-only" });
  });

  it("answers any origin, for uptime monitors", async () => {
    const response = await request("/api/health", { headers: { Origin: "https://monitor.example" } }, testEnv());
    expect(response.status).toBe(200);
  });
});

describe("unknown routes and methods", () => {
  it("answer JSON errors, never HTML", async () => {
    const unknown = await request("/api/nope", {}, testEnv());
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const wrongMethod = await request("/api/chat", { method: "GET" }, testEnv());
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });
});
