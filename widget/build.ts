/**
 * `npm run build`: the front-end into the Worker's static assets (dist/public).
 *  1. the chat panel, an ES module per language with a content hash in its name (cached forever),
 *     and beside it that language's handoff chunk, which the panel imports only when needed;
 *  2. widget.js, the classic-script loader, which imports the visitor's language's panel by name;
 *  3. the landing page and the operator console (/admin); the public .d.ts; `_headers` with
 *     cache and CORS rules.
 */
import { copyFile, rm, writeFile } from "node:fs/promises";
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

/** Builds one ES module for browsers from `entry`; resolves with the file name it got. */
async function browserModule(entry: string, fileName: string, define: Record<string, string>): Promise<string> {
  const result = await build({
    ...common,
    define,
    build: {
      outDir,
      emptyOutDir: false,
      target: "es2022",
      minify: true,
      // light-dark() needs Chrome 123, Firefox 120, Safari 17.5: kept as is, not polyfilled.
      cssTarget: ["chrome123", "firefox120", "safari17.5"],
      rolldownOptions: {
        input: entry,
        preserveEntrySignatures: "exports-only",
        // The panel imports its handoff chunk by name, at run time (mount.tsx).
        external: [/^\.\/widget-handoff-/],
        output: { format: "es", entryFileNames: fileName, codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ("output" in r ? r.output : []));
  const file = outputs.find((output) => output.type === "chunk" && output.isEntry)?.fileName;
  if (!file) throw new Error(`${entry} built into no module`);
  return file;
}

/**
 * One panel chunk a language, each carrying only its own words; the loader picks the visitor's.
 * Beside each, that language's handoff chunk (the form to reach the team, the watch for replies),
 * a module of its own with its own Preact, which the panel imports by name only when needed: the
 * panel stays one file and carries none of it.
 */
await rm(outDir, { recursive: true, force: true });
const panelFiles: Partial<Record<Language, string>> = {};
for (const lang of LANGUAGES) {
  const language = { __PANEL_LANG__: JSON.stringify(lang) };
  const handoff = await browserModule(
    `${root}widget/src/panel/handoff/start.tsx`,
    `widget-handoff-${lang}-[hash].js`,
    language,
  );
  const panel = await browserModule(`${root}widget/src/panel/mount.tsx`, `widget-panel-${lang}-[hash].js`, {
    ...language,
    __HANDOFF_FILE__: JSON.stringify(`./${handoff}`),
  });
  panelFiles[lang] = `./${panel}`;
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
/widget-handoff-*
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
