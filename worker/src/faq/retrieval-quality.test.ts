/**
 * FAQ retrieval measured on a labelled set made for the purpose (tests/fixtures/faq-eval/): a
 * 1,000-entry FAQ and questions split, before anything was tuned, into a tuning half and a
 * held-out half. The figures that count are the held-out half's, which nothing was tuned on.
 */
import { describe, expect, it } from "vitest";
import evaluationFaq from "../../../tests/fixtures/faq-eval/faq.md";
import { HELD_OUT } from "../../../tests/fixtures/faq-eval/held-out";
import { TUNING } from "../../../tests/fixtures/faq-eval/tuning";
import { describeFigures, measureRetrieval, printForBench, shortOfFaqOnlyGoals } from "../testing/retrieval-eval";

/** The goal for recall on the held-out half (#17); those of FAQ-only answers are shared. */
const RECALL_GOAL = 0.97;
/**
 * What the held-out half measured when tuning ended (2026-12-04): the floor for goals not met.
 * Right entry first went from 55.7% to 51.6% when the bars for a confident answer rose with the
 * FAQ's size (faq-answer.ts, CONFIDENCE.margin); wrong entries shown first went from 18 to 16.
 */
const MEASURED = { rightFirst: 0.51, confidentlyWrong: 1, sourcesRight: 0.85 };

describe("FAQ retrieval on the 1,000-entry evaluation FAQ", () => {
  it("tuning half (what the lexicon and thresholds were tuned on)", ({ annotate }) => {
    const figures = measureRetrieval(evaluationFaq, TUNING);
    annotate(describeFigures("tuning half", figures));
    annotate(figures.misses.join("\n"));
    expect(figures.answerable).toBeGreaterThanOrEqual(100);
  });

  /**
   * The goals: recall ≥ 97% (met), right entry first ≥ 90% and no confident answer to an
   * unanswerable question (not met by lexical retrieval on this FAQ: see the README). Each
   * figure is annotated against its goal; the assertions hold the goal where it is met and, where
   * it is not, today's measured level, so that nothing gets worse unnoticed.
   */
  it("held-out half: recall ≥ 97% (goal); right entry first and confident answers to unanswerable questions held at their measured levels, reported against their goals", ({
    annotate,
  }) => {
    const figures = measureRetrieval(evaluationFaq, HELD_OUT);
    annotate(describeFigures("held-out half", figures));
    const gaps = shortOfFaqOnlyGoals(figures);
    if (gaps.length) annotate(`BELOW GOAL: ${gaps.join("; ")}`);
    printForBench("held-out", figures);
    const why = figures.misses.join("\n");
    expect(figures.answerable + figures.unanswerable).toBeGreaterThanOrEqual(100);
    expect(figures.recall / figures.answerable, why).toBeGreaterThanOrEqual(RECALL_GOAL);
    expect(figures.rightFirst / figures.answerable, why).toBeGreaterThanOrEqual(MEASURED.rightFirst);
    expect(figures.confidentlyWrong, why).toBeLessThanOrEqual(MEASURED.confidentlyWrong);
    expect(figures.sourcesRight / (figures.answerable + figures.unanswerable), why).toBeGreaterThanOrEqual(
      MEASURED.sourcesRight,
    );
  });
});
