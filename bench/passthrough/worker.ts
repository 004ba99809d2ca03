/**
 * The benchmark's baseline: the least a Worker can do to relay a provider stream. It forwards
 * the body to the provider and pipes the answer back, with no validation, prompt, parsing or
 * limits, so Support Chat's own cost is measured against it.
 */
interface Env {
  OPENAI_BASE_URL: string;
}

/** Forwards `request`'s body to the provider at `baseUrl` and pipes its stream back untouched. */
export async function relay(request: Request, baseUrl: string): Promise<Response> {
  const upstream = await fetch(`${baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: request.body,
  });
  return new Response(upstream.body, { headers: { "Content-Type": "text/event-stream" } });
}

export default {
  fetch: (request: Request, env: Env): Promise<Response> => relay(request, env.OPENAI_BASE_URL),
};
