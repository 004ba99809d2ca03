/**
 * What an isolate computed for the keys it saw last (hashes of visitors and networks), so that a
 * key's next request costs no recomputation. Bounded: once it holds `max` keys it forgets them
 * all, which costs one recomputation each and no bookkeeping per request. A computation that
 * fails is forgotten at once.
 */
export class RecentValues<V> {
  readonly #values = new Map<string, Promise<V>>();

  constructor(readonly max: number) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    let value = this.#values.get(key);
    if (!value) {
      if (this.#values.size >= this.max) this.#values.clear();
      value = compute();
      this.#values.set(key, value);
      value.catch(() => this.#values.delete(key));
    }
    return value;
  }
}
