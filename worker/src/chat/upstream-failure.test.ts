/**
 * Provider errors told apart by what fixes them, from their status and their error's
 * type/code/param alone: the message, which may echo the key, is never kept.
 */
import { describe, expect, it } from "vitest";
import { ERROR_PREFIX_BYTES, httpFailure, readErrorFields } from "./upstream-failure";

const error = (status: number, fields: object, headers: HeadersInit = {}) =>
  new Response(JSON.stringify({ error: { message: "Incorrect API key provided: sk-test-****3210.", ...fields } }), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

describe("a provider's HTTP error", () => {
  it.each([
    [401, { type: "invalid_request_error", code: "invalid_api_key" }, "key_rejected"],
    [403, { type: "invalid_request_error", code: "unsupported_country_region_territory" }, "key_rejected"],
    [400, { type: "authentication_error", code: null }, "key_rejected"],
    [429, { type: "insufficient_quota", code: "insufficient_quota" }, "quota_exhausted"],
    [429, { type: "requests", code: "billing_hard_limit_reached" }, "quota_exhausted"],
    [402, { type: "payment_required", code: 402 }, "quota_exhausted"],
    [429, { type: "requests", code: "rate_limit_exceeded" }, "rate_limited"],
    [429, {}, "rate_limited"],
    [404, { type: "invalid_request_error", code: "model_not_found" }, "model_not_found"],
    [400, { type: "invalid_request_error", code: "model_not_found" }, "model_not_found"],
    [400, { type: "invalid_request_error", param: "model", code: null }, "model_not_found"],
    [400, { type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" }, "request_rejected"],
    [422, { type: "invalid_request_error", code: "context_length_exceeded" }, "request_rejected"],
    [408, {}, "timeout"],
    [500, { type: "server_error", code: null }, "provider_error"],
    [503, { type: "server_error", code: "model_overloaded" }, "provider_error"],
  ])("HTTP %i %j is %s", async (status, fields, kind) => {
    const failure = await httpFailure(error(status, fields));
    expect(failure.kind).toBe(kind);
    expect(failure.message).not.toContain("sk-test");
  });

  it("keeps the type, code and param, never the message", async () => {
    const fields = await readErrorFields(
      error(400, { type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" }),
    );
    expect(fields).toEqual({ type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" });
    // A "code" that is a sentence (it might quote the key) is dropped.
    expect(await readErrorFields(error(401, { code: "Incorrect API key sk-test-9f8e7d6c" }))).toEqual({});
  });

  it("reads the top-level fields of providers that put them there", async () => {
    const vllm = new Response(JSON.stringify({ object: "error", message: "…", type: "BadRequestError", code: 400 }), {
      status: 400,
    });
    expect(await readErrorFields(vllm)).toEqual({ type: "BadRequestError", code: "400" });
  });

  it("takes the one retry's wait from Retry-After on a rate limit only", async () => {
    expect((await httpFailure(error(429, { code: "rate_limit_exceeded" }, { "Retry-After": "1" }))).retryAfter).toBe(1);
    expect((await httpFailure(error(429, { code: "insufficient_quota" }, { "Retry-After": "1" }))).retryAfter).toBe(
      undefined,
    );
  });

  it("reads no more than the first 8 KB of a body, and lets go of the rest", async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await readErrorFields(new Response(body, { status: 502 }))).toEqual({});
    expect(pulled).toBeLessThanOrEqual(ERROR_PREFIX_BYTES + 2048);
    expect(cancelled).toBe(true);
  });
});
