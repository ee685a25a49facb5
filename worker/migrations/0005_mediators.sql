-- The mediator roster (DOMAIN §3). Filled and extended by the mentors feature; push validation reads active names.
CREATE TABLE mediators (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  tier TEXT NOT NULL CHECK (tier IN ('金牌调解员', '星牌调解员', '普通调解员', '特邀调解员')),
  background TEXT,
  expertise TEXT NOT NULL DEFAULT '[]',
  capacity INTEGER NOT NULL DEFAULT 5,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (name, unit_id)
) STRICT;
