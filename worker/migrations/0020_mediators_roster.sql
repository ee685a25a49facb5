-- The roster pushed from a 调解员名册 sheet (PUT /api/roster). Upsert by (name, unit); a change bumps `version` and
-- `updated_at`; a mediator dropped from a whole-roster push is made inactive, never deleted (assignments of past
-- periods still name them).
ALTER TABLE mediators ADD COLUMN phone TEXT;
ALTER TABLE mediators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE mediators ADD COLUMN updated_at TEXT;
ALTER TABLE mediators ADD COLUMN updated_by INTEGER;
CREATE INDEX mediators_unit ON mediators (unit_id);
