-- Routing (分流), transfer (转交) and receipt (签收); DOMAIN §6, ledger/api/routing.ts.

-- The coordinator's two rule sheets, versioned: a push that changes a sheet adds the next version whole and keeps the
-- earlier ones; the highest version is in force. No row of kind 'domains' = DOMAIN §6's default map.
CREATE TABLE routing_sheets (
  kind TEXT NOT NULL CHECK (kind IN ('domains', 'places')),
  version INTEGER NOT NULL,
  -- domains: {"教育": "区教育局", …}; places: [{"name": "樟脚村", "town": "涂岭镇"}, …]
  rules TEXT NOT NULL,
  rules_hash TEXT NOT NULL,
  rule_count INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  pushed_by INTEGER,
  pushed_at TEXT NOT NULL,
  PRIMARY KEY (kind, version)
) STRICT;

-- One row per case transferred from a unit's intake (usually the centre's) to the lead unit. The case as
-- transferred (`data`, unit = the lead) waits here until the lead unit signs for it; only then is it stored under
-- the lead unit in `cases`, so before its receipt it counts for no unit's assessment (the sending unit's row, if
-- it had one, was superseded by the transfer: its last version is in case_revisions with reason 'transfer').
CREATE TABLE case_transfers (
  id INTEGER PRIMARY KEY,
  case_no TEXT NOT NULL,
  from_unit_id INTEGER NOT NULL REFERENCES units(id),
  to_unit_id INTEGER NOT NULL REFERENCES units(id),
  assist_unit_id INTEGER REFERENCES units(id),
  basis TEXT CHECK (basis IN ('respondent', 'domain', 'place')),
  reason TEXT,
  data TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  -- the sending unit's case row the transfer superseded, if the case was in its ledger
  from_case_id INTEGER REFERENCES cases(id),
  request_key TEXT NOT NULL,
  transferred_by INTEGER,
  transferred_at TEXT NOT NULL,
  received_at TEXT,
  received_by INTEGER,
  UNIQUE (from_unit_id, case_no)
) STRICT;
CREATE INDEX case_transfers_to ON case_transfers (to_unit_id, received_at);

-- A confirm request's receipt under its Idempotency-Key: a retry with the same key and body gets the same receipt.
CREATE TABLE transfer_requests (
  idempotency_key TEXT PRIMARY KEY,
  token_id INTEGER,
  request_hash TEXT NOT NULL,
  receipt TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- case_revisions gains the reason 'transfer' (SQLite cannot alter a CHECK constraint: the table is rebuilt).
CREATE TABLE case_revisions_new (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  in_ledger INTEGER NOT NULL,
  deleted_at TEXT,
  push_id TEXT,
  written_by INTEGER,
  written_at TEXT NOT NULL,
  superseded_at TEXT NOT NULL,
  superseded_by_push TEXT,
  reason TEXT NOT NULL CHECK (reason IN ('push', 'delete', 'transfer')),
  UNIQUE (case_id, version)
) STRICT;
INSERT INTO case_revisions_new SELECT id, case_id, version, data, content_hash, in_ledger, deleted_at, push_id, written_by,
  written_at, superseded_at, superseded_by_push, reason FROM case_revisions;
DROP TABLE case_revisions;
ALTER TABLE case_revisions_new RENAME TO case_revisions;
