/** docs/http-api.md CORS: allowed origins only, preflight included, headers on every answer. */
import { describe, expect, it } from "vitest";
import { parseOrigins } from "../../env-config";
import { chatBody, providerEnv, request, SITE, testEnv, uniqueTag } from "../../testing/harness";
import { isOriginAllowed } from "./index";

describe("isOriginAllowed", () => {
  const self = "https://chat.example.workers.dev";
  it("allows listed origins, case- and trailing-slash-insensitively", () => {
    const allowed = parseOrigins(" https://Shop.example/ , https://www.shop.example");
    expect(isOriginAllowed("https://shop.example", allowed, self)).toBe(true);
    expect(isOriginAllowed("https://www.shop.example", allowed, self)).toBe(true);
    expect(isOriginAllowed("https://evil.example", allowed, self)).toBe(false);
    expect(isOriginAllowed("https://shop.example.evil.example", allowed, self)).toBe(false);
    expect(isOriginAllowed(undefined, allowed, self)).toBe(false);
  });

  it("always allows the Worker's own origin, and anything under *", () => {
    expect(isOriginAllowed(self, parseOrigins(""), self)).toBe(true);
    expect(isOriginAllowed("https://any.example", parseOrigins("*"), self)).toBe(true);
    expect(isOriginAllowed(undefined, parseOrigins("https://a.example,*"), self)).toBe(true);
  });
});

describe("CORS on the API", () => {
  it("answers a preflight from an allowed origin", async () => {
    const response = await request(
      "/api/chat",
      {
        method: "OPTIONS",
        headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
      },
      testEnv(),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SITE);
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect(response.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("content-type");
    expect(response.headers.get("Vary")).toContain("Origin");
  });

  it("refuses a preflight and a request from another origin with 403 origin_not_allowed", async () => {
    for (const method of ["OPTIONS", "POST"]) {
      for (const path of ["/api/chat", "/api/config"]) {
        const init = method === "POST" && path === "/api/chat" ? { body: JSON.stringify(chatBody()) } : {};
        const response = await request(
          path,
          {
            method: path === "/api/config" && method === "POST" ? "GET" : method,
            headers: { Origin: "https://evil.example" },
            ...init,
          },
          testEnv(),
        );
        expect(response.status).toBe(403);
        expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");
      }
    }
  });

  it("refuses a request without Origin unless ALLOWED_ORIGINS is *", async () => {
    const noOrigin = (env = testEnv()) => request("/api/config", { headers: { Origin: "" } }, env);
    expect((await noOrigin()).status).toBe(403);
    const open = await noOrigin(testEnv({ ALLOWED_ORIGINS: "*" }));
    expect(open.status).toBe(200);
    expect(open.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("puts Access-Control-Allow-Origin on error answers to an allowed origin", async () => {
    const invalid = await request("/api/chat", { method: "POST", body: "{}" }, testEnv());
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("Access-Control-Allow-Origin")).toBe(SITE);

    const tooLarge = await request("/api/chat", { method: "POST", body: "x".repeat(70_000) }, testEnv());
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("Access-Control-Allow-Origin")).toBe(SITE);

    const upstream = await request(
      "/api/chat",
      { method: "POST", body: JSON.stringify(chatBody()) },
      providerEnv(uniqueTag(), { mode: "status", status: 500 }, { FAQ_FALLBACK: "false" }),
    );
    expect(upstream.status).toBe(502);
    expect(upstream.headers.get("Access-Control-Allow-Origin")).toBe(SITE);
  });

  it("exposes Retry-After to the widget", async () => {
    const response = await request("/api/config", {}, testEnv());
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("Retry-After");
  });
});
