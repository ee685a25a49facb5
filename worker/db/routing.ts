/**
 * SQL of routing (分流): the coordinator's rule sheets (versioned), transfers to the lead unit and their receipt
 * (签收). Bulk rows travel as one JSON parameter through json_each(?); every write is one batch (one transaction)
 * that asserts what the reads before it decided on (migration 0022), so a transfer never lands on a stale read.
 */
import type { RuleSheetKindName } from "../../ledger/api/routing.ts";
import { chinaDayStartIso } from "../../ledger/clock.ts";
import { addDays } from "../../ledger/period.ts";

// ---------------------------------------------------------------------------------------------------------------
// Rule sheets

export interface StoredSheet {
  version: number;
  rules: string;
  ruleCount: number;
  pushedAt: string;
}

const CURRENT = (kind: string) =>
  `SELECT version, rules, rule_count AS ruleCount, pushed_at AS pushedAt FROM routing_sheets WHERE kind = '${kind}' ORDER BY version DESC LIMIT 1`;

/** The sheets in force (null: none pushed yet) and the configured units, in one round trip. */
export async function loadRouting(db: D1Database): Promise<{
  domains: StoredSheet | null;
  places: StoredSheet | null;
  units: { name: string; kind: string }[];
}> {
  const [domains, places, units] = await db.batch([
    db.prepare(CURRENT("domains")),
    db.prepare(CURRENT("places")),
    db.prepare(`SELECT name, kind FROM units ORDER BY id`),
  ]);
  return {
    domains: (domains.results[0] as StoredSheet | undefined) ?? null,
    places: (places.results[0] as StoredSheet | undefined) ?? null,
    units: units.results as { name: string; kind: string }[],
  };
}

/**
 * Stores a sheet as the next version of its kind, unless it equals the version in force (then nothing is written).
 * The version number is taken inside the statement, so two pushes at once get two versions, never one twice.
 */
export async function storeSheet(
  db: D1Database,
  s: { kind: RuleSheetKindName; rules: string; hash: string; ruleCount: number; rows: number; tokenId: number | null; now: string },
): Promise<{ changed: boolean; version: number }> {
  const [insert, current] = await db.batch([
    db
      .prepare(`INSERT INTO routing_sheets (kind, version, rules, rules_hash, rule_count, rows, pushed_by, pushed_at)
                SELECT ?1, coalesce((SELECT max(version) FROM routing_sheets WHERE kind = ?1), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7
                WHERE ?3 IS NOT (SELECT rules_hash FROM routing_sheets WHERE kind = ?1 ORDER BY version DESC LIMIT 1)`)
      .bind(s.kind, s.rules, s.hash, s.ruleCount, s.rows, s.tokenId, s.now),
    db.prepare(`SELECT max(version) AS version FROM routing_sheets WHERE kind = ?`).bind(s.kind),
  ]);
  return { changed: (insert.meta.changes ?? 0) > 0, version: (current.results[0] as { version: number }).version };
}

// ---------------------------------------------------------------------------------------------------------------
// Transfers

export interface StoredTransfer {
  caseNo: string;
  toUnitId: number;
  to: string;
  assist: string | null;
  transferredAt: string;
  /** The transferred case's content hash: the same transfer again is `unchanged` only with the same values. */
  contentHash: string;
}

export interface TransferReads {
  stored: { requestHash: string; receipt: string } | null;
  units: { id: number; name: string; kind: string }[];
  /** Transfers of these case numbers from the sending unit, by case number. */
  transfers: Map<string, StoredTransfer>;
  /** `${unitId}\u0000${caseNo}` → a transfer of that number to that lead from another sending unit (a number arrives once). */
  arrived: Map<string, { from: string; transferredAt: string }>;
  /** `${unitId}\u0000${caseNo}` of live cases the lead units already hold under these numbers. */
  taken: Set<string>;
  /** The sending unit's own hold on these numbers: live in its ledger, or transferred to it and not yet received. */
  senderHolds: Map<string, "live" | "pending">;
}

/**
 * Everything a confirm decides on, in one round trip. `pairs`: JSON [{u: leadUnitId, n: caseNo}].
 * Live means not deleted: a case marked "not in the ledger" by a whole-ledger push is still the unit's, stored and
 * readable, and a transfer must not land on it or take it away.
 */
