/**
 * The widget's weight, in gzip bytes (budget: loader ≤ 3 KB, loader + the panel of any one
 * language ≤ 15 KB, 1 KB = 1000 bytes). A byte count, deterministic: built here, measured, reported.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { measureWidget } from "../widget/tools/bundle-size.ts";
import { LANGUAGES } from "../worker/src/protocol/limits.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = `${ROOT}dist/public`;
const LOADER_BUDGET = 3_000;
const TOTAL_BUDGET = 15_000;

describe("widget bundle", () => {
  beforeAll(() => {
    execFileSync("node", ["widget/build.ts"], { cwd: ROOT, stdio: "pipe" });
  });

  it("stays within its byte budget: loader ≤ 3 KB, loader + panel ≤ 15 KB gzip, in every language", ({ annotate }) => {
    const weight = measureWidget(OUT);
    expect(weight.panels.map((panel) => panel.lang).sort()).toEqual([...LANGUAGES].sort());
    const panels = weight.panels.map((panel) => `${panel.lang} ${weight.loader + panel.gzip} B`).join(", ");
    annotate(
      `widget bytes (gzip): loader ${weight.loader} B (budget ${LOADER_BUDGET}), loader + panel ${panels} (budget ${TOTAL_BUDGET})`,
    );
    expect(weight.loader).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(weight.opened).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it("ships no Zod and no provider settings", () => {
    for (const file of readdirSync(OUT).filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(`${OUT}/${file}`, "utf8");
      expect(text, file).not.toMatch(/ZodError|zod\.dev|OPENAI_API_KEY|sk-[A-Za-z0-9]{8}/);
    }
  });

  it("gives each language a handoff chunk with its own words only, beside its panel, which names it", () => {
    const words = { en: "Send to our team", es: "Enviar a nuestro equipo", de: "An unser Team senden" };
    for (const panel of measureWidget(OUT).panels) {
      const file = readFileSync(`${OUT}/${panel.file}`, "utf8").match(/\.\/(widget-handoff-\w+-[\w-]{8}\.js)/)?.[1];
      expect(file, panel.file).toMatch(new RegExp(`^widget-handoff-${panel.lang}-`));
      const text = readFileSync(`${OUT}/${file}`, "utf8");
      for (const [lang, word] of Object.entries(words))
        expect(text.includes(word), `${word} in ${file}`).toBe(lang === panel.lang);
      // The panel carries none of the form: it is all in the chunk.
      expect(readFileSync(`${OUT}/${panel.file}`, "utf8")).not.toContain(words[panel.lang as keyof typeof words]);
    }
  });

  it("gives each language a panel with its own words only, loaded by a content-hashed name", () => {
    const loader = readFileSync(`${OUT}/widget.js`, "utf8");
    expect(loader).not.toMatch(/^\s*(import|export)\s/m);
    const words = { en: "Close chat", es: "Cerrar el chat", de: "Chat schließen" };
    for (const panel of measureWidget(OUT).panels) {
      expect(panel.file).toMatch(new RegExp(`^widget-panel-${panel.lang}-[\\w-]{8}\\.js$`));
      const text = readFileSync(`${OUT}/${panel.file}`, "utf8");
      for (const [lang, word] of Object.entries(words))
        expect(text.includes(word), `${word} in ${panel.file}`).toBe(lang === panel.lang);
    }
  });
});
