-- The office's letterhead for its report forms (报表落款: 填报单位, 联系人, 联系电话; PUT /api/office-profile), one row per
-- saved version as limit_settings (0029) keeps the time limits: the current letterhead is the highest version, every
-- earlier one is kept with the token that saved it and when. The Worker stores the fields already cleaned and the
-- phone normalised (ledger/api/office-profile.ts); the CHECKs only keep a row from being empty or runaway.
CREATE TABLE office_profile (
  version INTEGER PRIMARY KEY CHECK (version >= 1),
  filing_unit TEXT NOT NULL CHECK (length(filing_unit) BETWEEN 1 AND 200),
  contact TEXT NOT NULL CHECK (length(contact) BETWEEN 1 AND 200),
  phone TEXT NOT NULL CHECK (length(phone) BETWEEN 1 AND 200),
  -- NULL when saved with the ADMIN_TOKEN secret, which has no token row.
  token_id INTEGER,
  created_at TEXT NOT NULL
) STRICT;

-- A save made from an older version than the current one (two people editing at once) is refused whole.
CREATE TRIGGER batch_assertion_office_profile_current INSTEAD OF INSERT ON batch_assertions
WHEN NEW.kind = 'office_profile_current' AND NEW.failed
BEGIN
  SELECT RAISE(ABORT, 'tiaojie_office_profile_changed');
END;
