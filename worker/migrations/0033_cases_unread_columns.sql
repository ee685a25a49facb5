-- Two generated columns of `cases` that no query reads: the court's case list takes amount and partyCount from the
-- case's JSON like every other field it returns. VIRTUAL does not mean free on write (0003 assumed it did): measured
-- here, SQLite computed the generated columns of every row a push inserted or updated, one JSON extraction each
-- (bench/schema.ts, bench/RESULTS.md "schema"). The case's data keeps both values.
ALTER TABLE cases DROP COLUMN amount;
ALTER TABLE cases DROP COLUMN party_count;
