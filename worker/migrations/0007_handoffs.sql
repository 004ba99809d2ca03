-- Handoffs to a person: a visitor's request for the team, its messages both ways, and the
-- conversation that led to it. The visitor's email address and name are personal data: an
-- operator can delete a handoff at any time, and the daily purge deletes every handoff
-- TRANSCRIPT_RETENTION_DAYS after its last message. The visitor is kept as a hash of their
-- random widget id, as everywhere else.
CREATE TABLE handoffs (
  id TEXT PRIMARY KEY,                -- 24 random hex digits; the reply address signs it
  visitor_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT,
  transcript TEXT NOT NULL,           -- JSON [{role, content}]: the chat before the request
  status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
  created_at TEXT NOT NULL,           -- ISO 8601, UTC
  updated_at TEXT NOT NULL,           -- the last message either way (retention counts from it)
  operator_seen_at TEXT               -- when an operator last opened it: newer visitor messages are unread
);
CREATE INDEX handoffs_by_visitor ON handoffs (visitor_hash, created_at);
CREATE INDEX handoffs_by_time ON handoffs (created_at);
CREATE INDEX handoffs_by_update ON handoffs (updated_at);

-- Every message of a handoff, in order: the visitor's request and follow-ups, the team's replies.
-- The visitor's hash is repeated here so the hourly cap counts their messages with one index.
CREATE TABLE handoff_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  handoff_id TEXT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
  visitor_hash TEXT NOT NULL,
  author TEXT NOT NULL CHECK (author IN ('visitor', 'team')),
  text TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('widget', 'console', 'email')),
  created_at TEXT NOT NULL
);
CREATE INDEX handoff_messages_by_handoff ON handoff_messages (handoff_id, id);
CREATE INDEX handoff_messages_by_visitor ON handoff_messages (visitor_hash, author, created_at);
