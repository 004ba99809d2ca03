/** Whether the panel is open: set by the launcher and the JS API, rendered by the App. */
export class ViewState {
  #open: boolean;
  readonly #listeners = new Set<(open: boolean) => void>();

  constructor(
    private readonly onChange: (open: boolean) => void = () => {},
    open = false,
  ) {
    this.#open = open;
  }

  get open(): boolean {
    return this.#open;
  }

  setOpen(open: boolean): void {
    if (open === this.#open) return;
    this.#open = open;
    for (const listener of this.#listeners) listener(open);
    this.onChange(open);
  }

  subscribe(listener: (open: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
