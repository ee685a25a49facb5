-- Finds cases between the same parties (repeat disputes, the same dispute in two units' ledgers) without parsing
-- every case's JSON: worker/db/flags.ts groups by these columns.
CREATE INDEX cases_parties ON cases (respondent, applicant, deleted_at, in_ledger);
