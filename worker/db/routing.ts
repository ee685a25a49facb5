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
}

export interface TransferReads {
  stored: { requestHash: string; receipt: string } | null;
  units: { id: number; name: string; kind: string }[];
  /** Transfers of these case numbers from the sending unit, by case number. */
  transfers: Map<string, StoredTransfer>;
  /** `${unitId}\u0000${caseNo}` of live cases the lead units already hold under these numbers. */
  taken: Set<string>;
}

/** Everything a confirm decides on, in one round trip. `pairs`: JSON [{u: leadUnitId, n: caseNo}]. */
export async function readForTransfer(
  db: D1Database,
  a: { key: string; fromUnitId: number; caseNosJson: string; pairsJson: string },
): Promise<TransferReads> {
  const [stored, units, transfers, taken] = await db.batch([
    db.prepare(`SELECT request_hash AS requestHash, receipt FROM transfer_requests WHERE idempotency_key = ?`).bind(a.key),
    db.prepare(`SELECT id, name, kind FROM units ORDER BY id`),
    db
      .prepare(`SELECT t.case_no AS caseNo, t.to_unit_id AS toUnitId, tu.name AS "to", au.name AS assist, t.transferred_at AS transferredAt
                FROM case_transfers AS t JOIN units AS tu ON tu.id = t.to_unit_id LEFT JOIN units AS au ON au.id = t.assist_unit_id
                WHERE t.from_unit_id = ? AND t.case_no IN (SELECT value FROM json_each(?))`)
      .bind(a.fromUnitId, a.caseNosJson),
    db
      .prepare(`SELECT c.unit_id AS unitId, c.case_no AS caseNo FROM json_each(?) AS j
                JOIN cases AS c ON c.unit_id = j.value ->> '$.u' AND c.case_no = j.value ->> '$.n' WHERE c.deleted_at IS NULL`)
      .bind(a.pairsJson),
  ]);
  return {
    stored: (stored.results[0] as { requestHash: string; receipt: string } | undefined) ?? null,
    units: units.results as { id: number; name: string; kind: string }[],
    transfers: new Map((transfers.results as unknown as StoredTransfer[]).map((t) => [t.caseNo, t])),
    taken: new Set((taken.results as { unitId: number; caseNo: string }[]).map((r) => `${r.unitId}\u0000${r.caseNo}`)),
  };
}

export interface TransferWrite {
  key: string;
  requestHash: string;
  receiptJson: string;
  fromUnitId: number;
  tokenId: number | null;
  now: string;
  /** JSON [{n, to, as, b, r, d, h}]: case number, lead and assisting unit ids, basis, reason, CaseRow JSON text, hash. */
  itemsJson: string;
}

export type TransferWriteOutcome = { kind: "written" } | { kind: "stale_read" } | { kind: "key_taken" };

/**
 * One confirm, whole or not at all: asserts that no lead unit took one of the case numbers since the reads; keeps the
 * sending unit's current version of each case (reason 'transfer') and closes that row (it counts for the sending unit
 * no more); records the transfers (a transfer of the same case from the same unit since the reads breaks the unique
 * key and aborts the batch); stores the receipt under the Idempotency-Key.
 */
// The revision copy is a CROSS JOIN so that the transferred cases are looked up one by one (json_each outer); with a
// plain JOIN SQLite walked every case of the sending unit and scanned the request's JSON for each (write-plans test).
export async function writeTransfers(db: D1Database, w: TransferWrite): Promise<TransferWriteOutcome> {
  const statements = [
    db
      .prepare(`INSERT INTO batch_assertions (kind, failed)
                SELECT 'fresh_read', EXISTS (SELECT 1 FROM json_each(?1) AS j
                  JOIN cases AS c ON c.unit_id = j.value ->> '$.to' AND c.case_no = j.value ->> '$.n' WHERE c.deleted_at IS NULL)`)
      .bind(w.itemsJson),
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

/**
 * 签收: stores each case not yet received under the receiving unit (from then on it counts for that unit) and
 * records the receipt once; a case already received is left as it is. A number the unit already holds in its own
 * ledger keeps the clerk's row (the transfer is still marked received). Returns every transfer of these numbers to
 * the unit with its receipt time and whether this call received it.
 */
export async function receiveTransfers(
  db: D1Database,
  a: { unitId: number; caseNosJson: string; tokenId: number | null; now: string },
): Promise<{ caseNo: string; receivedAt: string; fresh: boolean }[]> {
  const [, , rows] = await db.batch([
    db
      .prepare(`INSERT INTO cases (unit_id, case_no, data, content_hash, push_id, updated_by, updated_at, created_at)
                SELECT t.to_unit_id, t.case_no, t.data, t.content_hash, NULL, ?3, ?4, ?4 FROM case_transfers AS t
                WHERE t.to_unit_id = ?1 AND t.received_at IS NULL AND t.case_no IN (SELECT value FROM json_each(?2))
                ON CONFLICT (unit_id, case_no) DO NOTHING`)
      .bind(a.unitId, a.caseNosJson, a.tokenId, a.now),
    db
      .prepare(`UPDATE case_transfers SET received_at = ?4, received_by = ?3
                WHERE to_unit_id = ?1 AND received_at IS NULL AND case_no IN (SELECT value FROM json_each(?2))`)
      .bind(a.unitId, a.caseNosJson, a.tokenId, a.now),
    db
      .prepare(`SELECT case_no AS caseNo, received_at AS receivedAt, received_at = ?3 AND received_by IS ?4 AS fresh FROM case_transfers
                WHERE to_unit_id = ?1 AND case_no IN (SELECT value FROM json_each(?2)) ORDER BY transferred_at, id`)
      .bind(a.unitId, a.caseNosJson, a.now, a.tokenId),
  ]);
  return (rows.results as { caseNo: string; receivedAt: string; fresh: number }[]).map((r) => ({ ...r, fresh: r.fresh === 1 }));
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

/** Case numbers of a push that its unit transferred away: those rows may no longer change the case. */
export function transferredAwayStatement(db: D1Database, unitId: number, caseNosJson: string): D1PreparedStatement {
  return db
    .prepare(`SELECT t.case_no AS caseNo, tu.name AS "to", t.transferred_at AS transferredAt FROM case_transfers AS t
              JOIN units AS tu ON tu.id = t.to_unit_id WHERE t.from_unit_id = ? AND t.case_no IN (SELECT value FROM json_each(?))`)
    .bind(unitId, caseNosJson);
}

/** For a push chunk's write batch: fails when one of the rows it writes was transferred away since its reads.
 * CROSS JOIN keeps the chunk's rows as the outer loop (one index probe each) instead of scanning the chunk's JSON once
 * per transfer the unit ever made. */
export function assertNotTransferredStatement(db: D1Database, unitId: number, rowItemsJson: string): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO batch_assertions (kind, failed)
              SELECT 'fresh_read', EXISTS (SELECT 1 FROM json_each(?2) AS j CROSS JOIN case_transfers AS t
                ON t.from_unit_id = ?1 AND t.case_no = j.value ->> '$.n')`)
    .bind(unitId, rowItemsJson);
}
