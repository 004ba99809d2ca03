/** Resolves like `promise`, or rejects with `onTimeout()`'s error after `ms` milliseconds. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A deadline that moves: `onExpire` runs once `ms` pass after the last `touch()`. It keeps one
 * timer at a time and re-arms it only when it fires early, so watching a stream of many chunks
 * costs a timer or two, not one per chunk (timers are not free in workerd).
 */
export class IdleDeadline {
  readonly #ms: number;
  #last = Date.now();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(ms: number, onExpire: () => void) {
    this.#ms = ms;
    const arm = (delay: number) => {
      this.#timer = setTimeout(() => {
        if (this.#stopped) return;
        const idle = Date.now() - this.#last;
        if (idle >= this.#ms) onExpire();
        else arm(this.#ms - idle);
      }, delay);
    };
    arm(ms);
  }

  touch(): void {
    this.#last = Date.now();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}
