-- Mentor assignments (金牌带星牌, DOMAIN §3) per period: one computation per period, replaced whole when the
-- coordinator computes again; earlier periods stay (they drive stability and rotation of the next one).
-- No foreign keys to mediators/units: a stored period is a record of what was decided, names included.
CREATE TABLE mentor_runs (
  period TEXT PRIMARY KEY,
  computed_at TEXT NOT NULL,
  computed_by INTEGER,
  as_of TEXT NOT NULL,
  objective INTEGER NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- mentor_id NULL = a target the engine could not cover (reason says why).
CREATE TABLE mentor_assignments (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pairing', 'case', 'visit')),
  mentor_id INTEGER,
  mentor_name TEXT,
  mentor_unit_id INTEGER,
  mentor_unit TEXT,
  target_id TEXT NOT NULL,
  target_name TEXT NOT NULL,
  target_unit_id INTEGER,
  target_unit TEXT,
  case_no TEXT,
  slot INTEGER NOT NULL DEFAULT 1,
  cost INTEGER,
  terms TEXT NOT NULL DEFAULT '[]',
  reason_zh TEXT NOT NULL,
  reason_en TEXT NOT NULL
) STRICT;
CREATE INDEX mentor_assignments_period ON mentor_assignments (period, kind, target_id);
CREATE INDEX mentor_assignments_case ON mentor_assignments (target_unit_id, case_no) WHERE case_no IS NOT NULL;