export async function readForTransfer(
  db: D1Database,
  a: { key: string; fromUnitId: number; caseNosJson: string; pairsJson: string },
): Promise<TransferReads> {
  const [stored, units, transfers, arrived, taken, holds] = await db.batch([
    db.prepare(`SELECT request_hash AS requestHash, receipt FROM transfer_requests WHERE idempotency_key = ?`).bind(a.key),
    db.prepare(`SELECT id, name, kind FROM units ORDER BY id`),
    db
      .prepare(`SELECT t.case_no AS caseNo, t.to_unit_id AS toUnitId, tu.name AS "to", au.name AS assist, t.transferred_at AS transferredAt,
                  t.content_hash AS contentHash
                FROM case_transfers AS t JOIN units AS tu ON tu.id = t.to_unit_id LEFT JOIN units AS au ON au.id = t.assist_unit_id
                WHERE t.from_unit_id = ? AND t.case_no IN (SELECT value FROM json_each(?))`)
      .bind(a.fromUnitId, a.caseNosJson),
    db
      .prepare(`SELECT t.to_unit_id AS unitId, t.case_no AS caseNo, fu.name AS "from", t.transferred_at AS transferredAt
                FROM json_each(?2) AS j CROSS JOIN case_transfers AS t ON t.to_unit_id = j.value ->> '$.u' AND t.case_no = j.value ->> '$.n'
                JOIN units AS fu ON fu.id = t.from_unit_id WHERE t.from_unit_id <> ?1 ORDER BY t.id`)
      .bind(a.fromUnitId, a.pairsJson),
    db
      .prepare(`SELECT c.unit_id AS unitId, c.case_no AS caseNo FROM json_each(?) AS j
                JOIN cases AS c ON c.unit_id = j.value ->> '$.u' AND c.case_no = j.value ->> '$.n' WHERE c.deleted_at IS NULL`)
      .bind(a.pairsJson),
    db
      .prepare(`SELECT case_no AS caseNo, 'live' AS hold FROM cases
                WHERE unit_id = ?1 AND deleted_at IS NULL AND case_no IN (SELECT value FROM json_each(?2))
                UNION ALL
                SELECT case_no, 'pending' FROM case_transfers
                WHERE to_unit_id = ?1 AND received_at IS NULL AND case_no IN (SELECT value FROM json_each(?2))`)
      .bind(a.fromUnitId, a.caseNosJson),
  ]);
  const key = (r: { unitId: number; caseNo: string }) => `${r.unitId}\u0000${r.caseNo}`;
  const arrivedMap = new Map<string, { from: string; transferredAt: string }>();
  for (const r of arrived.results as { unitId: number; caseNo: string; from: string; transferredAt: string }[]) {
    if (!arrivedMap.has(key(r))) arrivedMap.set(key(r), { from: r.from, transferredAt: r.transferredAt });
  }
  const holdMap = new Map<string, "live" | "pending">();
  for (const r of holds.results as { caseNo: string; hold: "live" | "pending" }[]) if (!holdMap.has(r.caseNo) || r.hold === "live") holdMap.set(r.caseNo, r.hold);
  return {
    stored: (stored.results[0] as { requestHash: string; receipt: string } | undefined) ?? null,
    units: units.results as { id: number; name: string; kind: string }[],
    transfers: new Map((transfers.results as unknown as StoredTransfer[]).map((t) => [t.caseNo, t])),
    arrived: arrivedMap,
    taken: new Set((taken.results as { unitId: number; caseNo: string }[]).map(key)),
    senderHolds: holdMap,
  };
}

export interface TransferWrite {
  key: string;
  requestHash: string;
  receiptJson: string;
  fromUnitId: number;
  /**
   * Whether the sending unit's live case moves with the transfer (the centre's intake ledger, which the coordinator
   * keeps). A town's or a department's may not: its live case, or one waiting for its 签收, aborts the batch.
   */
  senderCasesMove: boolean;
  tokenId: number | null;
  now: string;
  /** JSON [{n, to, as, b, r, d, h}]: case number, lead and assisting unit ids, basis, reason, CaseRow JSON text, hash. */
  itemsJson: string;
}

export type TransferWriteOutcome = { kind: "written" } | { kind: "stale_read" } | { kind: "key_taken" };

