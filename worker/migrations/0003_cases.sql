-- Current state of every case, keyed by unit + case number. `data` is the normalised CaseRow (ledger/schema.ts) as
-- JSON; `content_hash` (SHA-256 of its canonical JSON) lets a re-push of unchanged rows write nothing.
-- The generated columns are VIRTUAL: they cost nothing on write and give readers (assessment, flags) plain columns.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  case_no TEXT NOT NULL,
  data TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  -- 0 once a whole-ledger push of the unit no longer carried this case ("not in ledger"); never deleted for that.
  in_ledger INTEGER NOT NULL DEFAULT 1,
  not_in_ledger_since TEXT,
  not_in_ledger_push TEXT,
  -- An explicit, versioned delete hides the case; its versions stay in case_revisions.
  deleted_at TEXT,
  push_id TEXT,
  updated_by INTEGER,
  updated_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  received_on TEXT GENERATED ALWAYS AS (data ->> '$.receivedOn') VIRTUAL,
  source TEXT GENERATED ALWAYS AS (data ->> '$.source') VIRTUAL,
  domain TEXT GENERATED ALWAYS AS (data ->> '$.domain') VIRTUAL,
  stage TEXT GENERATED ALWAYS AS (data ->> '$.stage') VIRTUAL,
  mediation_type TEXT GENERATED ALWAYS AS (data ->> '$.mediationType') VIRTUAL,
  applicant TEXT GENERATED ALWAYS AS (data ->> '$.applicant') VIRTUAL,
  respondent TEXT GENERATED ALWAYS AS (data ->> '$.respondent') VIRTUAL,
  accepted INTEGER GENERATED ALWAYS AS (data ->> '$.accepted') VIRTUAL,
  mediator TEXT GENERATED ALWAYS AS (data ->> '$.mediator') VIRTUAL,
  status TEXT GENERATED ALWAYS AS (data ->> '$.status') VIRTUAL,
  closed_on TEXT GENERATED ALWAYS AS (data ->> '$.closedOn') VIRTUAL,
  amount REAL GENERATED ALWAYS AS (data ->> '$.amount') VIRTUAL,
  judicial_confirmation INTEGER GENERATED ALWAYS AS (data ->> '$.judicialConfirmation') VIRTUAL,
  commitment TEXT GENERATED ALWAYS AS (data ->> '$.commitment') VIRTUAL,
  commitment_due TEXT GENERATED ALWAYS AS (data ->> '$.commitmentDue') VIRTUAL,
  commitment_met_on TEXT GENERATED ALWAYS AS (data ->> '$.commitmentMetOn') VIRTUAL,
  complexity TEXT GENERATED ALWAYS AS (data ->> '$.complexity') VIRTUAL,
  party_count INTEGER GENERATED ALWAYS AS (data ->> '$.partyCount') VIRTUAL,
  UNIQUE (unit_id, case_no)
) STRICT;

-- Every earlier version of a case: written just before the case row is overwritten or deleted.
CREATE TABLE case_revisions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  in_ledger INTEGER NOT NULL,
  deleted_at TEXT,
  -- who wrote this version, when, from which push
  push_id TEXT,
  written_by INTEGER,
  written_at TEXT NOT NULL,
  -- what replaced it
  superseded_at TEXT NOT NULL,
  superseded_by_push TEXT,
  reason TEXT NOT NULL CHECK (reason IN ('push', 'delete')),
  UNIQUE (case_id, version)
) STRICT;
