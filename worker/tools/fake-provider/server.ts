/**
 * A fake OpenAI-compatible provider: a real HTTP server on loopback that streams Chat Completions
 * the way providers do (awkward chunk splits, recorded fixtures, failures of every kind) and
 * records each request it gets, including whether the client went away before the end.
 *
 * Base URLs look like `http://127.0.0.1:PORT/<tag>/<scenario>/v1` (see scenarios.ts);
 * `GET /__requests/<tag>` returns what was received under a tag, and `POST /__scenario/<tag>` with
 * a scenario as JSON changes what requests under that tag get from then on (revoking a key in the
 * middle of a test, say), whatever their base URL says; `DELETE` goes back to the base URL's.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { decodeScenario, type ProviderErrorName, type RecordedRequest, type Scenario } from "./scenarios.ts";

/** The recorded provider streams (`NAME.sse` + `NAME.json`) that the "fixture" scenario replays. */
export const FIXTURES_DIR = fileURLToPath(new URL("../../../tests/fixtures/provider-streams/", import.meta.url));

export interface FakeProvider {
  origin: string;
  requests(tag: string): RecordedRequest[];
  /** From now on, answers requests under `tag` with `scenario`, whatever their base URL says. */
  setScenario(tag: string, scenario: Scenario): void;
  close(): Promise<void>;
}

/** Chunk sizes, in bytes, that the body is cut into: they split lines, JSON and UTF-8 characters. */
const AWKWARD_SPLITS = [1, 7, 2, 13, 5, 31, 3, 64];

