/** The console's only network module: the operator API (docs/operator-api.md), with the session's token. */
import type {
  DayStats,
  EmbeddingStatus,
  ErrorBody,
  FaqDocument,
  FaqVersion,
  FaqVersionSummary,
  HandoffDetail,
  HandoffList,
  HandoffUpdated,
  Insights,
  ProviderStatus,
  ProviderTestResult,
  Transcript,
  TranscriptList,
  WidgetConfig,
} from "../../worker/src/protocol";
import type { Transport } from "../src/panel/api";
import { streamAnswer } from "../src/panel/api";
import { session } from "./session";

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A request to the operator API; a refusal becomes an `AdminError`. */
async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`/api/admin${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${session.token() ?? ""}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    // A refused token (rotated since sign-in) signs the console out, whichever call noticed it.
    if (response.status === 401 && session.token() !== null) session.refused();
    const error = ((await response.json().catch(() => null)) as ErrorBody | null)?.error;
    throw new AdminError(response.status, error?.code ?? "http_error", error?.message ?? `HTTP ${response.status}`);
  }
  return response;
}

/** A request whose answer is JSON (deletions answer 204 without a body: they use `send`). */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

export const adminApi = {
  faq: () => call<FaqDocument>("GET", "/faq"),
  publish: (content: string, baseVersion: number, note: string) =>
    call<{ version: number; embeddings: EmbeddingStatus }>("PUT", "/faq", { content, baseVersion, note }),
  versions: () => call<FaqVersionSummary[]>("GET", "/faq/versions"),
  version: (version: number) => call<FaqVersion>("GET", `/faq/versions/${version}`),
  rollback: (version: number) =>
    call<{ version: number; embeddings: EmbeddingStatus }>("POST", "/faq/rollback", { version }),
  settings: () => call<WidgetConfig>("GET", "/settings"),
  saveSettings: (settings: WidgetConfig) => call<WidgetConfig>("PUT", "/settings", settings),
  stats: () => call<DayStats[]>("GET", "/stats"),
  insights: () => call<Insights>("GET", "/insights"),
  transcripts: () => call<TranscriptList>("GET", "/transcripts"),
  transcript: (id: string) => call<Transcript>("GET", `/transcripts/${encodeURIComponent(id)}`),
  deleteTranscript: async (id: string): Promise<void> => {
    await send("DELETE", `/transcripts/${encodeURIComponent(id)}`);
  },
  deleteTranscripts: async (): Promise<void> => {
    await send("DELETE", "/transcripts");
  },
  handoffs: () => call<HandoffList>("GET", "/handoffs"),
  handoff: (id: string) => call<HandoffDetail>("GET", `/handoffs/${encodeURIComponent(id)}`),
  replyToHandoff: (id: string, text: string) =>
    call<HandoffUpdated>("POST", `/handoffs/${encodeURIComponent(id)}/reply`, { text }),
  closeHandoff: (id: string) => call<HandoffUpdated>("POST", `/handoffs/${encodeURIComponent(id)}/close`),
  deleteHandoff: async (id: string): Promise<void> => {
    await send("DELETE", `/handoffs/${encodeURIComponent(id)}`);
  },
  provider: () => call<ProviderStatus>("GET", "/provider"),
  testProvider: () => call<ProviderTestResult>("POST", "/provider/test"),
};

/** A chat transport for "Try it": the draft preview route, with whatever the draft is at send time. */
export function previewTransport(draft: () => string): Transport {
  return (messages, signal, handlers) =>
    streamAnswer(
      "/api/admin/preview",
      {
        headers: { Authorization: `Bearer ${session.token() ?? ""}`, "Content-Type": "application/json" },
        body: JSON.stringify({ content: draft(), messages }),
      },
      signal,
      handlers,
    );
}
