/**
 * Helpers for Worker tests inside workerd: call the app with a chosen provider scenario, read
 * our SSE stream back, and ask the fake provider what it received.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { type RecordedRequest, type Scenario, scenarioBaseUrl } from "../../tools/fake-provider/scenarios";
import type { Bindings } from "../env";
import { app } from "../index";
import { hurryPauses } from "../pause";
import { SseParser } from "../protocol/sse-parser";

export const TEST_KEY = "sk-test-9f8e7d6c5b4a3210ZYXWVUTSRQPONMLKJI";
export const SITE = "https://shop.example";

let counter = 0;

/** A unique tag, so a test reads back only its own provider requests. */
export function uniqueTag(): string {
  counter += 1;
  return `t${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 8)}`;
}

/** The Worker's env for a test: our key, our site, and limits high enough not to get in the way. */
export function testEnv(overrides: Partial<Bindings> = {}): Bindings {
  return {
    ...env,
    OPENAI_API_KEY: TEST_KEY,
    ALLOWED_ORIGINS: SITE,
    RATE_LIMIT_PER_MINUTE: "100000",
    RATE_LIMIT_TOKENS_PER_DAY: "100000000",
    DAILY_TOKEN_BUDGET: "1000000000",
    ...overrides,
  };
}

export function providerEnv(tag: string, scenario: Scenario, overrides: Partial<Bindings> = {}): Bindings {
  return testEnv({ OPENAI_BASE_URL: scenarioBaseUrl(inject("fakeProviderOrigin"), tag, scenario), ...overrides });
}

export function chatBody(content = "How long does delivery take?"): {
  visitorId: string;
  messages: { role: string; content: string }[];
} {
  return { visitorId: "visitor-0001", messages: [{ role: "user", content }] };
}

/** Execution contexts of the requests made so far, whose `waitUntil` work may still run. */
const contexts: ExecutionContext[] = [];

/**
 * Without an address of its own, a request comes from a network of its visitor's own (10.x.y.z,
 * from the visitor id), as most visitors' requests do: tests that are not about networks do not
 * share one network's limits.
 */
function visitorsAddress(body: string | undefined): string | undefined {
  const visitorId = /"visitorId"\s*:\s*"([^"]*)"/.exec(body ?? "")?.[1];
  if (!visitorId) return undefined;
  let hash = 0;
  for (const char of visitorId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
}

export function request(path: string, init: RequestInit & { body?: string }, bindings: Bindings): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has("Origin")) headers.set("Origin", SITE);
  const address = visitorsAddress(init.body);
  if (!headers.has("CF-Connecting-IP") && address) headers.set("CF-Connecting-IP", address);
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const context = createExecutionContext();
  contexts.push(context);
  return Promise.resolve(app.request(path, { ...init, headers }, bindings, context));
}

/** Waits for the work requests left running after their responses (stats writes, settlements). */
export async function settled(): Promise<void> {
  // Stats and settlements are written in batches after a pause: write them at once, those of
  // answers still ending too.
  const flushing = setInterval(hurryPauses, 5);
  hurryPauses();
  await Promise.all(contexts.splice(0).map((context) => waitOnExecutionContext(context)));
  clearInterval(flushing);
}

export function postChat(body: unknown, bindings: Bindings, headers: HeadersInit = {}): Promise<Response> {
  return request("/api/chat", { method: "POST", headers, body: JSON.stringify(body) }, bindings);
}

export interface StreamedEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a whole SSE response into its events. */
export async function readEvents(response: Response): Promise<StreamedEvent[]> {
  const parser = new SseParser();
  const events = [];
  const reader = response.body?.getReader();
  if (!reader) return [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    events.push(...parser.push(value));
  }
  events.push(...parser.end());
  return events.map(({ event, data }) => ({ event, data: JSON.parse(data) as Record<string, unknown> }));
}

/** Reads an SSE response one event at a time, for tests that act while an answer streams. */
export class SseEvents {
  /** Every event read so far. */
  readonly seen: StreamedEvent[] = [];
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #parser = new SseParser();
  #queue: StreamedEvent[] = [];
  #ended = false;

  constructor(response: Response) {
    this.#reader = response.body?.getReader();
  }

  /** The next event, or null at the end of the stream. */
  async next(): Promise<StreamedEvent | null> {
    while (this.#queue.length === 0 && !this.#ended && this.#reader) {
      const { done, value } = await this.#reader.read();
      const parsed = done ? this.#parser.end() : this.#parser.push(value);
      this.#ended = done;
      this.#queue.push(
        ...parsed.map(({ event, data }) => ({ event, data: JSON.parse(data) as Record<string, unknown> })),
      );
    }
    const event = this.#queue.shift() ?? null;
    if (event) this.seen.push(event);
    return event;
  }

  /** The rest of the events, to the end. */
  async all(): Promise<StreamedEvent[]> {
    const rest: StreamedEvent[] = [];
    for (let event = await this.next(); event; event = await this.next()) rest.push(event);
    return rest;
  }
}

export function textOf(events: StreamedEvent[]): string {
  return events
    .filter((e) => e.event === "delta")
    .map((e) => e.data.text)
    .join("");
}

/** What the fake provider received under `tag`. */
export async function providerRequests(tag: string): Promise<RecordedRequest[]> {
  const response = await fetch(`${inject("fakeProviderOrigin")}/__requests/${encodeURIComponent(tag)}`);
  return (await response.json()) as RecordedRequest[];
}

/**
 * From now on the fake provider answers requests under `tag` with `scenario` (null: with what their
 * base URL says again), as a provider changes its mind: a key revoked, a quota spent.
 */
export async function setProviderScenario(tag: string, scenario: Scenario | null): Promise<void> {
  const response = await fetch(`${inject("fakeProviderOrigin")}/__scenario/${encodeURIComponent(tag)}`, {
    method: scenario ? "POST" : "DELETE",
    ...(scenario ? { body: JSON.stringify(scenario) } : {}),
  });
  if (!response.ok) throw new Error(`the fake provider refused the scenario: HTTP ${response.status}`);
}

/** The system message of the last chat request the fake provider received under `tag` ("" if none). */
export async function lastSystemMessage(tag: string): Promise<string> {
  const chats = (await providerRequests(tag)).filter((r) => r.path.endsWith("/chat/completions"));
  const body = chats.at(-1)?.body;
  const messages = typeof body === "object" && body !== null && "messages" in body ? body.messages : [];
  const first: unknown = Array.isArray(messages) ? messages[0] : undefined;
  return typeof first === "object" && first !== null && "content" in first ? String(first.content) : "";
}
