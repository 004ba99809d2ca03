/** `POST /api/chat`: validates the conversation, asks the model provider, streams the answer. */
import { Hono } from "hono";
import { readJsonBody, validate } from "../body";
import { startModelAnswer } from "../chat/model-answer";
import { buildPrompt } from "../chat/prompt";
import { ProviderStream } from "../chat/provider-stream";
import { eventStream, SSE_HEADERS } from "../chat/sse-format";
import { UpstreamFailure } from "../chat/upstream-failure";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { publishedFaq } from "../faq/faq-source";
import { ChatRequest, LIMITS } from "../protocol";
import { readSettings } from "../settings";

export const chat = new Hono<AppEnv>()
  .post("/", async (c) => {
    const request = validate(ChatRequest, await readJsonBody(c.req.raw, LIMITS.bodyBytesMax));
    const settings = readSettings(c.env);
    if (!settings.apiKey) {
      throw new ApiError(503, "upstream_unavailable", "No model provider is configured for this site");
    }
    const prompt = buildPrompt(await publishedFaq(), request.messages, settings.maxOutputTokens);
    const providerOptions = { ...settings, apiKey: settings.apiKey };
    try {
      const provider = await ProviderStream.open(providerOptions, prompt.messages);
      const events = await startModelAnswer(provider, {
        messageId: crypto.randomUUID(),
        estimatedPromptTokens: prompt.estimatedTokens,
        firstTokenTimeoutMs: settings.firstByteTimeoutMs * 3,
      });
      return new Response(
        eventStream(events, () => provider.cancel()),
        { headers: SSE_HEADERS },
      );
    } catch (err) {
      if (err instanceof UpstreamFailure) throw upstreamError(err);
      throw err;
    }
  })
  .all("/", () => {
    throw new ApiError(405, "method_not_allowed", "Use POST to send a chat message");
  });

/** Maps a provider failure to CONTRACT §3; the provider's own message is never passed on. */
function upstreamError(failure: UpstreamFailure): ApiError {
  console.warn(failure.message);
  if (failure.kind === "provider_error") {
    return new ApiError(502, "upstream_error", "The assistant could not answer right now. Please try again.");
  }
  return new ApiError(503, "upstream_unavailable", "The assistant is unavailable right now. Please try again shortly.");
}
