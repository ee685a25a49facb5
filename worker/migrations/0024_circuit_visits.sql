-- Circuit visits (巡回指导记录, DOMAIN §3) pushed from the coordinator's sheet (PUT /api/visits). One row per
-- (day, gold mentor, town): pushing the same sheet again writes nothing; a changed 指导内容/发现问题 bumps `version`
-- and keeps the previous text in circuit_visit_revisions. Visits feed the next period's rotation and the
-- town_not_visited flag. mentor_name/town keep the names as recorded.
CREATE TABLE circuit_visits (
  id INTEGER PRIMARY KEY,
  visited_on TEXT NOT NULL,
  mentor_id INTEGER NOT NULL,
  mentor_name TEXT NOT NULL,
  town_unit_id INTEGER NOT NULL,
  town TEXT NOT NULL,
  content TEXT,
  problems TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER,
  updated_at TEXT NOT NULL,
  updated_by INTEGER,
  UNIQUE (visited_on, mentor_id, town_unit_id)
) STRICT;
CREATE INDEX circuit_visits_town ON circuit_visits (town_unit_id, visited_on);

CREATE TABLE circuit_visit_revisions (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  content TEXT,
  problems TEXT,
  updated_at TEXT NOT NULL,
  updated_by INTEGER,
  replaced_at TEXT NOT NULL
) STRICT;
CREATE INDEX circuit_visit_revisions_visit ON circuit_visit_revisions (visit_id, version);
