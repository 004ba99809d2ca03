/** Whether the panel is open: set by the launcher and the JS API, rendered by the App. */
import type { Emit } from "../contract";

export class ViewState {
  #open = false;
  readonly #listeners = new Set<(open: boolean) => void>();

  constructor(
    private readonly launcher: HTMLButtonElement,
    private readonly emit: Emit,
  ) {}

  get open(): boolean {
    return this.#open;
  }

  setOpen(open: boolean): void {
    if (open === this.#open) return;
    this.#open = open;
    this.launcher.setAttribute("aria-expanded", String(open));
    for (const listener of this.#listeners) listener(open);
    this.emit(open ? "open" : "close", undefined);
  }

  subscribe(listener: (open: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
