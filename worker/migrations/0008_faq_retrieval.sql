-- Retrieval for large FAQs and the sources of answers.

-- Whether each published FAQ version has embeddings of the configured model (EMBEDDINGS_MODEL),
-- and if not, why: a failed computation never blocks a publish, chats then use lexical retrieval.
CREATE TABLE faq_embeddings (
  version INTEGER NOT NULL,           -- faq_versions.version
  model TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('ready', 'failed')),
  detail TEXT,                        -- why it failed, in our words (never the provider's text)
  hashes TEXT,                        -- JSON array: each entry's text hash, in entry order
  created_at TEXT NOT NULL,           -- ISO 8601, UTC
  PRIMARY KEY (version, model)
);

-- Entry vectors, by the hash of the entry's text: an entry unchanged across versions is embedded
-- once. Each is normalised, quantised to one byte per dimension and kept as base64 text.
CREATE TABLE faq_entry_vectors (
  model TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  vector TEXT NOT NULL,
  PRIMARY KEY (model, text_hash)
);

-- The FAQ entries each logged answer named as its sources (by their question), so the console
-- can show which entries are cited most and which never. Purged with the answers they belong to.
CREATE TABLE answer_sources (
  message_id TEXT NOT NULL,           -- answers.message_id
  faq_version INTEGER NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL            -- ISO 8601, UTC
);
CREATE INDEX answer_sources_by_message ON answer_sources (message_id);
CREATE INDEX answer_sources_by_time ON answer_sources (created_at);
