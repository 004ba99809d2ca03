/**
 * What a provider accepts, learned from what it refuses. OpenAI's newer models (and Azure
 * OpenAI's deployments of them) reject `max_tokens` and want `max_completion_tokens`; many other
 * servers know only `max_tokens`; some refuse `stream_options`. The first guess goes by host name;
 * a 400 that names the parameter gets one retry without it, and the request shape that worked is
 * remembered for this isolate (per base URL and model), so later requests are right the first time.
 * The one retry of a rate-limited request lives here too: every provider request goes through
 * `withProviderRetries`.
 */
import { UpstreamFailure } from "./upstream-failure";

export type OutputCapField = "max_tokens" | "max_completion_tokens";

/** The parts of a Chat Completions request that providers disagree on. */
export interface RequestShape {
  cap: OutputCapField;
  /** Ask for usage in the stream (`stream_options: {include_usage: true}`). */
  streamOptions: boolean;
}

/** The endpoint and model a shape is remembered for. */
export interface ProviderTarget {
  baseUrl: string;
  model: string;
}

/** Entries kept: one per base URL and model in use, a handful at most outside tests. */
const REMEMBERED_MAX = 64;
const remembered = new Map<string, RequestShape>();
const keyOf = ({ baseUrl, model }: ProviderTarget) => `${baseUrl} ${model}`;

/** The shape to try first: the one that worked before, else a guess by host name. */
export function requestShape(target: ProviderTarget): RequestShape {
  return remembered.get(keyOf(target)) ?? { cap: defaultCapField(target.baseUrl), streamOptions: true };
}

function remember(target: ProviderTarget, shape: RequestShape): void {
  const key = keyOf(target);
  remembered.delete(key);
  remembered.set(key, shape);
  for (const oldest of remembered.keys()) {
    if (remembered.size <= REMEMBERED_MAX) break;
    remembered.delete(oldest);
  }
}

/**
 * OpenAI's own API wants `max_completion_tokens`; every other OpenAI-compatible server we know
 * understands `max_tokens`, and not all know the new name.
 */
function defaultCapField(baseUrl: string): OutputCapField {
  return new URL(baseUrl).hostname === "api.openai.com" ? "max_completion_tokens" : "max_tokens";
}

const otherCap = (cap: OutputCapField): OutputCapField =>
  cap === "max_tokens" ? "max_completion_tokens" : "max_tokens";

/** A code that says "a parameter you sent is not one I take", without saying which. */
const UNSUPPORTED = /unsupported|unknown|unrecognized|not_supported|extra/i;

/**
 * The shape to retry with after `failure`, or undefined when it is not about the request's shape.
 * A refusal that names the output cap or `stream_options` changes exactly that; one that says a
 * parameter is unsupported without naming it tries the cap's other name, then no stream options.
 */
function shapeAfter(
  failure: UpstreamFailure,
  sent: RequestShape,
  streaming: boolean,
  tried: RequestShape[],
): RequestShape | undefined {
  if (failure.kind !== "request_rejected") return undefined;
  const { param, code } = failure.error;
  const untried = (shape: RequestShape) =>
    tried.some((t) => t.cap === shape.cap && t.streamOptions === shape.streamOptions) ? undefined : shape;
  if (param === "max_tokens" || param === "max_completion_tokens") {
    return param === sent.cap ? untried({ ...sent, cap: otherCap(sent.cap) }) : undefined;
  }
  if (param?.startsWith("stream_options")) {
    return streaming && sent.streamOptions ? untried({ ...sent, streamOptions: false }) : undefined;
  }
  if (param !== undefined || code === undefined || !UNSUPPORTED.test(code)) return undefined;
  const guesses: RequestShape[] = [{ ...sent, cap: otherCap(sent.cap) }];
  if (streaming && sent.streamOptions) guesses.push({ ...sent, streamOptions: false });
  return guesses.map(untried).find((shape) => shape !== undefined);
}

/** Retries for the request's shape, beyond the first attempt: one per parameter a provider may refuse. */
const SHAPE_RETRIES_MAX = 2;
/** The longest `Retry-After` worth waiting for before the one retry of a 429. */
const MAX_RETRY_WAIT_MS = 2000;
/** The pause before retrying a 429 that did not say how long to wait. */
const DEFAULT_RETRY_WAIT_MS = 500;

/** Milliseconds to wait before retrying `failure`, or `undefined` when it is not worth a retry. */
function rateLimitRetryDelay(failure: UpstreamFailure): number | undefined {
  if (failure.kind !== "rate_limited") return undefined;
  if (failure.retryAfter === undefined) return DEFAULT_RETRY_WAIT_MS;
  const wait = failure.retryAfter * 1000;
  return wait <= MAX_RETRY_WAIT_MS ? wait : undefined;
}

/**
 * Runs `attempt` with the shape this provider wants, retrying once per refused parameter and
 * once after a rate limit (429) whose `Retry-After` is at most 2 s. A quota (`quota_exhausted`)
 * or any other failure is not retried: it would only fail again.
 */
export async function withProviderRetries<T>(
  target: ProviderTarget,
  streaming: boolean,
  attempt: (shape: RequestShape) => Promise<T>,
): Promise<T> {
  const first = requestShape(target);
  const tried = [first];
  let shape = first;
  let rateLimitRetried = false;
  const learned = (outcome?: UpstreamFailure) => {
    if (shape !== first && outcome?.kind !== "request_rejected") remember(target, shape);
  };
  for (;;) {
    try {
      const result = await attempt(shape);
      learned();
      return result;
    } catch (err) {
      if (!(err instanceof UpstreamFailure)) throw err;
      const next = tried.length <= SHAPE_RETRIES_MAX ? shapeAfter(err, shape, streaming, tried) : undefined;
      if (next) {
        tried.push(next);
        shape = next;
        continue;
      }
      const wait = rateLimitRetried ? undefined : rateLimitRetryDelay(err);
      if (wait === undefined) {
        learned(err);
        throw err;
      }
      rateLimitRetried = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
