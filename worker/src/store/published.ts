/**
 * What visitors get: the latest FAQ and the widget's settings, read through a short in-memory
 * cache (at most 30 s old), so a chat costs no D1 round trip in the common case. A publish
 * refreshes the cache of its own isolate at once; other isolates follow within 30 s.
 */
import type { WidgetConfig } from "../protocol";
import { type FaqVersion, latestFaq } from "./faq-store";
import { defaultWidgetConfig } from "./widget-settings-defaults";
import { storedSettings } from "./widget-settings-store";

export const CACHE_TTL_MS = 30_000;

interface Entry<T> {
  value: T;
  at: number;
}

const faqCache = new WeakMap<D1Database, Entry<FaqVersion>>();
const settingsCache = new WeakMap<D1Database, Entry<WidgetConfig | null>>();

async function cached<T>(
  cache: WeakMap<D1Database, Entry<T>>,
  db: D1Database,
  load: () => Promise<T>,
  now: number,
): Promise<T> {
  const entry = cache.get(db);
  if (entry && now - entry.at < CACHE_TTL_MS) return entry.value;
  const value = await load();
  cache.set(db, { value, at: now });
  return value;
}

export function publishedFaq(db: D1Database, now = Date.now()): Promise<FaqVersion> {
  return cached(faqCache, db, () => latestFaq(db), now);
}

/** Defaults drawn from an FAQ, derived once per FAQ text rather than on every chat. */
let defaults: { faq: string; config: WidgetConfig } | undefined;

/** The widget's public settings: the operator's, else defaults drawn from the FAQ. */
export async function publicConfig(db: D1Database, now = Date.now()): Promise<WidgetConfig> {
  const stored = await cached(settingsCache, db, () => storedSettings(db), now);
  if (stored) return stored;
  const faq = (await publishedFaq(db, now)).content;
  if (defaults?.faq !== faq) defaults = { faq, config: defaultWidgetConfig(faq) };
  return defaults.config;
}

/** Called after a publish or a save, so this isolate serves the new values right away. */
export function remember(
  db: D1Database,
  change: { faq?: FaqVersion; settings?: WidgetConfig },
  now = Date.now(),
): void {
  if (change.faq) faqCache.set(db, { value: change.faq, at: now });
  if (change.settings) settingsCache.set(db, { value: change.settings, at: now });
}
