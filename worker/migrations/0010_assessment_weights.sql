-- Composite-score weights the assessment office sets per period ("2026-Q3"); periods without a row use the
-- DOMAIN §4 defaults (worker/assessment/config.ts). `weights` is a JSON object {indicatorKey: number}.
CREATE TABLE assessment_weights (
  period TEXT PRIMARY KEY,
  weights TEXT NOT NULL,
  updated_by INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