// ?1 items JSON, ?2 the sending unit, ?3 1 when its live cases move with the transfer. Fails when, since the reads, a
// lead took one of the numbers into its ledger, a transfer of it reached the lead from anywhere, or the sending unit
// came to hold it (live, or on its way to it) where that forbids the transfer. Each is a lookup by key per item.
const ASSERT_TRANSFERABLE = `
INSERT INTO batch_assertions (kind, failed)
SELECT 'fresh_read', EXISTS (SELECT 1 FROM json_each(?1) AS j WHERE
     EXISTS (SELECT 1 FROM cases AS c WHERE c.unit_id = j.value ->> '$.to' AND c.case_no = j.value ->> '$.n' AND c.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM case_transfers AS t WHERE t.to_unit_id = j.value ->> '$.to' AND t.case_no = j.value ->> '$.n')
  OR EXISTS (SELECT 1 FROM case_transfers AS t WHERE t.to_unit_id = ?2 AND t.case_no = j.value ->> '$.n' AND t.received_at IS NULL)
  OR (?3 = 0 AND EXISTS (SELECT 1 FROM cases AS c WHERE c.unit_id = ?2 AND c.case_no = j.value ->> '$.n' AND c.deleted_at IS NULL)))`;

/**
 * One confirm, whole or not at all: asserts that what the reads let through still holds (ASSERT_TRANSFERABLE); keeps
 * the sending unit's current version of each case (reason 'transfer') and closes that row (it counts for the sending
 * unit no more); records the transfers (a transfer of the same case from the same unit since the reads breaks the
 * unique key and aborts the batch); stores the receipt under the Idempotency-Key.
 */
// The revision copy is a CROSS JOIN so that the transferred cases are looked up one by one (json_each outer); with a
// plain JOIN SQLite walked every case of the sending unit and scanned the request's JSON for each (write-plans test).
export async function writeTransfers(db: D1Database, w: TransferWrite): Promise<TransferWriteOutcome> {
  const statements = [
    db.prepare(ASSERT_TRANSFERABLE).bind(w.itemsJson, w.fromUnitId, w.senderCasesMove ? 1 : 0),
    db
      .prepare(`INSERT INTO case_revisions (case_id, version, data, content_hash, in_ledger, deleted_at, push_id, written_by,
                  written_at, superseded_at, superseded_by_push, reason)
                SELECT c.id, c.version, c.data, c.content_hash, c.in_ledger, c.deleted_at, c.push_id, c.updated_by, c.updated_at, ?1, NULL, 'transfer'
                FROM json_each(?2) AS j CROSS JOIN cases AS c ON c.unit_id = ?3 AND c.case_no = j.value ->> '$.n' WHERE c.deleted_at IS NULL`)
      .bind(w.now, w.itemsJson, w.fromUnitId),
    db
      .prepare(`INSERT INTO case_transfers (case_no, from_unit_id, to_unit_id, assist_unit_id, basis, reason, data, content_hash,
                  from_case_id, request_key, transferred_by, transferred_at)
                SELECT j.value ->> '$.n', ?1, j.value ->> '$.to', j.value ->> '$.as', j.value ->> '$.b', j.value ->> '$.r',
                  j.value ->> '$.d', j.value ->> '$.h',
                  (SELECT c.id FROM cases AS c WHERE c.unit_id = ?1 AND c.case_no = j.value ->> '$.n' AND c.deleted_at IS NULL),
                  ?2, ?3, ?4
                FROM json_each(?5) AS j`)
      .bind(w.fromUnitId, w.key, w.tokenId, w.now, w.itemsJson),
    db
      .prepare(`UPDATE cases SET deleted_at = ?1, version = version + 1, updated_by = ?2, updated_at = ?1, push_id = NULL
                WHERE unit_id = ?3 AND deleted_at IS NULL AND case_no IN (SELECT j.value ->> '$.n' FROM json_each(?4) AS j)`)
      .bind(w.now, w.tokenId, w.fromUnitId, w.itemsJson),
    db
      .prepare(`INSERT INTO transfer_requests (idempotency_key, token_id, request_hash, receipt, created_at) VALUES (?, ?, ?, ?, ?)`)
      .bind(w.key, w.tokenId, w.requestHash, w.receiptJson, w.now),
  ];
  try {
    await db.batch(statements);
  } catch (err) {
    const text = String(err);
    if (text.includes("tiaojie_stale_read") || /UNIQUE constraint failed: case_transfers/.test(text)) return { kind: "stale_read" };
    if (/UNIQUE constraint failed: transfer_requests|PRIMARY KEY/.test(text)) return { kind: "key_taken" };
    throw err;
  }
  return { kind: "written" };
}

// ---------------------------------------------------------------------------------------------------------------
// The receiving unit

