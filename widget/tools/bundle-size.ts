/**
 * The widget's weight as a visitor downloads it, in gzip bytes: widget.js before any interaction,
 * then widget.js plus the panel chunk of the visitor's language (the loader names one per
 * language). Read from a build in `dist/public`; used by the byte-budget test and the benchmark.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface WidgetWeight {
  /** widget.js, gzip. */
  loader: number;
  loaderRaw: number;
  /** Each language's panel chunk file and gzip size, as widget.js names them. */
  panels: { lang: string; file: string; gzip: number; raw: number }[];
  /** The heaviest language: widget.js + its panel, gzip and raw. */
  opened: number;
  openedRaw: number;
}

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

export function measureWidget(dist: string): WidgetWeight {
  const loader = readFileSync(`${dist}/widget.js`);
  const panels = [...loader.toString().matchAll(/(\w+):["`']\.\/(widget-panel-\w+-[\w-]+\.js)["`']/g)].map(
    ([, lang, file]) => {
      const bytes = readFileSync(`${dist}/${file}`);
      return { lang: lang ?? "", file: file ?? "", gzip: gzip(bytes), raw: bytes.length };
    },
  );
  if (panels.length === 0) throw new Error("widget.js names no panel chunk");
  const heaviest = panels.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return {
    loader: gzip(loader),
    loaderRaw: loader.length,
    panels,
    opened: gzip(loader) + heaviest.gzip,
    openedRaw: loader.length + heaviest.raw,
  };
}
