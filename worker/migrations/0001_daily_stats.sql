-- Usage per UTC day, for the operator: one row a day, counters only (no visitor data).
CREATE TABLE daily_stats (
  day TEXT PRIMARY KEY,               -- YYYY-MM-DD, UTC
  conversations INTEGER NOT NULL DEFAULT 0,
  messages INTEGER NOT NULL DEFAULT 0,
  tokens INTEGER NOT NULL DEFAULT 0,
  rate_limited INTEGER NOT NULL DEFAULT 0,
  fallbacks INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0
);
