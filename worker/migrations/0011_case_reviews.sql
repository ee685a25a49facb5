-- Case-file quality reviews (案件质量评查): one score out of 100 per reviewed case, counted in the period of
-- `reviewed_on`. `dimensions` holds the per-dimension marks as JSON (证据审查和采信、事实认定 …) when given.
CREATE TABLE case_reviews (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  case_no TEXT NOT NULL,
  reviewed_on TEXT NOT NULL,
  score REAL NOT NULL CHECK (score >= 0 AND score <= 100),
  dimensions TEXT,
  reviewer TEXT,
  created_by INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (unit_id, case_no, reviewed_on)
) STRICT;
CREATE INDEX case_reviews_by_date ON case_reviews (reviewed_on, unit_id);
