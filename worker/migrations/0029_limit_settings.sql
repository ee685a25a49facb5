-- The coordinator's time limits and flag thresholds (PUT /api/settings/limits), one row per saved version: the
-- current settings are the highest version, every earlier one is kept with the token that saved it and when.
-- `settings` is the JSON of ledger/api/limits.ts LimitSettings; thresholds missing from an old version take their
-- defaults (worker/assessment/limit-settings.ts).
--
-- assessment_time_limits (migration 0014) stays: the triggers that keep assessment_daily look each case's limit
-- up there, row by row. It is a copy of the current version's time limits that only the same batch that stores a
-- version rewrites (worker/db/limit-settings.ts), together with the rebuild of assessment_daily, so the on-time
-- counts, the flags and the settings never disagree.
CREATE TABLE limit_settings (
  version INTEGER PRIMARY KEY CHECK (version >= 1),
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  token_id INTEGER,
  created_at TEXT NOT NULL
) STRICT;

-- Time limits changed by hand in assessment_time_limits before this migration become version 1, so nothing that
-- was configured is lost; the flag thresholds of that version are the defaults. Left at 0014's values, no version
-- is written and the defaults apply.
INSERT INTO limit_settings (version, settings, token_id, created_at)
SELECT 1, json_object('timeLimits', json_object(
    'byStage', (SELECT json_group_object(value, days) FROM assessment_time_limits WHERE kind = 'stage'),
    'byMediationType', (SELECT json_group_object(value, days) FROM assessment_time_limits WHERE kind = 'mediation_type'),
    'fallback', COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'fallback'), 30)),
  'flags', json_object()), NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE (SELECT group_concat(kind || '/' || value || '/' || days, ';') FROM (SELECT * FROM assessment_time_limits ORDER BY kind, value))
  IS NOT 'fallback//30;mediation_type/人民调解/30;stage/行政复议/60;stage/诉前/30';

-- A save made from an older version than the current one (two coordinators editing at once) is refused whole.
CREATE TRIGGER batch_assertion_limits_current INSTEAD OF INSERT ON batch_assertions
WHEN NEW.kind = 'limits_current' AND NEW.failed
BEGIN
  SELECT RAISE(ABORT, 'tiaojie_limits_changed');
END;
