/**
 * Pauses of write-behind batches (stats, settlements): a pause ends after its time, or at once
 * when `hurryPauses()` is called, so tests need not wait for batches to be written.
 */
const pausing = new Set<() => void>();

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(end, ms);
    function end() {
      clearTimeout(timer);
      pausing.delete(end);
      resolve();
    }
    pausing.add(end);
  });
}

/** Ends every pause now. */
export function hurryPauses(): void {
  for (const end of [...pausing]) end();
}
