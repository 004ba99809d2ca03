/**
 * What the browser tests and the benchmark read inside pages: axe-core once injected, what hostile
 * test pages record, and layout-shift entries (not in TypeScript's DOM types).
 */
interface AxeResults {
  violations: { id: string; nodes: unknown[] }[];
}

interface Window {
  axe?: { run(context: unknown, options?: unknown): Promise<AxeResults> };
  /** CSP violations a test page saw. */
  violations?: string[];
  /** Set only if hostile markup managed to run script. */
  pwned?: number;
  hacked?: number;
}

/** A `layout-shift` performance entry. */
interface LayoutShift extends PerformanceEntry {
  value: number;
}
