/**
 * Reads one SSE event of an OpenAI-compatible Chat Completions stream into what the relay needs:
 * the answer text it adds, a finish reason, token usage, or a provider error. Tolerates every
 * provider extra seen in recorded streams (x_groq, reasoning_content, content filters,
 * array-valued content, usage-only chunks with empty `choices`). Reasoning text is not answer text.
 */
import { isRecord } from "../json";
import type { SseEvent } from "../protocol/sse-parser";

export interface ChunkReading {
  text: string;
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number } | null;
  /** The provider reported an error inside the stream (a named `error` event or an `error` field). */
  error: boolean;
  /** `data: [DONE]`: the provider says the stream is complete. */
  done: boolean;
  /** The event's data was not JSON. */
  malformed: boolean;
}

const EMPTY: ChunkReading = { text: "", finishReason: null, usage: null, error: false, done: false, malformed: false };

export function readChunk(event: SseEvent): ChunkReading {
  const data = event.data.trim();
  if (data === "[DONE]") return { ...EMPTY, done: true };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ...EMPTY, malformed: true, error: event.event === "error" };
  }
  if (!isRecord(json)) return { ...EMPTY, malformed: true };
  const choice = firstChoice(json.choices);
  const delta = isRecord(choice?.delta) ? choice.delta : undefined;
  return {
    text: contentText(delta?.content),
    finishReason: typeof choice?.finish_reason === "string" ? choice.finish_reason : null,
    usage: readUsage(json.usage) ?? (isRecord(json.x_groq) ? readUsage(json.x_groq.usage) : null),
    error: event.event === "error" || (json.error !== undefined && json.error !== null),
    done: false,
    malformed: false,
  };
}

function firstChoice(choices: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(choices)) return undefined;
  const choice: unknown = choices.find((c) => isRecord(c) && (c.index === 0 || c.index === undefined));
  return isRecord(choice) ? choice : undefined;
}

/** `content` is a string for most providers; Mistral sends an array of typed parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) {
    if (isRecord(part) && part.type === "text" && typeof part.text === "string") text += part.text;
  }
  return text;
}

function readUsage(usage: unknown): ChunkReading["usage"] {
  if (!isRecord(usage)) return null;
  const prompt = usage.prompt_tokens;
  const completion = usage.completion_tokens;
  if (typeof prompt !== "number" || typeof completion !== "number") return null;
  return { promptTokens: prompt, completionTokens: completion };
}
