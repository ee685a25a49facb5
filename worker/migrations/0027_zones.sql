-- 片区 (zones) for the competitions (分片竞赛与全区比赛相结合): each town/street in at most one zone. Configuration
-- the assessment office or the coordinator keeps; a PUT replaces the whole assignment in one batch.
CREATE TABLE zones (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id),
  zone TEXT NOT NULL,
  updated_by INTEGER,
  updated_at TEXT NOT NULL
) STRICT;
