/**
 * `npm run bench -- --quick` in the test suite, so the benchmark cannot rot: every stage runs
 * with tiny counts and every figure appears. Figures are reported, never asserted: speed goals
 * live in the benchmark, not in tests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("npm run bench -- --quick", () => {
  it("runs every stage and reports every figure", { timeout: 420_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), "bench-")), "RESULTS.md");
    execFileSync("node", ["bench/run.ts", "--quick", "--out", out], { cwd: ROOT, stdio: "pipe", timeout: 410_000 });
    const report = readFileSync(out, "utf8");
    for (const figure of [
      "Widget before first interaction",
      "Widget after opening",
      "Time to first token",
      "Server-Timing of our answers",
      "Abuse: one IPv4 address",
      "Abuse: one IPv6 /64",
      "Abuse: a burst",
      "Abuse: a visitor elsewhere",
      "Abuse: a visitor once the site's budget is spent",
      "Insights page over 500 planted",
      "Gap between streamed chunks",
      "Worker CPU per chat",
      "Concurrent streams",
      "Peak memory",
      "Rate limiter",
      "Prompt tokens per chat, 10-entry FAQ",
      "Prompt tokens per chat, 100-entry FAQ",
      "Prompt tokens per chat, 1,000-entry FAQ",
      "Time to first token by FAQ size",
      "Publishing a 1,000-entry FAQ with EMBEDDINGS_MODEL",
      "Time to first token at 1,000 entries with embeddings",
      "Held-out: the right entry among those the model is given",
      "Held-out: the right entry first in FAQ-only answers",
      "Held-out: confident answers to questions the FAQ cannot answer",
      "Held-out: sources right",
      "Independent probes (4 other FAQs",
      "Independent probes: confident answers",
      "Host page main-thread time",
      "Layout shift",
      "Requests before the visitor opens the chat",
    ]) {
      expect(report, figure).toContain(figure);
    }
    expect(report).toMatch(/\d+ cores, Node v\d+/);
  });
});
