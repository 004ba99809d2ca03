/**
 * The benchmark's baseline: the least a Worker can do to relay a provider stream. It forwards
 * the body to the provider and pipes the answer back, with no validation, prompt, parsing or
 * limits, so Support Chat's own cost is measured against it.
 */
interface Env {
  OPENAI_BASE_URL: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const upstream = await fetch(`${env.OPENAI_BASE_URL}/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: request.body,
    });
    return new Response(upstream.body, { headers: { "Content-Type": "text/event-stream" } });
  },
};
