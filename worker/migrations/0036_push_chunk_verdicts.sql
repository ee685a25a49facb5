-- The server's own verdict on a chunk whose every row passed validation without an issue: the context it was reached
-- in (rules version, unit, roster; worker/push/verdict.ts) and each row's content hash, in row order. A later chunk
-- with the same bytes (request_hash) from the same unit, in the same context, is not validated again: the rules
-- would give the same answer (the only date rule, "not in the future", can only let more rows through as days pass).
-- NULL for chunks with any issue and for chunks stored before this migration: those are always validated.
ALTER TABLE push_chunks ADD COLUMN verdict_context TEXT;
ALTER TABLE push_chunks ADD COLUMN row_hashes TEXT;

CREATE INDEX push_chunks_verdicts ON push_chunks (unit_id, request_hash) WHERE verdict_context IS NOT NULL;