export interface IncomingRow {
  caseNo: string;
  from: string;
  lead: string;
  assist: string | null;
  transferredAt: string;
  receivedAt: string | null;
  basis: "respondent" | "domain" | "place" | null;
  reason: string | null;
  data: string;
}

export async function listIncoming(db: D1Database, unitId: number, pendingOnly: boolean): Promise<IncomingRow[]> {
  const { results } = await db
    .prepare(`SELECT t.case_no AS caseNo, fu.name AS "from", tu.name AS lead, au.name AS assist, t.transferred_at AS transferredAt,
                t.received_at AS receivedAt, t.basis, t.reason, t.data
              FROM case_transfers AS t JOIN units AS fu ON fu.id = t.from_unit_id JOIN units AS tu ON tu.id = t.to_unit_id
              LEFT JOIN units AS au ON au.id = t.assist_unit_id
              WHERE t.to_unit_id = ?1 AND (?2 = 0 OR t.received_at IS NULL) ORDER BY t.transferred_at, t.id`)
    .bind(unitId, pendingOnly ? 1 : 0)
    .all<IncomingRow>();
  return results;
}

// The transfers a 签收 takes: of each asked number, the oldest one to the unit still waiting (one per number; two
// only ever wait for one number in data stored before a number could reach a lead once). ?1 unit, ?2 JSON numbers.
const TAKEN_NOW = `t.to_unit_id = ?1 AND t.received_at IS NULL AND t.case_no IN (SELECT value FROM json_each(?2))
  AND t.id = (SELECT min(p.id) FROM case_transfers AS p WHERE p.to_unit_id = ?1 AND p.case_no = t.case_no AND p.received_at IS NULL)`;

/**
 * 签收, decided inside its own batch: each transfer taken now is stored under the receiving unit (from then on it
 * counts for that unit): as a new case, or over the unit's deleted case of that number (whose version is kept, reason
 * 'transfer'). A live case of the unit under that number is never overwritten. The receipt is recorded only where the
 * unit's live case now holds exactly the transferred values, so "received" always means "in the ledger as sent".
 * Returns every transfer of these numbers to the unit: its receipt time (null: still waiting) and whether this call
 * received it.
 */
export async function receiveTransfers(
  db: D1Database,
  a: { unitId: number; caseNosJson: string; tokenId: number | null; now: string },
): Promise<{ caseNo: string; receivedAt: string | null; fresh: boolean }[]> {
  const [, , marked, rows] = await db.batch([
    db
      .prepare(`INSERT INTO case_revisions (case_id, version, data, content_hash, in_ledger, deleted_at, push_id, written_by,
                  written_at, superseded_at, superseded_by_push, reason)
                SELECT c.id, c.version, c.data, c.content_hash, c.in_ledger, c.deleted_at, c.push_id, c.updated_by, c.updated_at, ?3, NULL, 'transfer'
                FROM case_transfers AS t JOIN cases AS c ON c.unit_id = ?1 AND c.case_no = t.case_no
                WHERE ${TAKEN_NOW} AND c.deleted_at IS NOT NULL`)
      .bind(a.unitId, a.caseNosJson, a.now),
    db
      .prepare(`INSERT INTO cases (unit_id, case_no, data, content_hash, push_id, updated_by, updated_at, created_at)
                SELECT ?1, t.case_no, t.data, t.content_hash, NULL, ?3, ?4, ?4 FROM case_transfers AS t WHERE ${TAKEN_NOW}
                ON CONFLICT (unit_id, case_no) DO UPDATE SET
                  data = excluded.data, content_hash = excluded.content_hash, version = cases.version + 1,
                  in_ledger = 1, not_in_ledger_since = NULL, not_in_ledger_push = NULL, deleted_at = NULL,
                  push_id = NULL, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                WHERE cases.deleted_at IS NOT NULL`)
      .bind(a.unitId, a.caseNosJson, a.tokenId, a.now),
    db
      .prepare(`UPDATE case_transfers AS t SET received_at = ?4, received_by = ?3
                WHERE ${TAKEN_NOW} AND EXISTS (SELECT 1 FROM cases AS c
                  WHERE c.unit_id = ?1 AND c.case_no = t.case_no AND c.deleted_at IS NULL AND c.content_hash = t.content_hash)
                RETURNING id`)
      .bind(a.unitId, a.caseNosJson, a.tokenId, a.now),
    db
      .prepare(`SELECT t.id, t.case_no AS caseNo, t.received_at AS receivedAt FROM case_transfers AS t
                WHERE t.to_unit_id = ? AND t.case_no IN (SELECT value FROM json_each(?)) ORDER BY t.transferred_at, t.id`)
      .bind(a.unitId, a.caseNosJson),
  ]);
  const fresh = new Set((marked.results as { id: number }[]).map((r) => r.id));
  return (rows.results as { id: number; caseNo: string; receivedAt: string | null }[])
    .map((r) => ({ caseNo: r.caseNo, receivedAt: r.receivedAt, fresh: fresh.has(r.id) }));
}

