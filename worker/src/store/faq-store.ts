/**
 * The operator's FAQ in D1: every published version is a row, the latest is what visitors get.
 * Publishing is one compare-and-set statement, so of two operators publishing on the same base
 * version exactly one wins and the other gets a conflict. The first read seeds version 1 from
 * the FAQ shipped in the repo.
 */
import seedFaq from "../faq/seed-faq.md";
import type { FaqVersion, FaqVersionSummary } from "../protocol";

export type { FaqVersion };

const COLUMNS = "version, content, note, size, created_at AS updatedAt";

export class VersionConflict extends Error {
  constructor(readonly latest: number) {
    super(`The FAQ changed meanwhile: version ${latest} is the latest`);
  }
}

function byteSize(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Inserts version 1 from the repo's seed FAQ if nothing was ever published. */
async function seed(db: D1Database): Promise<void> {
  await db
    .prepare(
      `INSERT INTO faq_versions (version, content, note, size, created_at)
       SELECT 1, ?1, 'Seeded from the repository', ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM faq_versions)`,
    )
    .bind(seedFaq, byteSize(seedFaq), new Date().toISOString())
    .run();
}

export async function latestFaq(db: D1Database): Promise<FaqVersion> {
  const query = () =>
    db.prepare(`SELECT ${COLUMNS} FROM faq_versions ORDER BY version DESC LIMIT 1`).first<FaqVersion>();
  let latest = await query();
  if (!latest) {
    await seed(db);
    latest = await query();
  }
  if (!latest) throw new Error("The FAQ could not be seeded");
  return latest;
}

export async function faqVersion(db: D1Database, version: number): Promise<FaqVersion | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM faq_versions WHERE version = ?`).bind(version).first<FaqVersion>();
}

export async function faqVersions(db: D1Database): Promise<FaqVersionSummary[]> {
  await latestFaq(db);
  const { results } = await db
    .prepare("SELECT version, note, size, created_at AS updatedAt FROM faq_versions ORDER BY version DESC")
    .all<FaqVersionSummary>();
  return results;
}

/** Publishes `content` as version `baseVersion + 1`, or throws `VersionConflict` if `baseVersion` is not the latest. */
export async function publishFaq(
  db: D1Database,
  content: string,
  baseVersion: number,
  note = "",
  now = new Date(),
): Promise<FaqVersion> {
  await latestFaq(db);
  const version = baseVersion + 1;
  const updatedAt = now.toISOString();
  let changes = 0;
  try {
    const result = await db
      .prepare(
        `INSERT INTO faq_versions (version, content, note, size, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT MAX(version) FROM faq_versions) = ?6`,
      )
      .bind(version, content, note, byteSize(content), updatedAt, baseVersion)
      .run();
    changes = result.meta.changes;
  } catch (err) {
    // Two publishes on the same base: the primary key lets only one row in.
    if (!String(err).includes("UNIQUE")) throw err;
  }
  if (changes !== 1) throw new VersionConflict((await latestFaq(db)).version);
  return { version, content, note, size: byteSize(content), updatedAt };
}
