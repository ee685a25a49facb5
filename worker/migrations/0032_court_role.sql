-- The court liaison (法院联络员, role 'court'): a read-only token for 区法院. SQLite cannot alter a CHECK constraint,
-- so the tokens table is rebuilt with the new role list. Every row is copied with its id, hash, role, unit, label and
-- dates, so every token issued before keeps working and ids shown by `tiaojie token list` stay valid for revoking.
-- No table refers to tokens (pushes and revisions keep the token id as a plain number); tokens.unit_id still refers
-- to units, and the copy is checked against it when the migration commits.
PRAGMA defer_foreign_keys = true;

CREATE TABLE tokens_rebuilt (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'coordinator', 'assessor', 'admin', 'court')),
  -- A clerk is bound to exactly one unit; the other roles to none (the court liaison reads across units).
  unit_id INTEGER REFERENCES units(id),
  label TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT,
  CHECK ((role = 'clerk') = (unit_id IS NOT NULL))
) STRICT;

INSERT INTO tokens_rebuilt (id, token_hash, role, unit_id, label, created_at, revoked_at)
  SELECT id, token_hash, role, unit_id, label, created_at, revoked_at FROM tokens;

DROP TABLE tokens;

ALTER TABLE tokens_rebuilt RENAME TO tokens;
