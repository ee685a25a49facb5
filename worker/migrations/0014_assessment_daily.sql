-- Assessment counts per unit and day, kept current by triggers on `cases`, so a ranking for a year sums a few
-- thousand small rows instead of scanning every case (docs/ASSESSMENT.md, bench/rankings.ts). Each case adds to
-- the day it was received (received, accepted), the day it was concluded (concluded, on time, success, 诉前) and
-- its commitment's due day. The time limits the on-time count uses are in assessment_time_limits (DOMAIN §4
-- defaults; must equal DEFAULT_CONFIG.timeLimits); after changing them, rebuild (worker/db/assessment.ts
-- rebuildDailyCounts). A test holds these counts equal to a direct scan of `cases` after inserts, updates and deletes.
CREATE TABLE assessment_time_limits (
  kind TEXT NOT NULL CHECK (kind IN ('stage', 'mediation_type', 'fallback')),
  value TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days > 0),
  PRIMARY KEY (kind, value)
) STRICT;
INSERT INTO assessment_time_limits (kind, value, days) VALUES
  ('stage', '行政复议', 60), ('stage', '诉前', 30), ('mediation_type', '人民调解', 30), ('fallback', '', 30);

CREATE TABLE assessment_daily (
  unit_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  received INTEGER NOT NULL DEFAULT 0,
  accepted INTEGER NOT NULL DEFAULT 0,
  concluded INTEGER NOT NULL DEFAULT 0,
  on_time INTEGER NOT NULL DEFAULT 0,
  success_den INTEGER NOT NULL DEFAULT 0,
  successes INTEGER NOT NULL DEFAULT 0,
  pre_suit INTEGER NOT NULL DEFAULT 0,
  commitments_due INTEGER NOT NULL DEFAULT 0,
  commitments_kept INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER cases_assessment_insert AFTER INSERT ON cases BEGIN
  INSERT INTO assessment_daily (unit_id, day, received, accepted)
    SELECT NEW.unit_id, NEW.received_on, 1, (NEW.accepted = 1)
    WHERE NEW.deleted_at IS NULL AND NEW.received_on IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET received = received + excluded.received, accepted = accepted + excluded.accepted;
  INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
    SELECT NEW.unit_id, NEW.closed_on, 1,
      (julianday(NEW.closed_on) - julianday(NEW.received_on) <= COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = NEW.stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = NEW.mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))),
      (NEW.status IN ('调解成功', '调解不成', '终止')), (NEW.status = '调解成功'), (NEW.status = '调解成功' AND NEW.stage IS '诉前')
    WHERE NEW.deleted_at IS NULL AND NEW.accepted = 1 AND NEW.closed_on IS NOT NULL AND NEW.status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判')
    ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
      success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit;
  INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
    SELECT NEW.unit_id, NEW.commitment_due, 1, (NEW.commitment_met_on IS NOT NULL AND NEW.commitment_met_on <= NEW.commitment_due)
    WHERE NEW.deleted_at IS NULL AND NEW.commitment_due IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
      commitments_kept = commitments_kept + excluded.commitments_kept;
END;

