/**
 * Reads and validates a JSON request body: the size limit is enforced before the body is read
 * whole (from `Content-Length`, then while streaming), and every failure is a clear 4xx.
 */
import type { z } from "zod";
import { ApiError } from "./errors";

/** The most of a too-large body read and dropped before answering 413 (see `discard`). */
export const DRAIN_MAX_BYTES = 2 * 1024 * 1024;

/** Content types a JSON body may arrive with; `text/plain` lets the widget skip a CORS preflight. */
const JSON_TYPES = new Set(["application/json", "text/plain", ""]);

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const [mediaType = "", ...params] = (request.headers.get("Content-Type") ?? "").toLowerCase().split(";");
  if (!JSON_TYPES.has(mediaType.trim())) {
    throw new ApiError(400, "invalid_request", "Content-Type must be application/json");
  }
  const charset = params
    .map((p) => p.trim())
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new ApiError(400, "invalid_request", "The request body must be UTF-8");
  }
  const declared = Number(request.headers.get("Content-Length"));
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const text = await readText(request, maxBytes);
  if (text.trim() === "") throw new ApiError(400, "invalid_request", "The request body is empty");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_request", "The request body is not valid JSON");
  }
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  // A declared length within the limit is one the runtime holds the body to: read it at once.
  if (request.headers.has("Content-Length")) return decodeUtf8(await request.arrayBuffer());
  const reader = request.body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let size = 0;
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await discard(reader, size);
        throw tooLarge(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, "invalid_request", "The request body is not valid UTF-8");
  }
}

function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid_request", "The request body is not valid UTF-8");
  }
}

/**
 * A body that turned out too large while it streamed in (it declared no length): read on to its
 * end and dropped, up to DRAIN_MAX_BYTES in all, before the 413 goes out, so that the client, and
 * every proxy on the way, sees a finished request and a clean answer rather than a connection torn
 * down mid-upload. Past that it is cancelled. (A body that declares a length over the limit is
 * refused before it is read.)
 */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let size = alreadyRead;
  try {
    while (size <= DRAIN_MAX_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "payload_too_large", `The request body must be at most ${maxBytes / 1024} KiB`);
}

/** Validates `data` against `schema`; a failure is a 400 whose message names the first bad field. */
export function validate<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? formatPath(issue.path) : "";
  const message = issue?.message ?? "is invalid";
  throw new ApiError(400, "invalid_request", field ? `${field}: ${message}` : `The request body ${message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}
