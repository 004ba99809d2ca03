/**
 * `npm run build`: the front-end into the Worker's static assets (dist/public).
 *  1. the chat panel, an ES module per language with a content hash in its name (cached forever),
 *     and beside it that language's handoff chunk, which the panel imports only when needed;
 *  2. widget.js, the classic-script loader, which imports the visitor's language's panel by name;
 *  3. the landing page and the operator console (/admin); the public .d.ts; `_headers` with
 *     cache and CORS rules.
 */
import { copyFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build, type InlineConfig } from "vite";
import { CONSOLE_CSP } from "../worker/src/middleware/security-headers/policy.ts";
import { LANGUAGES, type Language } from "../worker/src/protocol/limits.ts";

// Always a production build, even when started from a test run (which sets NODE_ENV=test).
process.env.NODE_ENV = "production";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = `${root}dist/public`;

const common: InlineConfig = {
  configFile: false,
  logLevel: "warn",
  root,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
};

/**
 * One panel chunk a language, each carrying only its own words; the loader picks the visitor's.
 * What the panel imports lazily (the form to reach the team) becomes a chunk of the same language
 * beside it, importing what it shares from the panel itself (`allow-extension`), so that opening
 * the chat stays one file.
 */
const panelFiles: Partial<Record<Language, string>> = {};
for (const lang of LANGUAGES) {
  const panel = await build({
    ...common,
    define: { __PANEL_LANG__: JSON.stringify(lang) },
    build: {
      outDir,
      emptyOutDir: lang === LANGUAGES[0],
      target: "es2022",
      minify: true,
      // light-dark() needs Chrome 123, Firefox 120, Safari 17.5: kept as is, not polyfilled.
      cssTarget: ["chrome123", "firefox120", "safari17.5"],
      // Built as a library: the lazy chunk has nothing to preload, so no preload helper either.
      lib: { entry: `${root}widget/src/panel/mount.tsx`, formats: ["es"] },
      rolldownOptions: {
        preserveEntrySignatures: "allow-extension",
        output: {
          format: "es",
          entryFileNames: `widget-panel-${lang}-[hash].js`,
          chunkFileNames: `widget-panel-${lang}-[name]-[hash].js`,
          // A library's ES build keeps whitespace and annotations by default; this one is for browsers only.
          minify: true,
          comments: false,
        },
      },
    },
  });
  const outputs = (Array.isArray(panel) ? panel : [panel]).flatMap((result) =>
    "output" in result ? result.output : [],
  );
  const entry = outputs.find((file) => file.type === "chunk" && file.isEntry)?.fileName;
  if (!entry) throw new Error(`The ${lang} panel build produced no entry chunk`);
  panelFiles[lang] = `./${entry}`;
}

await build({
  ...common,
  define: { __PANEL_FILES__: JSON.stringify(panelFiles) },
  build: {
    outDir,
    emptyOutDir: false,
    target: "es2022",
    minify: true,
    lib: {
      entry: `${root}widget/src/embed.ts`,
      formats: ["iife"],
      name: "SupportChatLoader",
      fileName: () => "widget.js",
    },
  },
});

await build({
  configFile: false,
  logLevel: "warn",
  root: `${root}widget/landing`,
  base: "/",
  build: { outDir, emptyOutDir: false },
});

await build({
  ...common,
  root: `${root}widget/console`,
  base: "/admin/",
  build: {
    outDir: `${outDir}/admin`,
    emptyOutDir: false,
    target: "es2022",
    cssTarget: ["chrome123", "firefox120", "safari17.5"],
  },
});

await copyFile(`${root}widget/types/support-chat.d.ts`, `${outDir}/support-chat.d.ts`);
await writeFile(
  `${outDir}/_headers`,
  `/widget.js
  Cache-Control: public, max-age=300, stale-while-revalidate=86400
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff
/widget-panel-*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff
/admin/*
  Content-Security-Policy: ${CONSOLE_CSP}
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  X-Frame-Options: DENY
  Cache-Control: no-cache
`,
);
console.log(`built widget.js + ${Object.values(panelFiles).join(", ")} into dist/public`);
