/**
 * A second baseline for the benchmark: the pass-through Worker's very relay (../passthrough),
 * after the least any exact per-client limit costs: one Durable Object call. The object only
 * counts each client's requests in memory. Comparing Support Chat with it shows how much of the
 * Worker's CPU is that call, which no exact limiter avoids, and how much is the rest.
 */
import { DurableObject } from "cloudflare:workers";
import { relay } from "../passthrough/worker";

interface Env {
  OPENAI_BASE_URL: string;
  COUNTER: DurableObjectNamespace<Counter>;
}

export class Counter extends DurableObject {
  #requests = 0;

  /** Counts one more request; a real limiter would refuse past its limit here. */
  count(): number {
    return ++this.#requests;
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const client = request.headers.get("CF-Connecting-IP") ?? "local";
    await env.COUNTER.get(env.COUNTER.idFromName(client)).count();
    return relay(request, env.OPENAI_BASE_URL);
  },
};
