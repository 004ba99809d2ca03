/**
 * The widget's weight, in gzip bytes (issue budget: loader ≤ 3 KB, loader + panel ≤ 15 KB,
 * 1 KB = 1000 bytes). A byte count, deterministic: built here, measured, reported.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = `${ROOT}dist/public`;
const LOADER_BUDGET = 3_000;
const TOTAL_BUDGET = 15_000;

const gzipped = (file: string) => gzipSync(readFileSync(`${OUT}/${file}`), { level: 9 }).length;

describe("widget bundle", () => {
  beforeAll(() => {
    execFileSync("node", ["widget/build.ts"], { cwd: ROOT, stdio: "pipe" });
  });

  it("stays within its byte budget: loader ≤ 3 KB, loader + panel ≤ 15 KB gzip", ({ annotate }) => {
    const panel = readdirSync(OUT).filter((file) => /^widget-panel-[\w-]+\.js$/.test(file));
    expect(panel).toHaveLength(1);
    const loader = gzipped("widget.js");
    const total = loader + gzipped(panel[0] ?? "");
    annotate(
      `widget bytes (gzip): loader ${loader} B (budget ${LOADER_BUDGET}), loader + panel ${total} B (budget ${TOTAL_BUDGET})`,
    );
    expect(loader).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it("ships no Zod and no provider settings", () => {
    for (const file of readdirSync(OUT).filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(`${OUT}/${file}`, "utf8");
      expect(text, file).not.toMatch(/ZodError|zod\.dev|OPENAI_API_KEY|sk-[A-Za-z0-9]{8}/);
    }
  });

  it("loads the panel by a content-hashed name, relative to widget.js", () => {
    const loader = readFileSync(`${OUT}/widget.js`, "utf8");
    expect(loader).toMatch(/\.\/widget-panel-[\w-]{8}\.js/);
    expect(loader).not.toMatch(/^\s*(import|export)\s/m);
  });
});
