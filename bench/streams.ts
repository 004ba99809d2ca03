/** Times streamed answers as a client sees them: time to the first answer text, then the gaps between pieces. */

export interface StreamTiming {
  ok: boolean;
  /** Milliseconds from sending the request to the first piece of answer text. */
  ttftMs: number;
  /** Milliseconds from sending the request to the response's headers. */
  headersMs: number;
  /** Milliseconds between successive pieces of answer text. */
  gapsMs: number[];
  /** The response's `Server-Timing` steps, in ms by name. */
  serverTiming: Record<string, number>;
}

/** `validate;dur=0.1, limits;dur=0.8` → `{ validate: 0.1, limits: 0.8 }`. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const [, name, dur] of (header ?? "").matchAll(/([\w-]+);dur=([\d.]+)/g)) {
    if (name) steps[name] = Number(dur);
  }
  return steps;
}

/** POSTs `body` to `url` and times the chunks in which `hasText` finds answer text. */
export async function timeStream(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  hasText: (chunk: string) => boolean,
): Promise<StreamTiming> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { ok: false, ttftMs: Number.NaN, headersMs: Number.NaN, gapsMs: [], serverTiming: {} };
    }
    const headersMs = performance.now() - started;
    const serverTiming = parseServerTiming(response.headers.get("Server-Timing"));
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const times: number[] = [];
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = decoder.decode(value, { stream: true });
      text += chunk;
      if (hasText(chunk)) times.push(performance.now());
    }
    const ok = /event: done|data: \[DONE\]/.test(text) && times.length > 0;
    return {
      ok,
      ttftMs: (times[0] ?? Number.NaN) - started,
      headersMs,
      gapsMs: times.slice(1).map((t, i) => t - (times[i] ?? t)),
      serverTiming,
    };
  } catch {
    return { ok: false, ttftMs: Number.NaN, headersMs: Number.NaN, gapsMs: [], serverTiming: {} };
  }
}

/** Text in an OpenAI chunk (direct from the provider). */
export const providerHasText = (chunk: string) => /"content":"[^"]/.test(chunk);
/** Text in one of our `delta` events (through a Worker). */
export const deltaHasText = (chunk: string) => chunk.includes("event: delta");

export function percentile(values: number[], p: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs `task` `count` times with at most `parallel` at once. */
export async function pool<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}
