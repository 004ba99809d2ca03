-- Visitors' ratings of answers. The visitor is kept only as a hash of their random widget id.
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL,           -- the `messageId` of the rated answer's `done` event
  visitor_hash TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  created_at TEXT NOT NULL            -- ISO 8601, UTC
);
CREATE INDEX feedback_by_message ON feedback (message_id);
