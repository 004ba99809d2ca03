/** Every API answer, errors included, carries the security headers; widget.js is left loadable from any site. */
import { describe, expect, it } from "vitest";
import { request, testEnv } from "../../testing/harness";
import { API_SECURITY_HEADERS } from "./policy";

describe("security headers", () => {
  it("are on successes, client errors and unknown routes alike", async () => {
    const answers = await Promise.all([
      request("/api/health", {}, testEnv()),
      request("/api/chat", { method: "POST", body: "{" }, testEnv()),
      request("/api/nowhere", {}, testEnv()),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 404]);
    for (const answer of answers) {
      for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(answer.headers.get(name)).toBe(value);
    }
  });

  it("never set Cross-Origin-Resource-Policy, which would stop other sites loading the widget", async () => {
    const answer = await request("/api/health", {}, testEnv());
    expect(answer.headers.get("Cross-Origin-Resource-Policy")).toBeNull();
  });
});
