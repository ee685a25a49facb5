-- Assertions a write batch makes about what it read before it. A push chunk is validated and compared with the
-- stored cases outside its write batch (D1 has no interactive transactions); its batch then inserts one row here
-- per assumption, and a failed assumption aborts the whole batch (one transaction), so nothing decided from a stale
-- read is ever written. The view stores nothing: the triggers only check.
CREATE VIEW batch_assertions AS SELECT NULL AS kind, NULL AS failed WHERE 0;

-- The cases (or the earlier chunks of the push) changed since they were read: the chunk is worked out again.
CREATE TRIGGER batch_assertion_fresh_read INSTEAD OF INSERT ON batch_assertions
WHEN NEW.kind = 'fresh_read' AND NEW.failed
BEGIN
  SELECT RAISE(ABORT, 'tiaojie_stale_read');
END;

-- The push was started (by the first chunk that landed) for another unit, chunk count or wholeLedger.
CREATE TRIGGER batch_assertion_push_agrees INSTEAD OF INSERT ON batch_assertions
WHEN NEW.kind = 'push_agrees' AND NEW.failed
BEGIN
  SELECT RAISE(ABORT, 'tiaojie_push_mismatch');
END;
