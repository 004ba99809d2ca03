/**
 * Ends the run with what CI logs need: the figures tests report with `annotate()` (retrieval
 * accuracy, byte budgets…), then the totals as one plain line, `N passed, N failed, N skipped`.
 */
import type { TestAnnotation } from "vitest";
import type { Reporter, TestCase, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  readonly #reports: string[] = [];

  onTestCaseAnnotate(testCase: TestCase, annotation: TestAnnotation): void {
    this.#reports.push(`${testCase.name}: ${annotation.message}`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
    }
    const reports = this.#reports.map((report) => `  ${report}\n`).join("");
    process.stdout.write(
      `\n${reports ? `Reports:\n${reports}` : ""}${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
    );
  }
}
