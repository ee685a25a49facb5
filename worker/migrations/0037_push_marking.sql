-- What a whole-ledger push decided about the stored cases it did not carry (docs/API.md § Whole ledger). Decided in
-- the batch that lands the push's last chunk, from what that batch sees, and kept with the push so the receipt, the
-- summary and a later reader all give the same answer:
--   confirm_missing  the client's confirmation, fixed by the first chunk like whole_ledger: up to this many cases may be
--                    marked even when they are more than a fifth of the unit's live cases (NULL: not confirmed)
--   missing          live cases still marked in the ledger whose number no chunk carried
--   live_before      the unit's live cases before the push (ledger/live-case.ts); "a fifth" is of these
--   marking          marked | nothing_missing | rows_rejected | no_stored_case | needs_confirmation
ALTER TABLE pushes ADD COLUMN confirm_missing INTEGER CHECK (confirm_missing IS NULL OR confirm_missing > 0);
ALTER TABLE pushes ADD COLUMN missing INTEGER;
ALTER TABLE pushes ADD COLUMN live_before INTEGER;
ALTER TABLE pushes ADD COLUMN marking TEXT
  CHECK (marking IS NULL OR marking IN ('marked', 'nothing_missing', 'rows_rejected', 'no_stored_case', 'needs_confirmation'));
