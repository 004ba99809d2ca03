/**
 * The product end to end, as a developer runs it: `npm run serve` (wrangler dev, workerd) with a
 * fake provider on loopback. Proves the stream reaches a plain HTTP client unbuffered, and that a
 * visitor who disconnects cancels the upstream request through the real runtime.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { scenarioBaseUrl } from "../../worker/tools/fake-provider/scenarios.ts";
import { defaultAnswer, type FakeProvider, startFakeProvider } from "../../worker/tools/fake-provider/server.ts";
import { startWorker, type WorkerProcess } from "../support/worker-process.ts";

const KEY = "sk-e2e-0123456789abcdefghijklmnop";
const SITE = "http://localhost:5173";

let provider: FakeProvider;
let worker: WorkerProcess;

beforeAll(async () => {
  provider = await startFakeProvider();
  worker = await startWorker({
    OPENAI_API_KEY: KEY,
    // The scenario in the base URL makes each chunk wait, so a disconnect lands mid-answer.
    OPENAI_BASE_URL: scenarioBaseUrl(provider.origin, "e2e", { mode: "answer", gapMs: 100 }),
    ALLOWED_ORIGINS: SITE,
  });
});

afterAll(async () => {
  await worker?.stop();
  await provider?.close();
});

function chat(question: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${worker.origin}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: SITE },
    body: JSON.stringify({ visitorId: "visitor-e2e-1", messages: [{ role: "user", content: question }] }),
    ...(signal ? { signal } : {}),
  });
}

describe("npm run serve", () => {
  it("streams the provider's answer as delta events and one done", async () => {
    const response = await chat("Do you ship to Canada?");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("access-control-allow-origin")).toBe(SITE);
    const body = await response.text();
    const deltas = [...body.matchAll(/^event: delta\ndata: (.*)$/gm)].map(
      (m) => (JSON.parse(m[1] ?? "") as { text: string }).text,
    );
    expect(deltas.join("")).toBe(defaultAnswer("Do you ship to Canada?"));
    expect(body.match(/^event: done$/gm)).toHaveLength(1);
    expect(body).not.toContain(KEY.slice(8, 16));
  });

  it("delivers the first delta before the answer is complete", async () => {
    const response = await chat("Is the first token streamed?");
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^event: delta/);
    expect(new TextDecoder().decode(first?.value)).not.toContain("event: done");
    await reader?.cancel();
  });

  it("cancels the upstream request when the visitor disconnects", async () => {
    const before = provider.requests("e2e").length;
    const controller = new AbortController();
    const response = await chat("Please cancel me", controller.signal);
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    await vi.waitFor(
      () => {
        const sent = provider.requests("e2e")[before];
        expect(sent?.closedEarly).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it("serves health, the static landing page, and JSON errors", async () => {
    expect(await (await fetch(`${worker.origin}/api/health`)).json()).toEqual({ ok: true, mode: "model" });
    const landing = await fetch(`${worker.origin}/`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain("Support Chat is running");
    const invalid = await fetch(`${worker.origin}/api/chat`, { method: "POST", headers: { Origin: SITE }, body: "[]" });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("access-control-allow-origin")).toBe(SITE);
  });
});

describe("an oversized body", () => {
  it("gets a clean 413 every time, sent chunked without a Content-Length", async () => {
    const answers = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const piece = new Uint8Array(16 * 1024).fill(120);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 1024 * 1024) return controller.close();
          sent += piece.length;
          controller.enqueue(piece);
        },
      });
      const outcome = await fetch(`${worker.origin}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: SITE },
        body,
        duplex: "half",
      } as RequestInit).then(
        async (response) => `${response.status} ${((await response.json()) as { error: { code: string } }).error.code}`,
        (error: unknown) => `failed: ${String(error)}`,
      );
      answers.set(outcome, (answers.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(answers)).toEqual({ "413 payload_too_large": 40 });
  });
});

describe("widget.js", () => {
  it("is cacheable and loads from any site", async () => {
    const response = await fetch(`${worker.origin}/widget.js`, { headers: { Origin: "https://any-site.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(response.headers.get("etag")).toBeTruthy();
    expect(response.headers.get("cross-origin-resource-policy")).toBeNull();
    const panel = /\.\/(widget-panel-en-[\w-]+\.js)/.exec(await response.text())?.[1];
    const chunk = await fetch(`${worker.origin}/${panel}`, { headers: { Origin: "https://any-site.example" } });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get("access-control-allow-origin")).toBe("*");
    expect(chunk.headers.get("cache-control")).toContain("immutable");
  });
});

describe("security headers", () => {
  it("guard the API and the console, without stopping widget.js from loading anywhere", async () => {
    const api = await fetch(`${worker.origin}/api/health`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("referrer-policy")).toBe("no-referrer");
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");

    const console = await fetch(`${worker.origin}/admin/`);
    expect(console.status).toBe(200);
    expect(console.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(console.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(console.headers.get("x-content-type-options")).toBe("nosniff");
    expect(console.headers.get("referrer-policy")).toBe("no-referrer");

    const widget = await fetch(`${worker.origin}/widget.js`);
    expect(widget.headers.get("x-content-type-options")).toBe("nosniff");
    expect(widget.headers.get("cross-origin-resource-policy")).toBeNull();
    expect(widget.headers.get("content-security-policy")).toBeNull();
  });
});
