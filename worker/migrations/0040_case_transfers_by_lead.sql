-- A case number reaches a lead unit once (issue #24): a confirm checks, and its batch asserts, that no transfer of the
-- number to the lead exists yet; a push checks that none waits for the unit's 签收. Each is a lookup by lead and case
-- number, one probe per case instead of a walk over every transfer the lead ever got. Not UNIQUE: transfers stored
-- before this rule may hold two to one lead, and 签收 takes those one at a time (worker/db/routing.ts receiveTransfers).
CREATE INDEX case_transfers_lead_case ON case_transfers (to_unit_id, case_no);
