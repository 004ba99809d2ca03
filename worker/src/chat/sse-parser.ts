/**
 * An incremental Server-Sent Events parser (WHATWG HTML §9.2.6) for provider streams.
 * Bytes may arrive split anywhere — mid-line, mid-JSON, mid-UTF-8 character — and lines may end
 * in LF, CRLF or CR. Comment lines (`: ping`) are dropped. An event left without its blank line
 * when the stream ends is still delivered, since some providers close without one.
 */

export interface SseEvent {
  /** The `event:` field, `"message"` when absent. */
  event: string;
  data: string;
}

export class SseParser {
  readonly #decoder = new TextDecoder();
  #buffer = "";
  /** A chunk ended in CR: a LF at the start of the next one belongs to the same line break. */
  #pendingCr = false;
  #event = "";
  #data: string[] = [];

  /** Feeds the next chunk of bytes; returns the events it completed. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.#consume(this.#decoder.decode(chunk, { stream: true }));
  }

  /** Ends the stream; returns the last event if it was not terminated by a blank line. */
  end(): SseEvent[] {
    const events = this.#consume(this.#decoder.decode());
    if (this.#buffer !== "") {
      this.#line(this.#buffer, events);
      this.#buffer = "";
    }
    this.#dispatch(events);
    return events;
  }

  #consume(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let input = text;
    if (this.#pendingCr && input.startsWith("\n")) input = input.slice(1);
    this.#pendingCr = false;
    this.#buffer += input;
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const ch = this.#buffer.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      this.#line(this.#buffer.slice(start, i), events);
      if (ch === 13) {
        if (i + 1 === this.#buffer.length) this.#pendingCr = true;
        else if (this.#buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === "") {
      this.#dispatch(events);
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
  }

  #dispatch(events: SseEvent[]): void {
    if (this.#data.length > 0) events.push({ event: this.#event || "message", data: this.#data.join("\n") });
    this.#event = "";
    this.#data = [];
  }
}
