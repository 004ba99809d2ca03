-- The operator's FAQ, one row per published version (history is never rewritten), and the
-- widget's settings (one row).
CREATE TABLE faq_versions (
  version INTEGER PRIMARY KEY,        -- 1, 2, 3…: publishing is a compare-and-set on the latest
  content TEXT NOT NULL,              -- Markdown
  note TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL,              -- bytes of content, UTF-8
  created_at TEXT NOT NULL            -- ISO 8601, UTC
);

CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  json TEXT NOT NULL,                 -- WidgetConfig, validated by protocol.ts
  updated_at TEXT NOT NULL
);
