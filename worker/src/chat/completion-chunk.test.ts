import { describe, expect, it } from "vitest";
import { readChunk } from "./completion-chunk";

const read = (data: unknown, event = "message") =>
  readChunk({ event, data: typeof data === "string" ? data : JSON.stringify(data) });

describe("readChunk", () => {
  it("reads text, finish reason and usage from an OpenAI chunk", () => {
    expect(read({ choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] })).toMatchObject({
      text: "Hi",
      finishReason: null,
      usage: null,
    });
    expect(read({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 5 } })).toMatchObject({
      text: "",
      usage: { promptTokens: 3, completionTokens: 5 },
    });
    expect(read({ choices: [{ index: 0, delta: {}, finish_reason: "length" }] }).finishReason).toBe("length");
  });

  it("does not count reasoning as answer text", () => {
    const chunk = {
      choices: [{ index: 0, delta: { content: null, reasoning_content: "thinking…", reasoning: "hmm" } }],
    };
    expect(read(chunk).text).toBe("");
  });

  it("joins the text parts of array-valued content (Mistral)", () => {
    const content = [
      { type: "thinking", thinking: [{ type: "text", text: "secret" }] },
      { type: "text", text: "1" },
      { type: "text", text: "44" },
    ];
    expect(read({ choices: [{ index: 0, delta: { content } }] }).text).toBe("144");
  });

  it("reads Groq's usage from x_groq", () => {
    expect(read({ choices: [], x_groq: { usage: { prompt_tokens: 9, completion_tokens: 2 } } }).usage).toEqual({
      promptTokens: 9,
      completionTokens: 2,
    });
  });

  it("flags errors, whether a named event or an error field beside choices", () => {
    expect(read({ error: { message: "boom" } }, "error").error).toBe(true);
    expect(read({ error: { code: 400 }, choices: [{ index: 0, delta: { content: "" } }] }).error).toBe(true);
    expect(read("not json", "error")).toMatchObject({ error: true, malformed: true });
    expect(read({ choices: [{ index: 0, delta: { content: "ok" } }], error: null }).error).toBe(false);
  });

  it("recognises [DONE] and malformed data", () => {
    expect(read("[DONE]").done).toBe(true);
    expect(read("{nope").malformed).toBe(true);
    expect(read("[1,2]").malformed).toBe(true);
  });

  it("reads only the first choice", () => {
    const chunk = {
      choices: [
        { index: 1, delta: { content: "other" } },
        { index: 0, delta: { content: "mine" } },
      ],
    };
    expect(read(chunk).text).toBe("mine");
  });
});
