/** Why the model provider could not produce an answer before its first token. */
export type UpstreamFailureKind =
  /** The provider answered with an HTTP error, an error payload, or nothing usable. */
  | "provider_error"
  /** The provider sent 429 Too Many Requests. */
  | "provider_rate_limited"
  /** No response headers, or no first token, in time. */
  | "timeout"
  /** The connection could not be made or broke. */
  | "unreachable";

export class UpstreamFailure extends Error {
  override readonly name = "UpstreamFailure";

  constructor(
    readonly kind: UpstreamFailureKind,
    /** The provider's HTTP status, when it sent one. Its body is never kept: it may echo the key. */
    readonly status?: number,
    /** The provider's `Retry-After`, in seconds, on a 429. */
    readonly retryAfter?: number,
  ) {
    super(`upstream ${kind}${status ? ` (HTTP ${status})` : ""}`);
  }
}
