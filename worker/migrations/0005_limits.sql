-- The limits' side of the daily counters: chats answered from the FAQ because the site's daily
-- budget or a network's daily tokens were spent, chats decided by the approximate limiter while the
-- Limiter objects could not be reached, and when the site's budget ran out (ISO 8601, UTC).
ALTER TABLE daily_stats ADD COLUMN budget_fallbacks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_stats ADD COLUMN allowance_fallbacks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_stats ADD COLUMN limiter_fallbacks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_stats ADD COLUMN budget_exhausted_at TEXT;
