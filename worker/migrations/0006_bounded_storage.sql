-- Ratings are kept individually only for TRANSCRIPT_RETENTION_DAYS; older ones are added to these
-- totals and deleted, so satisfaction per FAQ version outlives them without keeping any visitor data.
CREATE TABLE rating_totals (
  faq_version INTEGER PRIMARY KEY,
  up INTEGER NOT NULL DEFAULT 0,
  down INTEGER NOT NULL DEFAULT 0
);

-- Draft previews in the console: they spend the provider's tokens too (counted in `tokens`).
ALTER TABLE daily_stats ADD COLUMN previews INTEGER NOT NULL DEFAULT 0;
