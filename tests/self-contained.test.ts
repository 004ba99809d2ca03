/**
 * The repository stands on its own: no tracked file reads, imports or links anything outside it,
 * so a clone with nothing beside it builds and tests like this one.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, readFileSync, readlinkSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
const TEXT = /\.(ts|tsx|js|mjs|json|jsonc|toml|md|html|css|sql|yml|yaml)$|(^|\/)(run|\.gitignore)$/;

/** Relative paths a file refers to: imports, `new URL(…, import.meta.url)`, Markdown links. */
const REFERENCES = [
  /\bfrom\s+["'](\.{1,2}\/[^"']*)["']/g,
  /\bimport\s*\(\s*["'](\.{1,2}\/[^"']*)["']/g,
  /\bnew URL\(\s*["'](\.{1,2}\/[^"']*)["']/g,
  /\]\((\.{1,2}\/[^)#\s]*)/g,
];

const inside = (path: string) =>
  path === ROOT.replace(/\/$/, "") || path.startsWith(ROOT.endsWith(sep) ? ROOT : ROOT + sep);

describe("the repository", () => {
  it("names no sibling folder such as ../shared", () => {
    const offenders = tracked.filter(
      (file) => TEXT.test(file) && /(\.\.\/)+shared\//.test(readFileSync(`${ROOT}${file}`, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("refers only to paths inside itself", () => {
    const outside: string[] = [];
    for (const file of tracked.filter((f) => TEXT.test(f))) {
      const text = readFileSync(`${ROOT}${file}`, "utf8");
      for (const pattern of REFERENCES) {
        for (const [, reference] of text.matchAll(pattern)) {
          if (reference && !inside(resolve(dirname(`${ROOT}${file}`), reference)))
            outside.push(`${file}: ${reference}`);
        }
      }
    }
    expect(outside).toEqual([]);
    expect(tracked.length).toBeGreaterThan(100);
  });

  it("has no symbolic link leading out of it", () => {
    const links = tracked.filter((file) => lstatSync(`${ROOT}${file}`).isSymbolicLink());
    const outside = links.filter((file) => !inside(resolve(dirname(`${ROOT}${file}`), readlinkSync(`${ROOT}${file}`))));
    expect(outside).toEqual([]);
  });
});
