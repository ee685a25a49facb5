-- Access tokens. Only the SHA-256 of a token is kept: a leaked database does not leak usable tokens.
CREATE TABLE tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'coordinator', 'assessor', 'admin')),
  -- A clerk is bound to exactly one unit; the other roles to none.
  unit_id INTEGER REFERENCES units(id),
  label TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT,
  CHECK ((role = 'clerk') = (unit_id IS NOT NULL))
) STRICT;
