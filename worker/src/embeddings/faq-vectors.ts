/**
 * The embeddings of each published FAQ version (migration 0008): computed when a version is
 * published (and, for a version published before `EMBEDDINGS_MODEL` was set, such as the seed, at
 * its first use), stored in D1, and read by chats through a per-isolate cache. An entry whose text
 * did not change is never embedded twice. A provider failure is recorded, not thrown: the publish
 * stands, and chats use lexical retrieval.
 */
import type { EnvConfig } from "../env-config";
import { parseFaq } from "../faq/parse-faq";
import { decodeVector, type EntryVectors, encodeVector, quantise } from "../faq/vectors";
import { sha256Hex } from "../hashing";
import type { EmbeddingStatus } from "../protocol";
import { EmbeddingFailure, embedTexts } from "./client";

export interface FaqVectors {
  version: number;
  model: string;
  entries: EntryVectors;
}

export type { EmbeddingStatus };

/** Texts per embeddings request, and the time one request may take. */
const BATCH = 96;
const REQUEST_TIMEOUT_MS = 20_000;
/** Rows per INSERT: D1 binds at most 100 parameters a statement (the model, then 2 per row). */
const ROWS_PER_INSERT = 49;
/** A failed version is tried again at its first use after this long. */
const RETRY_FAILED_AFTER_MS = 60 * 60_000;

function entryText(entry: { question: string; answer: string }): string {
  return `${entry.question}\n${entry.answer}`.slice(0, 8000);
}

/** Embeds and stores the entries of `content`, published as `version`; says how it went. */
export async function embedFaqVersion(
  db: D1Database,
  config: EnvConfig,
  version: number,
  content: string,
  now = new Date(),
): Promise<EmbeddingStatus> {
  const { apiKey, embeddingsModel: model } = config;
  if (!apiKey || !model) return { state: "off" };
  const texts = parseFaq(content).entries.map(entryText);
  const hashes = await Promise.all(texts.map((text) => sha256Hex(text, 12)));
  const record = (state: "ready" | "failed", detail: string | null) =>
    db
      .prepare(
        `INSERT OR REPLACE INTO faq_embeddings (version, model, state, detail, hashes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
      )
      .bind(version, model, state, detail, JSON.stringify(hashes), now.toISOString());
  try {
    const stored = await db
      .prepare(
        "SELECT text_hash FROM faq_entry_vectors WHERE model = ?1 AND text_hash IN (SELECT value FROM json_each(?2))",
      )
      .bind(model, JSON.stringify(hashes))
      .all<{ text_hash: string }>();
    const have = new Set(stored.results.map((row) => row.text_hash));
    const todo = [...new Map(texts.map((text, i) => [hashes[i] ?? "", text])).entries()].filter(
      ([hash]) => !have.has(hash),
    );
    const rows: [hash: string, vector: string][] = [];
    for (let i = 0; i < todo.length; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      const vectors = await embedTexts(
        { baseUrl: config.baseUrl, apiKey, model },
        batch.map(([, text]) => text),
        REQUEST_TIMEOUT_MS,
      );
      batch.forEach(([hash], j) => {
        const vector = vectors[j];
        if (vector) rows.push([hash, encodeVector(quantise(vector))]);
      });
    }
    const inserts: D1PreparedStatement[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const values = chunk.map((_, j) => `(?1, ?${2 + 2 * j}, ?${3 + 2 * j})`).join(", ");
      inserts.push(
        db
          .prepare(`INSERT OR IGNORE INTO faq_entry_vectors (model, text_hash, vector) VALUES ${values}`)
          .bind(model, ...chunk.flat()),
      );
    }
    await db.batch([...inserts, record("ready", null)]);
    forget(db);
    return { state: "ready", model };
  } catch (err) {
    const detail = err instanceof EmbeddingFailure ? err.message : "the embeddings could not be stored";
    console.warn(`FAQ version ${version} not embedded (${detail}): chats use lexical retrieval`);
    await record("failed", detail)
      .run()
      .catch(() => undefined);
    forget(db);
    return { state: "failed", model, detail };
  }
}

/** Whether `version` has embeddings of the configured model. */
export async function embeddingStatus(db: D1Database, config: EnvConfig, version: number): Promise<EmbeddingStatus> {
  const model = config.embeddingsModel;
  if (!config.apiKey || !model) return { state: "off" };
  const row = await db
    .prepare("SELECT state, detail FROM faq_embeddings WHERE version = ?1 AND model = ?2")
    .bind(version, model)
    .first<{ state: string; detail: string | null }>();
  if (!row) return { state: "pending", model };
  return row.state === "ready" ? { state: "ready", model } : { state: "failed", model, detail: row.detail ?? "" };
}

/** Loaded vectors, per database and `version:model`, so a chat costs no D1 read in the common case. */
const cache = new WeakMap<D1Database, Map<string, { vectors: FaqVectors | null; at: number }>>();
/** How long a version without vectors is believed to have none (they may be computed meanwhile). */
const MISSING_TTL_MS = 30_000;
/** Versions whose computation this isolate started at their first use. */
const started = new Set<string>();

function forget(db: D1Database): void {
  cache.delete(db);
}

/**
 * The vectors of the published `version` for chats, or null (no embeddings configured, none yet,
 * or they failed). A version never embedded, or that failed over an hour ago, is embedded in the
 * background (`later`), once per isolate.
 */
export async function publishedVectors(
  db: D1Database,
  config: EnvConfig,
  faq: { version: number; content: string },
  later: (work: Promise<unknown>) => void,
  now = Date.now(),
): Promise<FaqVectors | null> {
  const model = config.embeddingsModel;
  if (!config.apiKey || !model) return null;
  const key = `${faq.version}:${model}`;
  const byKey = cache.get(db) ?? new Map<string, { vectors: FaqVectors | null; at: number }>();
  cache.set(db, byKey);
  const hit = byKey.get(key);
  if (hit && (hit.vectors || now - hit.at < MISSING_TTL_MS)) return hit.vectors;
  const row = await db
    .prepare("SELECT state, hashes, created_at AS at FROM faq_embeddings WHERE version = ?1 AND model = ?2")
    .bind(faq.version, model)
    .first<{ state: string; hashes: string | null; at: string }>();
  let vectors: FaqVectors | null = null;
  if (row?.state === "ready" && row.hashes) {
    const { results } = await db
      .prepare(
        "SELECT text_hash, vector FROM faq_entry_vectors WHERE model = ?1 AND text_hash IN (SELECT value FROM json_each(?2))",
      )
      .bind(model, row.hashes)
      .all<{ text_hash: string; vector: string }>();
    const byHash = new Map(results.map((r) => [r.text_hash, decodeVector(r.vector)]));
    const hashes = JSON.parse(row.hashes) as string[];
    vectors = { version: faq.version, model, entries: hashes.map((hash) => byHash.get(hash) ?? null) };
  }
  const stale = !row || (row.state === "failed" && now - Date.parse(row.at) > RETRY_FAILED_AFTER_MS);
  if (stale && !started.has(key)) {
    started.add(key);
    later(embedFaqVersion(db, config, faq.version, faq.content));
  }
  byKey.clear();
  byKey.set(key, { vectors, at: now });
  return vectors;
}
