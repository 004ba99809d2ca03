/**
 * The handoff chunk's network module (docs/http-api.md#handoff): sending a request to the team,
 * and reading the team's replies. Plain-string bodies, like the chat's, spare a CORS preflight.
 */
import type { ErrorBody, HandoffCreated, HandoffRequest, VisitorHandoff } from "../../../../worker/src/protocol";

/** Why a request to the team did not go through. */
export class HandoffError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Seconds until a retry may succeed (the hourly cap). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export async function sendHandoff(api: string, request: HandoffRequest): Promise<HandoffCreated> {
  let response: Response;
  try {
    response = await fetch(`${api}/api/handoff`, {
      method: "POST",
      body: JSON.stringify(request),
      credentials: "omit",
    });
  } catch (error) {
    throw new HandoffError("offline", String(error));
  }
  if (response.ok) return (await response.json()) as HandoffCreated;
  const error = ((await response.json().catch(() => null)) as ErrorBody | null)?.error;
  const retryAfter = error?.retryAfter ?? Number(response.headers.get("Retry-After"));
  throw new HandoffError(
    error?.code ?? "http_error",
    error?.message ?? `HTTP ${response.status}`,
    retryAfter || undefined,
  );
}

/** This visitor's requests and the team's replies, newest first. */
export async function fetchHandoffs(api: string, visitorId: string): Promise<VisitorHandoff[]> {
  const response = await fetch(`${api}/api/handoff?visitorId=${encodeURIComponent(visitorId)}`, {
    credentials: "omit",
  });
  if (!response.ok) throw new HandoffError("http_error", `HTTP ${response.status}`);
  return ((await response.json()) as { handoffs: VisitorHandoff[] }).handoffs;
}