-- `in_ledger` and bookkeeping changes do not touch the counts; only the data, the unit and deletion do.
CREATE TRIGGER cases_assessment_update AFTER UPDATE OF data, deleted_at, unit_id ON cases BEGIN
  INSERT INTO assessment_daily (unit_id, day, received, accepted)
    SELECT OLD.unit_id, OLD.received_on, -1, -(OLD.accepted = 1)
    WHERE OLD.deleted_at IS NULL AND OLD.received_on IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET received = received + excluded.received, accepted = accepted + excluded.accepted;
  INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
    SELECT OLD.unit_id, OLD.closed_on, -1,
      -(julianday(OLD.closed_on) - julianday(OLD.received_on) <= COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = OLD.stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = OLD.mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))),
      -(OLD.status IN ('调解成功', '调解不成', '终止')), -(OLD.status = '调解成功'), -(OLD.status = '调解成功' AND OLD.stage IS '诉前')
    WHERE OLD.deleted_at IS NULL AND OLD.accepted = 1 AND OLD.closed_on IS NOT NULL AND OLD.status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判')
    ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
      success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit;
  INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
    SELECT OLD.unit_id, OLD.commitment_due, -1, -(OLD.commitment_met_on IS NOT NULL AND OLD.commitment_met_on <= OLD.commitment_due)
    WHERE OLD.deleted_at IS NULL AND OLD.commitment_due IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
      commitments_kept = commitments_kept + excluded.commitments_kept;
  INSERT INTO assessment_daily (unit_id, day, received, accepted)
    SELECT NEW.unit_id, NEW.received_on, 1, (NEW.accepted = 1)
    WHERE NEW.deleted_at IS NULL AND NEW.received_on IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET received = received + excluded.received, accepted = accepted + excluded.accepted;
  INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
    SELECT NEW.unit_id, NEW.closed_on, 1,
      (julianday(NEW.closed_on) - julianday(NEW.received_on) <= COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = NEW.stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = NEW.mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))),
      (NEW.status IN ('调解成功', '调解不成', '终止')), (NEW.status = '调解成功'), (NEW.status = '调解成功' AND NEW.stage IS '诉前')
    WHERE NEW.deleted_at IS NULL AND NEW.accepted = 1 AND NEW.closed_on IS NOT NULL AND NEW.status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判')
    ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
      success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit;
  INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
    SELECT NEW.unit_id, NEW.commitment_due, 1, (NEW.commitment_met_on IS NOT NULL AND NEW.commitment_met_on <= NEW.commitment_due)
    WHERE NEW.deleted_at IS NULL AND NEW.commitment_due IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
      commitments_kept = commitments_kept + excluded.commitments_kept;
END;

CREATE TRIGGER cases_assessment_delete AFTER DELETE ON cases BEGIN
  INSERT INTO assessment_daily (unit_id, day, received, accepted)
    SELECT OLD.unit_id, OLD.received_on, -1, -(OLD.accepted = 1)
    WHERE OLD.deleted_at IS NULL AND OLD.received_on IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET received = received + excluded.received, accepted = accepted + excluded.accepted;
  INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
    SELECT OLD.unit_id, OLD.closed_on, -1,
      -(julianday(OLD.closed_on) - julianday(OLD.received_on) <= COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = OLD.stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = OLD.mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))),
      -(OLD.status IN ('调解成功', '调解不成', '终止')), -(OLD.status = '调解成功'), -(OLD.status = '调解成功' AND OLD.stage IS '诉前')
    WHERE OLD.deleted_at IS NULL AND OLD.accepted = 1 AND OLD.closed_on IS NOT NULL AND OLD.status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判')
    ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
      success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit;
  INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
    SELECT OLD.unit_id, OLD.commitment_due, -1, -(OLD.commitment_met_on IS NOT NULL AND OLD.commitment_met_on <= OLD.commitment_due)
    WHERE OLD.deleted_at IS NULL AND OLD.commitment_due IS NOT NULL
    ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
      commitments_kept = commitments_kept + excluded.commitments_kept;
END;

-- Counts for cases stored before this migration (the same statements as rebuildDailyCounts).
INSERT INTO assessment_daily (unit_id, day, received, accepted)
  SELECT c.unit_id, c.received_on, count(*), sum(c.accepted = 1) FROM cases AS c
  WHERE c.deleted_at IS NULL AND c.received_on IS NOT NULL GROUP BY c.unit_id, c.received_on;
INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
  SELECT c.unit_id, c.closed_on, count(*),
    sum(julianday(c.closed_on) - julianday(c.received_on) <= COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = c.stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = c.mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))),
    sum(c.status IN ('调解成功', '调解不成', '终止')), sum(c.status = '调解成功'), sum(c.status = '调解成功' AND c.stage IS '诉前')
  FROM cases AS c
  WHERE c.deleted_at IS NULL AND c.accepted = 1 AND c.closed_on IS NOT NULL AND c.status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判')
  GROUP BY c.unit_id, c.closed_on
  ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
    success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit;
INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
  SELECT c.unit_id, c.commitment_due, count(*), sum(c.commitment_met_on IS NOT NULL AND c.commitment_met_on <= c.commitment_due)
  FROM cases AS c WHERE c.deleted_at IS NULL AND c.commitment_due IS NOT NULL GROUP BY c.unit_id, c.commitment_due
  ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
    commitments_kept = commitments_kept + excluded.commitments_kept;
