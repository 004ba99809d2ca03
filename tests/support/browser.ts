/**
 * Real Chromium for browser tests, driven by playwright-core: Debian's package (CHROME_PATH or
 * /usr/bin/chromium), since a test tool's own browser download cannot work offline. Without a
 * Chromium the browser tests print a loud SKIPPED banner, and fail instead when CI is set.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROME_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROME_PATH);

if (!HAS_CHROMIUM) {
  const banner = `
################################################################################
#  SKIPPED: browser tests. No Chromium at ${CHROME_PATH}.
#  Install it (apt-get install -y chromium) or set CHROME_PATH.
################################################################################`;
  if (process.env.CI) throw new Error(`Browser tests need Chromium in CI.${banner}`);
  console.warn(banner);
}

/** Flags for a headless Chromium on a machine with no network beyond loopback. */
export const CHROME_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
}
