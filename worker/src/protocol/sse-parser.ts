/**
 * An incremental Server-Sent Events parser (WHATWG HTML, "Parsing an event stream"), the one
 * reader of the format on both sides: the Worker reads providers' streams with it, and the widget
 * reads the Worker's answer stream with it. Bytes may arrive split anywhere (mid-line, mid-JSON,
 * mid-UTF-8 character); lines may end in LF, CRLF or CR; comment lines (`: ping`) are dropped; a
 * multi-line `data` is joined with LF. An event left without its blank line when the stream ends
 * is still delivered, since some providers close without one. Small on purpose: it ships in the
 * widget's byte budget.
 */
export interface SseEvent {
  /** The `event:` field, `"message"` when absent. */
  event: string;
  data: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

export class SseParser {
  readonly #decoder = new TextDecoder();
  /** The start of a line whose end has not arrived yet. */
  #rest = "";
  /** The last chunk ended in CR: a LF at the start of the next one ends no further line. */
  #afterCr = false;
  #event = "";
  #data: string[] = [];

  /** Feeds the next chunk of bytes; returns the events it completed. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.#read(this.#decoder.decode(chunk, { stream: true }), false);
  }

  /** Ends the stream; returns the last event if it was not terminated by a blank line. */
  end(): SseEvent[] {
    return this.#read(this.#decoder.decode(), true);
  }

  #read(text: string, last: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    if (!text && !last) return events;
    const input = this.#afterCr && text[0] === "\n" ? text.slice(1) : text;
    this.#afterCr = text.endsWith("\r");
    const lines = (this.#rest + input).split(LINE_BREAK);
    this.#rest = last ? "" : (lines.pop() ?? "");
    // The stream's end ends the last line and the event it belongs to.
    if (last) lines.push("");
    for (const line of lines) {
      if (!line) {
        if (this.#data.length) events.push({ event: this.#event || "message", data: this.#data.join("\n") });
        this.#event = "";
        this.#data = [];
      } else if (line[0] !== ":") {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + (line[colon + 1] === " " ? 2 : 1));
        if (field === "data") this.#data.push(value);
        else if (field === "event") this.#event = value;
      }
    }
    return events;
  }
}