export async function startFakeProvider(port = 0, host = "127.0.0.1"): Promise<FakeProvider> {
  const log: RecordedRequest[] = [];
  const overrides = new Map<string, Scenario>();
  const server: Server = createServer((req, res) => {
    handle(req, res, log, overrides).catch((err: unknown) => {
      console.error("fake provider:", err);
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${actualPort}`,
    requests: (tag) => log.filter((r) => r.tag === tag),
    setScenario: (tag, scenario) => overrides.set(tag, scenario),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  log: RecordedRequest[],
  overrides: Map<string, Scenario>,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake");
  const switching = url.pathname.match(/^\/__scenario\/([^/]+)$/);
  if (switching?.[1]) {
    const tag = decodeURIComponent(switching[1]);
    if (req.method === "DELETE") overrides.delete(tag);
    else {
      const scenario = await readJson(req);
      if (typeof scenario !== "object" || scenario === null || !("mode" in scenario)) {
        return sendJson(res, 400, { error: 'POST a scenario: {"mode": …}' });
      }
      overrides.set(tag, scenario as Scenario);
    }
    res.writeHead(204).end();
    return;
  }
  const control = url.pathname.match(/^\/__requests\/([^/]+)$/);
  if (control?.[1]) {
    const tag = decodeURIComponent(control[1]);
    return sendJson(
      res,
      200,
      log.filter((r) => r.tag === tag),
    );
  }
  const route = url.pathname.match(/^\/([^/]+)\/([^/]+)\/v1\/(chat\/completions|embeddings)$/);
  if (!route?.[1] || !route[2] || req.method !== "POST") {
    return sendJson(res, 404, { error: { message: "Unknown route", type: "invalid_request_error" } });
  }
  const body = await readJson(req);
  const tag = decodeURIComponent(route[1]);
  const record: RecordedRequest = {
    tag,
    scenario: overrides.get(tag) ?? decodeScenario(route[2]),
    method: req.method,
    path: url.pathname,
    headers: req.headers,
    body,
    closedEarly: false,
    complete: false,
  };
  log.push(record);
  res.on("close", () => {
    if (!res.writableFinished) record.closedEarly = true;
  });
  res.on("finish", () => {
    record.complete = true;
  });
  res.socket?.setNoDelay(true);
  if (route[3] === "embeddings") return respondEmbeddings(record.scenario, body, req, res);
  const earlier = log.filter((r) => r.tag === record.tag && !r.path.endsWith("/embeddings")).length - 1;
  const failsFor =
    record.scenario.mode === "status" || record.scenario.mode === "error" ? record.scenario.times : undefined;
  const scenario = earlier >= (failsFor ?? Number.POSITIVE_INFINITY) ? { mode: "answer" as const } : record.scenario;
  await respond(scenario, body, req, res);
}

async function respond(scenario: Scenario, body: unknown, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (scenario.mode) {
    case "answer": {
      if (scenario.keys !== undefined && !scenario.keys.split(",").includes(bearerKey(req))) {
        return sendNamedError(res, "invalid_api_key", bearerKey(req));
      }
      const refused = scenario.rejects?.split(",").find((param) => sent(body, param));
      if (refused) return sendUnsupportedParameter(res, refused);
      const text = scenario.text ?? defaultAnswer(lastUserMessage(body));
      if (sent(body, "stream") && (body as { stream: unknown }).stream === false) {
        return sendJson(res, 200, wholeCompletion(text, requestedModel(body)));
      }
      startSse(res);
      if (scenario.firstDelayMs) await sleep(scenario.firstDelayMs);
      const events = answerEvents(text, { usage: !scenario.omitUsage });
      if (scenario.gapMs) {
        for (const event of events) {
          if (!(await write(res, event))) return;
          await sleep(scenario.gapMs);
        }
        res.end();
        return;
      }
      return writeAwkwardly(res, events.join(""));
    }
    case "fixture": {
      const bytes = await readFile(`${FIXTURES_DIR}${scenario.name}.sse`);
      startSse(res);
      return writeAwkwardly(res, bytes);
    }
    case "status":
      return sendProviderError(res, scenario.status, scenario.retryAfter, bearerKey(req));
    case "error":
      return sendNamedError(res, scenario.error, bearerKey(req), scenario.retryAfter);
    case "hang-before-headers":
      return;
    case "hang-after-first-token":
      startSse(res);
      await write(res, answerEvents("Let me check").slice(0, 2).join(""));
      return;
    case "cut-mid-stream": {
      startSse(res);
      const events = answerEvents("This answer will be cut off before it ends.");
      await write(res, events.slice(0, 3).join(""));
      await sleep(20);
      res.socket?.destroy();
      return;
    }
    case "malformed":
      startSse(res);
      await write(res, "data: {this is not json\n\ndata: <html>Bad Gateway</html>\n\n");
      res.end();
      return;
    case "midstream-error": {
      startSse(res);
      await write(res, answerEvents("Partial answer").slice(0, 2).join(""));
      await write(res, 'event: error\ndata: {"error":{"message":"Internal failure","type":"server_error"}}\n\n');
      res.end();
      return;
    }
    case "error-before-first-token":
      startSse(res);
      await write(res, 'data: {"error":{"message":"The model is overloaded","type":"server_error","code":503}}\n\n');
      res.end();
      return;
    case "empty":
      startSse(res);
      res.end();
      return;
    case "json":
      return sendJson(res, 200, wholeCompletion(defaultAnswer(lastUserMessage(body)), requestedModel(body)));
    case "comments-forever":
      startSse(res);
      while (!res.destroyed && (await write(res, ": keep-alive\n\n"))) await sleep(50);
      return;
  }
}

/**
 * `POST /embeddings`: a deterministic embedding of each input, so tests can check what was
 * embedded and retrieved. A scenario that fails chats fails embeddings too; the "answer" scenario
 * can fail embeddings alone (`embeddingsStatus`) or slow them down (`embeddingsDelayMs`).
 */
async function respondEmbeddings(
  scenario: Scenario,
  body: unknown,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (scenario.mode === "status") return sendProviderError(res, scenario.status, scenario.retryAfter, "");
  if (scenario.mode === "error") return sendNamedError(res, scenario.error, bearerKey(req), scenario.retryAfter);
  if (scenario.mode === "answer" && scenario.keys !== undefined && !scenario.keys.split(",").includes(bearerKey(req))) {
    return sendNamedError(res, "invalid_api_key", bearerKey(req));
  }
  if (scenario.mode === "hang-before-headers") return;
  if (scenario.mode === "answer" && scenario.embeddingsDelayMs) await sleep(scenario.embeddingsDelayMs);
  if (scenario.mode === "answer" && scenario.embeddingsStatus)
    return sendProviderError(res, scenario.embeddingsStatus, undefined, "");
  const input = typeof body === "object" && body !== null && "input" in body ? body.input : [];
  const texts = (Array.isArray(input) ? input : [input]).map(String);
  sendJson(res, 200, {
    object: "list",
    data: texts.map((text, index) => ({ object: "embedding", index, embedding: fakeEmbedding(text) })),
    model: typeof body === "object" && body !== null && "model" in body ? body.model : "fake-embedding",
    usage: { prompt_tokens: texts.join(" ").length / 4, total_tokens: texts.join(" ").length / 4 },
  });
}

/** Dimensions of the fake embeddings. */
export const FAKE_EMBEDDING_DIMENSIONS = 256;

/**
 * A stand-in for a real embedding model: each word and each character trigram of the folded text
 * hashed into one of 256 dimensions. Texts that share words or spellings point the same way; it
 * knows nothing of meaning, which is what tests of the plumbing need.
 */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  const folded = text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
  const add = (feature: string, weight: number) => {
    let hash = 2166136261;
    for (const char of feature) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    vector[hash % FAKE_EMBEDDING_DIMENSIONS] =
      (vector[hash % FAKE_EMBEDDING_DIMENSIONS] ?? 0) + (hash & 1 ? weight : -weight);
  };
  for (const word of folded.match(/[\p{L}\p{N}]+/gu) ?? []) {
    add(`w:${word}`, 2);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 1);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

/** The answer in the "answer" mode: quotes the question, with non-ASCII text to split. */
export function defaultAnswer(question: string): string {
  return `You asked: “${question}”. Our roastery ships Monday–Thursday ☕, and the FAQ has more details.`;
}

/** OpenAI-style chunks for `text`, one word a chunk, then finish, usage and `[DONE]`. */
export function answerEvents(text: string, { usage = true } = {}): string[] {
  const id = "chatcmpl-fake";
  const chunk = (delta: object, finish: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 1, model: "fake-model", choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  const words = text.match(/\S+\s*/g) ?? [];
  return [
    chunk({ role: "assistant", content: "" }, null),
    ...words.map((word) => chunk({ content: word }, null)),
    chunk({}, "stop"),
    ...(usage
      ? [
          `data: ${JSON.stringify({ id, object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 42, completion_tokens: words.length, total_tokens: 42 + words.length } })}\n\n`,
        ]
      : []),
    "data: [DONE]\n\n",
  ];
}

async function writeAwkwardly(res: ServerResponse, body: string | Buffer): Promise<void> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = AWKWARD_SPLITS[i % AWKWARD_SPLITS.length] ?? 1;
    if (!(await write(res, bytes.subarray(offset, offset + size)))) return;
    offset += size;
  }
  res.end();
}

/** Writes and yields to the event loop so each piece leaves as its own packet; false once closed. */
async function write(res: ServerResponse, data: string | Uint8Array): Promise<boolean> {
  if (res.destroyed) return false;
  res.write(data);
  await new Promise((resolve) => setImmediate(resolve));
  return !res.destroyed;
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
  res.flushHeaders();
}

function sendProviderError(res: ServerResponse, status: number, retryAfter: string | undefined, key: string): void {
  const headers: Record<string, string> = retryAfter ? { "Retry-After": retryAfter } : {};
  const message =
    status === 401
      ? `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`
      : status === 429
        ? "Rate limit reached for requests. Please try again later."
        : "The server had an error while processing your request.";
  sendJson(
    res,
    status,
    { error: { message, type: status === 401 ? "invalid_request_error" : "server_error", code: null } },
    headers,
  );
}

/** A model's name with a version, as providers report the model that answered. */
const requestedModel = (body: unknown) =>
  `${typeof body === "object" && body !== null && "model" in body ? String(body.model) : "fake-model"}-2026-01-15`;

/** A whole, non-streamed Chat Completion. */
function wholeCompletion(text: string, model: string): object {
  return {
    id: "chatcmpl-json",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
    usage: { prompt_tokens: 21, completion_tokens: 9, total_tokens: 30 },
  };
}

const sent = (body: unknown, param: string) => typeof body === "object" && body !== null && param in body;

/** Errors as real providers send them: status, `error.type`, `error.code`, and a message that must never get through. */
export const PROVIDER_ERRORS: Record<
  ProviderErrorName,
  { status: number; type: string; code: string | number | null; message: (key: string) => string }
> = {
  // OpenAI, for a wrong or revoked key: the message echoes the key, masked.
  invalid_api_key: {
    status: 401,
    type: "invalid_request_error",
    code: "invalid_api_key",
    message: (key) =>
      `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  },
  // OpenAI, for a key of a project without access to the model, or from an unsupported region.
  permission_denied: {
    status: 403,
    type: "invalid_request_error",
    code: "unsupported_country_region_territory",
    message: (key) => `Country, region, or territory not supported for key ${maskKey(key)}`,
  },
  // OpenAI, once the account's credit or monthly limit is spent: a 429, but no rate limit.
  insufficient_quota: {
    status: 429,
    type: "insufficient_quota",
    code: "insufficient_quota",
    message: () =>
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
  },
  // OpenRouter, once the account's credits are spent.
  insufficient_credits: {
    status: 402,
    type: "payment_required",
    code: 402,
    message: () => "Insufficient credits. Add more using https://openrouter.ai/settings/credits",
  },
  // OpenAI, requests per minute.
  rate_limit_exceeded: {
    status: 429,
    type: "requests",
    code: "rate_limit_exceeded",
    message: () =>
      "Rate limit reached for gpt-4o-mini in organization org-Fake0123 on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
  },
  // OpenAI, for a model name with a typo.
  model_not_found: {
    status: 404,
    type: "invalid_request_error",
    code: "model_not_found",
    message: () => "The model `gpt-4o-mni` does not exist or you do not have access to it.",
  },
  // OpenAI, for a prompt longer than the model takes.
  context_length_exceeded: {
    status: 400,
    type: "invalid_request_error",
    code: "context_length_exceeded",
    message: () =>
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens.",
  },
  server_error: {
    status: 500,
    type: "server_error",
    code: null,
    message: () => "The server had an error while processing your request. Sorry about that!",
  },
};

function sendNamedError(res: ServerResponse, name: ProviderErrorName, key: string, retryAfter?: string): void {
  const { status, type, code, message } = PROVIDER_ERRORS[name];
  sendJson(
    res,
    status,
    { error: { message: message(key), type, param: null, code } },
    retryAfter ? { "Retry-After": retryAfter } : {},
  );
}

/** What OpenAI answers a newer model sent `max_tokens`, and Azure an API version without `stream_options`. */
function sendUnsupportedParameter(res: ServerResponse, param: string): void {
  const instead = param === "max_tokens" ? " Use 'max_completion_tokens' instead." : "";
  sendJson(res, 400, {
    error: {
      message: `Unsupported parameter: '${param}' is not supported with this model.${instead}`,
      type: "invalid_request_error",
      param,
      code: "unsupported_parameter",
    },
  });
}

/** How OpenAI echoes a wrong key: its first 8 characters, stars, and its last 4. */
function maskKey(key: string): string {
  return `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

function bearerKey(req: IncomingMessage): string {
  return (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
}

function lastUserMessage(body: unknown): string {
  const messages = typeof body === "object" && body !== null && "messages" in body ? body.messages : [];
  if (!Array.isArray(messages)) return "";
  const last: unknown = messages.at(-1);
  return typeof last === "object" && last !== null && "content" in last && typeof last.content === "string"
    ? last.content
    : "";
}

function sendJson(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(data));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
