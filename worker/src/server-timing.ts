/**
 * The `Server-Timing` header of a chat answer: how long each step took before the first byte, so
 * an operator sees in the browser's DevTools where the Worker's time went. Workers advance their
 * clock only across I/O, so steps that only compute show as 0; what waits (a Durable Object, D1,
 * the provider) shows as it is.
 */
export class ServerTiming {
  #last = performance.now();
  readonly #steps: string[] = [];

  /** Ends the step called `name` (a token: letters, digits, `-`, `_`), started where the last one ended. */
  step(name: string): void {
    const now = performance.now();
    this.#steps.push(`${name};dur=${Math.max(0, now - this.#last).toFixed(1)}`);
    this.#last = now;
  }

  get header(): string {
    return this.#steps.join(", ");
  }
}
