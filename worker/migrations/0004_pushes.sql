-- A push is a client-generated id plus chunks; each chunk keeps its receipt under its Idempotency-Key so a retry
-- returns the same receipt and writes nothing.
CREATE TABLE pushes (
  id TEXT PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  token_id INTEGER,
  whole_ledger INTEGER NOT NULL,
  chunk_count INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  completed_at TEXT
) STRICT;

CREATE TABLE push_chunks (
  push_id TEXT NOT NULL REFERENCES pushes(id),
  chunk_index INTEGER NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  -- every readable case number the chunk carried (valid and rejected rows): the basis of "not in ledger"
  case_nos TEXT NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  receipt TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (push_id, chunk_index),
  UNIQUE (unit_id, idempotency_key)
) STRICT;