/**
 * Transfers made by the end of `today` (China date) and not received by then, for the flag; `unitId` narrows to one
 * receiving unit. Received transfers drop out of the read, so it stays as small as the backlog.
 */
export async function loadUnreceivedTransfers(
  db: D1Database,
  unitId: number | null,
  today: string,
): Promise<{ caseNo: string; from: string; lead: string; transferredAt: string; receivedAt: string | null }[]> {
  const { results } = await db
    .prepare(`SELECT t.case_no AS caseNo, fu.name AS "from", tu.name AS lead, t.transferred_at AS transferredAt, t.received_at AS receivedAt
              FROM case_transfers AS t JOIN units AS fu ON fu.id = t.from_unit_id JOIN units AS tu ON tu.id = t.to_unit_id
              WHERE (?1 IS NULL OR t.to_unit_id = ?1) AND t.transferred_at < ?2 AND (t.received_at IS NULL OR t.received_at >= ?2)
              ORDER BY t.transferred_at, t.id`)
    // The end of `today` in China is the start of the next China day.
    .bind(unitId, chinaDayStartIso(addDays(today, 1)))
    .all<{ caseNo: string; from: string; lead: string; transferredAt: string; receivedAt: string | null }>();
  return results;
}

// A push's row may not write a case number that its unit transferred away (unless the number came back to the unit by
// a transfer received after that), nor one transferred to the unit and not yet received: 签收 stores exactly the
// transferred case, so nothing may stand under its number before it. ?1 unit, then the rows' case numbers.
const AWAY = `t.from_unit_id = ?1 AND NOT EXISTS (SELECT 1 FROM case_transfers AS b
  WHERE b.to_unit_id = ?1 AND b.case_no = t.case_no AND b.received_at IS NOT NULL AND b.id > t.id)`;
const PENDING = `t.to_unit_id = ?1 AND t.received_at IS NULL`;

/** Why a push's row may not change its case: transferred away (to `other`), or waiting for 签收 (from `other`). */
export interface TransferBlock {
  caseNo: string;
  kind: "away" | "pending";
  other: string;
  transferredAt: string;
}

/** The case numbers of a push that a transfer blocks (TransferBlock), for the push's reads. */
export function transferBlocksStatement(db: D1Database, unitId: number, caseNosJson: string): D1PreparedStatement {
  return db
    .prepare(`SELECT t.case_no AS caseNo, 'away' AS kind, tu.name AS other, t.transferred_at AS transferredAt
              FROM case_transfers AS t JOIN units AS tu ON tu.id = t.to_unit_id
              WHERE ${AWAY} AND t.case_no IN (SELECT value FROM json_each(?2))
              UNION ALL
              SELECT t.case_no, 'pending', fu.name, t.transferred_at FROM case_transfers AS t JOIN units AS fu ON fu.id = t.from_unit_id
              WHERE ${PENDING} AND t.case_no IN (SELECT value FROM json_each(?2))`)
    .bind(unitId, caseNosJson);
}

/** For a push chunk's write batch: fails when a transfer came to block one of the rows it writes since its reads.
 * The chunk's rows are the outer loop, each looked up by key (one index probe per row and kind), never a scan of
 * every transfer the unit ever made or got. */
export function assertNotTransferredStatement(db: D1Database, unitId: number, rowItemsJson: string): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO batch_assertions (kind, failed)
              SELECT 'fresh_read', EXISTS (SELECT 1 FROM json_each(?2) AS j WHERE
                   EXISTS (SELECT 1 FROM case_transfers AS t WHERE t.case_no = j.value ->> '$.n' AND ${AWAY})
                OR EXISTS (SELECT 1 FROM case_transfers AS t WHERE t.case_no = j.value ->> '$.n' AND ${PENDING}))`)
    .bind(unitId, rowItemsJson);
}
