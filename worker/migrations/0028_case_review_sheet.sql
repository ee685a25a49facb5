-- Case-file quality reviews pushed from the 案件质量评查表 (POST /api/reviews). A sheet review stores its eight
-- dimension scores in `dimensions` (JSON by key: evidence, facts, law, procedure, documents, reasoning, effect,
-- responsibility; ledger/review-sheet.ts), its deductions and their reasons, and its total in `score`. One row per
-- (unit, case, review day): pushing the same sheet again writes nothing; a changed review bumps `version` and keeps
-- the previous one in case_review_revisions.
ALTER TABLE case_reviews ADD COLUMN deduction REAL;
ALTER TABLE case_reviews ADD COLUMN deduction_reason TEXT;
ALTER TABLE case_reviews ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE case_reviews ADD COLUMN updated_at TEXT;
ALTER TABLE case_reviews ADD COLUMN updated_by INTEGER;

CREATE TABLE case_review_revisions (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES case_reviews(id),
  version INTEGER NOT NULL,
  score REAL NOT NULL,
  dimensions TEXT,
  deduction REAL,
  deduction_reason TEXT,
  reviewer TEXT,
  written_by INTEGER,
  written_at TEXT,
  superseded_at TEXT NOT NULL,
  UNIQUE (review_id, version)
) STRICT;
