/**
 * Why the model provider could not produce an answer before its first token, told apart by what
 * the operator must do about it (docs/operator-api.md#provider). An HTTP error is read for its
 * error's `type`, `code` and `param` alone, from the first few kilobytes of its body: the rest,
 * the `message` above all, is never kept, logged or passed on, because providers echo the key in it.
 */
import { isRecord } from "../json";
import type { ProviderFailureKind } from "../protocol/provider-advice";

export type UpstreamFailureKind = ProviderFailureKind;

export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";

  constructor(
    readonly kind: UpstreamFailureKind,
    /** The provider's HTTP status, when it sent one. */
    readonly status?: number,
    /** The provider's `Retry-After`, in seconds, on a 429. */
    readonly retryAfter?: number,
    /** What the provider's error said, besides its message: which parameter it refused, and why. */
    readonly error: ProviderErrorFields = {},
  ) {
    super(`upstream ${kind}${status ? ` (HTTP ${status}${error.param ? `, parameter ${error.param}` : ""})` : ""}`);
  }
}

/** The parts of an OpenAI-style error body that name what went wrong, never its message. */
export interface ProviderErrorFields {
  type?: string;
  code?: string;
  /** The request parameter the provider refused (`max_tokens`, `stream_options`, `model`…). */
  param?: string;
}

/** How much of an error body is read: enough for any provider's error object, never a whole page. */
export const ERROR_PREFIX_BYTES = 8 * 1024;

/**
 * An identifier-like value (`insufficient_quota`, `max_tokens`, `messages[0].content`): anything else,
 * a sentence that might quote the key above all, is dropped.
 */
const IDENTIFIER = /^[A-Za-z0-9_.[\]-]{1,64}$/;

function identifier(value: unknown): string | undefined {
  const text = typeof value === "number" ? String(value) : value;
  return typeof text === "string" && IDENTIFIER.test(text) ? text : undefined;
}

/** The `type`, `code` and `param` of an error body (`{error: {…}}` or the fields at the top level). */
export function errorFields(json: unknown): ProviderErrorFields {
  if (!isRecord(json)) return {};
  const error = isRecord(json.error) ? json.error : json;
  const fields: ProviderErrorFields = {};
  const type = identifier(error.type) ?? identifier(json.type);
  const code = identifier(error.code) ?? identifier(json.code);
  const param = identifier(error.param);
  if (type) fields.type = type;
  if (code) fields.code = code;
  if (param) fields.param = param;
  return fields;
}

/** Reads at most `ERROR_PREFIX_BYTES` of an error response for its fields, and lets go of the rest. */
export async function readErrorFields(response: Response): Promise<ProviderErrorFields> {
  const reader = response.body?.getReader();
  if (!reader) return {};
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_PREFIX_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    return {};
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return errorFields(JSON.parse(new TextDecoder().decode(bytes.subarray(0, ERROR_PREFIX_BYTES))));
  } catch {
    return {};
  }
}

const QUOTA = /quota|billing|credit|balance|payment/i;
const KEY = /api_key|authentication|unauthori[sz]ed|permission/i;
const MODEL = /model/i;

const says = (fields: ProviderErrorFields, pattern: RegExp) =>
  [fields.type, fields.code].some((value) => value !== undefined && pattern.test(value));

/**
 * What an HTTP error from the provider means. A 429 is a quota (never worth a retry) when its
 * type or code says so, as OpenAI's `insufficient_quota` does, and a rate limit otherwise.
 */
export function httpFailureKind(status: number, fields: ProviderErrorFields): UpstreamFailureKind {
  if (status >= 500 || status < 400) return "provider_error";
  if (status === 401 || status === 403 || says(fields, KEY)) return "key_rejected";
  if (status === 402 || says(fields, QUOTA)) return "quota_exhausted";
  if (status === 429) return "rate_limited";
  if (status === 404 || says(fields, MODEL) || fields.param === "model") return "model_not_found";
  if (status === 408) return "timeout";
  return "request_rejected";
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), if present and sane. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** The failure an HTTP error response stands for; its body is read for its error's fields only. */
export async function httpFailure(response: Response): Promise<UpstreamFailure> {
  const fields = await readErrorFields(response);
  const kind = httpFailureKind(response.status, fields);
  const retryAfter = kind === "rate_limited" ? parseRetryAfter(response.headers.get("Retry-After")) : undefined;
  return new UpstreamFailure(kind, response.status, retryAfter, fields);
}
