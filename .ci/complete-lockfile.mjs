#!/usr/bin/env node
/**
 * Restores the lockfile entries of platform-specific optional packages (macOS, Windows, musl…
 * builds of workerd and Biome) that `npm install` leaves out when the registry it reaches does
 * not serve them, as in this project's sandbox. Without them `npm ci` refuses the lockfile
 * ("Missing: … from lock file"); with them it validates, and skips them on Linux as any lockfile
 * made against the full registry would. Run after `npm install` changes the lockfile:
 *   node .ci/complete-lockfile.mjs
 */
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const found = resolve(location, name);
    if (found && packages[found].version === version) continue;
    const platform = platformOf(name);
    const sibling = Object.entries(entry.optionalDependencies)
      .map(([n, v]) => resolve(location, n, v))
      .find(Boolean);
    if (!platform || !sibling) continue;
    const dir = sibling.slice(0, sibling.lastIndexOf("node_modules/"));
    packages[`${dir}node_modules/${name}`] = {
      version,
      ...platform,
      ...(packages[sibling].dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform package entr${added === 1 ? "y" : "ies"}`);

/** Where Node would find `name` (at `version`, if given) from the package at `location`. */
function resolve(location, name, version) {
  let dir = location;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[candidate])
      return version === undefined || packages[candidate].version === version ? candidate : undefined;
    if (!dir) return undefined;
    const up = dir.lastIndexOf("/node_modules/");
    dir = up === -1 ? "" : dir.slice(0, up);
  }
}

/** `os`, `cpu` and `libc` of a platform package, read from its conventional name. */
function platformOf(name) {
  const os =
    ["darwin", "linux", "android", "freebsd", "openbsd", "sunos", "aix"].find((o) => name.includes(o)) ??
    (/win32|windows/.test(name) ? "win32" : undefined);
  const cpu = /arm64|aarch64/.test(name)
    ? "arm64"
    : /ia32/.test(name)
      ? "ia32"
      : /arm/.test(name)
        ? "arm"
        : /x64|-64\b|amd64/.test(name)
          ? "x64"
          : undefined;
  if (!os || !cpu) return undefined;
  return {
    cpu: [cpu],
    os: [os],
    ...(name.includes("musl") ? { libc: ["musl"] } : os === "linux" ? { libc: ["glibc"] } : {}),
  };
}
