/** The widget's settings in D1 (one row), falling back to defaults until an operator saves some. */
import { WidgetConfig } from "../protocol";

export async function storedSettings(db: D1Database): Promise<WidgetConfig | null> {
  const row = await db.prepare("SELECT json FROM settings WHERE id = 1").first<{ json: string }>();
  if (!row) return null;
  // Read through the schema: settings saved before a field existed get its default.
  const parsed = WidgetConfig.safeParse(JSON.parse(row.json));
  return parsed.success ? parsed.data : null;
}

export async function saveSettings(db: D1Database, settings: WidgetConfig, now = new Date()): Promise<void> {
  await db
    .prepare(
      `INSERT INTO settings (id, json, updated_at) VALUES (1, ?1, ?2)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    )
    .bind(JSON.stringify(settings), now.toISOString())
    .run();
}
