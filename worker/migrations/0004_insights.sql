-- The operator's insight loop: what each answer was, ratings tied to it, and (only when
-- LOG_CONVERSATIONS=true) transcripts. Visitors are kept as hashes of their random widget id;
-- no IP address is stored anywhere. Rows older than TRANSCRIPT_RETENTION_DAYS are purged daily.

-- One row per finished answer. The question and the answer are kept only when the FAQ could not
-- answer (`unanswered`), or when the visitor rated it down and quoted both back, matching
-- `fingerprint` (SHA-256 of question and answer), which is all that is kept of the others.
CREATE TABLE answers (
  message_id TEXT PRIMARY KEY,        -- the `messageId` of the answer's `done` event
  visitor_hash TEXT NOT NULL,
  faq_version INTEGER NOT NULL,       -- the published FAQ version that grounded the answer
  source TEXT NOT NULL CHECK (source IN ('model', 'faq')),
  unanswered INTEGER NOT NULL DEFAULT 0 CHECK (unanswered IN (0, 1)),
  fingerprint TEXT NOT NULL,
  question TEXT,
  answer TEXT,
  created_at TEXT NOT NULL            -- ISO 8601, UTC
);
CREATE INDEX answers_by_time ON answers (created_at);

-- A rating carries the version and source of the answer it rates, so satisfaction per FAQ
-- version outlives the answers table's retention.
ALTER TABLE feedback ADD COLUMN faq_version INTEGER;
ALTER TABLE feedback ADD COLUMN source TEXT;
CREATE INDEX feedback_by_visitor_message ON feedback (message_id, visitor_hash);
CREATE INDEX feedback_by_time ON feedback (created_at);

-- Transcripts, only when LOG_CONVERSATIONS=true: one row per question and its answer.
CREATE TABLE transcript_turns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL,      -- hash of the visitor id and the conversation's first question
  visitor_hash TEXT NOT NULL,
  message_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('model', 'faq')),
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'stopped', 'error')),
  created_at TEXT NOT NULL
);
CREATE INDEX transcript_by_conversation ON transcript_turns (conversation_id, id);
CREATE INDEX transcript_by_time ON transcript_turns (created_at);
