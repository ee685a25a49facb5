/**
 * SQL of a push chunk. Reads happen in one batch before validation; writes in one batch (one transaction), so a
 * chunk lands whole or not at all. The write batch first asserts that what the reads saw still holds (migration
 * 0022): when another push changed the same cases in between, the batch aborts and the chunk is worked out again,
 * so no version is ever overwritten unseen. Bulk rows travel as one JSON parameter through json_each(?), never as
 * one parameter per value (D1: 100 parameters per statement).
 */

import { ASK_BEFORE_MARKING_OVER } from "../../ledger/api/push.ts";
import { MAX_JSON_PARAM_BYTES } from "./limits.ts";
import { liveCaseSql, liveInLedgerSql } from "./live-case-sql.ts";
import { assertNotTransferredStatement, transferBlocksStatement, type TransferBlock } from "./routing.ts";

/** Splits `{…}` items into JSON arrays whose UTF-8 size stays under D1's string limit. */
function groupJson(items: string[]): string[] {
  const groups: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const item of items) {
    const bound = item.length * 3 + 1;
    if (current.length > 0 && size + bound > MAX_JSON_PARAM_BYTES) {
      groups.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(item);
    size += bound;
  }
  if (current.length > 0) groups.push(`[${current.join(",")}]`);
  return groups;
}

export interface StoredChunk {
  pushId: string;
  chunkIndex: number;
  requestHash: string;
  receipt: string;
}

export interface PushState {
  unitId: number;
  wholeLedger: boolean;
  chunkCount: number;
  /** The clerk's confirmation that up to this many cases may be marked "not in ledger", or null. */
  confirmMissing: number | null;
  received: number[];
}

export interface ExistingCase {
  caseNo: string;
  hash: string;
  inLedger: boolean;
  deleted: boolean;
  /** version, in_ledger and deleted as one string: what the write batch expects to find unchanged. */
  state: string;
}

/** The state string of a case that does not exist. */
export const ABSENT_STATE = "0";
const STATE_SQL = (c: string) => `${c}.version || '.' || ${c}.in_ledger || '.' || (${c}.deleted_at IS NOT NULL)`;

export interface ChunkReads {
  stored: StoredChunk | null;
  push: PushState | null;
  mediators: string[];
  existing: Map<string, ExistingCase>;
  /** Case numbers of this chunk already carried by an earlier chunk of the same push. */
  seenEarlier: Set<string>;
  /**
   * Case numbers of this chunk that a transfer (分流) blocks: the unit transferred them to another unit, or one was
   * transferred to the unit and waits for its 签收. Its ledger may not write them.
   */
  transferBlocks: Map<string, TransferBlock>;
  /** The latest verdict the server stored for a chunk of this unit with the same bytes, or null (migration 0036). */
  verdict: StoredVerdict | null;
}

/** What a chunk whose rows all passed validation without an issue keeps of that verdict. */
export interface StoredVerdict {
  context: string;
  /** JSON array text: each row's content hash, in row order. */
  rowHashes: string;
}

export async function readForChunk(
  db: D1Database,
  a: { unitId: number; idempotencyKey: string; pushId: string; caseNosJson: string; requestHash: string },
): Promise<ChunkReads> {
  const [stored, push, mediators, existing, seen, transferred, verdict] = await db.batch([
    db
      .prepare(`SELECT push_id AS pushId, chunk_index AS chunkIndex, request_hash AS requestHash, receipt
                FROM push_chunks WHERE unit_id = ? AND idempotency_key = ?`)
      .bind(a.unitId, a.idempotencyKey),
    db
      .prepare(`SELECT unit_id AS unitId, whole_ledger AS wholeLedger, chunk_count AS chunkCount, confirm_missing AS confirmMissing,
                  (SELECT json_group_array(chunk_index) FROM push_chunks WHERE push_id = pushes.id) AS received
                FROM pushes WHERE id = ?`)
      .bind(a.pushId),
    db.prepare(`SELECT DISTINCT name FROM mediators WHERE active = 1`),
    db
      .prepare(`SELECT case_no AS caseNo, content_hash AS hash, in_ledger AS inLedger, deleted_at IS NOT NULL AS deleted,
                  ${STATE_SQL("cases")} AS state
                FROM cases WHERE unit_id = ? AND case_no IN (SELECT value FROM json_each(?))`)
      .bind(a.unitId, a.caseNosJson),
    db
      .prepare(`SELECT DISTINCT j.value AS caseNo FROM push_chunks AS pc, json_each(pc.case_nos) AS j
                WHERE pc.push_id = ? AND j.value IN (SELECT value FROM json_each(?))`)
      .bind(a.pushId, a.caseNosJson),
    transferBlocksStatement(db, a.unitId, a.caseNosJson),
    db
      .prepare(`SELECT verdict_context AS context, row_hashes AS rowHashes FROM push_chunks
                WHERE unit_id = ? AND request_hash = ? AND verdict_context IS NOT NULL ORDER BY received_at DESC LIMIT 1`)
      .bind(a.unitId, a.requestHash),
  ]);
  const pushRow = (push.results[0] ?? null) as { unitId: number; wholeLedger: number; chunkCount: number; confirmMissing: number | null; received: string } | null;
  return {
    stored: (stored.results[0] ?? null) as StoredChunk | null,
    push: pushRow && {
      unitId: pushRow.unitId,
      wholeLedger: pushRow.wholeLedger === 1,
      chunkCount: pushRow.chunkCount,
      confirmMissing: pushRow.confirmMissing,
      received: JSON.parse(pushRow.received) as number[],
    },
    mediators: (mediators.results as { name: string }[]).map((m) => m.name),
    existing: new Map(
      (existing.results as { caseNo: string; hash: string; inLedger: number; deleted: number; state: string }[]).map((r) => [
        r.caseNo,
        { caseNo: r.caseNo, hash: r.hash, inLedger: r.inLedger === 1, deleted: r.deleted === 1, state: r.state },
      ]),
    ),
    seenEarlier: new Set((seen.results as { caseNo: string }[]).map((r) => r.caseNo)),
    transferBlocks: new Map((transferred.results as unknown as TransferBlock[]).map((r) => [r.caseNo, r])),
    verdict: (verdict.results[0] ?? null) as StoredVerdict | null,
  };
}

export interface ChunkWrite {
  pushId: string;
  chunkIndex: number;
  chunkCount: number;
  unitId: number;
  tokenId: number | null;
  wholeLedger: boolean;
  confirmMissing: number | null;
  idempotencyKey: string;
  requestHash: string;
  now: string;
  /** JSON array text of every readable case number in the chunk. */
  caseNosJson: string;
  counts: { inserted: number; updated: number; unchanged: number; rejected: number };
  receiptJson: string;
  /** `{"n": caseNo, "h": hash, "d": CaseRow}` JSON objects for rows to write (new or changed). */
  rowItems: string[];
  /** `{"n": caseNo, "h": hash}` JSON objects for rows that exist and will be overwritten. */
  revisionItems: string[];
  /** `{"n": caseNo, "s": state}` JSON objects: every valid row's case as the reads found it (ABSENT_STATE when new). */
  expectItems: string[];
  /** How many of the chunk's case numbers the reads found in other chunks of this push. */
  seenEarlierCount: number;
  /** The verdict to keep with the chunk (every row validated without an issue), or null. */
  verdict: StoredVerdict | null;
  /**
   * Reads to run in the same batch after the writes (the receipt's flags and assignments, which must see them): one
   * round trip fewer per request, and a Free-plan push is hundreds of requests.
   */
  after?: D1PreparedStatement[];
}

export const UPSERT_CASES = `
INSERT INTO cases (unit_id, case_no, data, content_hash, push_id, updated_by, updated_at, created_at)
SELECT ?1, j.value ->> '$.n', j.value ->> '$.d', j.value ->> '$.h', ?2, ?3, ?4, ?4
FROM json_each(?5) AS j WHERE true
ON CONFLICT (unit_id, case_no) DO UPDATE SET
  data = excluded.data, content_hash = excluded.content_hash, version = cases.version + 1,
  in_ledger = 1, not_in_ledger_since = NULL, not_in_ledger_push = NULL, deleted_at = NULL,
  push_id = excluded.push_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at
WHERE cases.content_hash IS NOT excluded.content_hash OR cases.in_ledger = 0 OR cases.deleted_at IS NOT NULL`;

// CROSS JOIN keeps json_each as the outer loop: with a plain JOIN SQLite (3.51 in node:sqlite and workerd's D1 alike)
// walked every case of the unit and scanned the whole chunk's JSON for each one (EXPLAIN QUERY PLAN: SEARCH c (unit_id=?)
// then SCAN j), so keeping the versions of 1,000 changed rows cost O(cases of the unit × 1,000) (bench/schema.ts).
export const KEEP_REVISIONS = `
INSERT INTO case_revisions (case_id, version, data, content_hash, in_ledger, deleted_at, push_id, written_by, written_at,
  superseded_at, superseded_by_push, reason)
SELECT c.id, c.version, c.data, c.content_hash, c.in_ledger, c.deleted_at, c.push_id, c.updated_by, c.updated_at, ?1, ?2, 'push'
FROM json_each(?3) AS j CROSS JOIN cases AS c ON c.unit_id = ?4 AND c.case_no = j.value ->> '$.n'
WHERE c.content_hash IS NOT j.value ->> '$.h' OR c.in_ledger = 0 OR c.deleted_at IS NOT NULL`;

const ALL_CHUNKS_IN = (pushId: string, count: string) => `(SELECT count(*) FROM push_chunks WHERE push_id = ${pushId}) = ${count}`;

/** Case numbers of every chunk of push ?2 (valid and rejected rows alike: a row with an error never counts as missing). */
const PUSHED_CASE_NOS = `SELECT j.value FROM push_chunks AS pc, json_each(pc.case_nos) AS j WHERE pc.push_id = ?2`;
/** The unit's (?3) live cases still in its ledger whose number push ?2 did not carry; `r` as in liveCaseSql. */
const missing = (r: string) => `${r}unit_id = ?3 AND ${liveInLedgerSql(r)} AND ${r}case_no NOT IN (${PUSHED_CASE_NOS})`;

// The next three statements run in every chunk's batch of a whole-ledger push and do something only in the batch
// that brings in the last missing chunk (batches are serialised transactions): what becomes of the cases the push did
// not carry is decided from what that batch sees, never from a read before it. The counts in the SET of the first
// two are taken only for the push's row once every chunk is in, and the third reaches the cases only through the
// push's decision, so the other chunks pay an indexed count and two key lookups.

// ?2 pushId, ?3 unitId (?1 unused: bound as MARK_NOT_IN_LEDGER is). The counts the decision needs, kept with the
// push. `live_before` leaves out the cases this push inserted (new numbers, or deleted ones stored again): they were
// not the unit's before it.
const COUNT_MISSING = `
UPDATE pushes SET missing = (SELECT count(*) FROM cases WHERE ${missing("")}),
  live_before = (SELECT count(*) FROM cases WHERE unit_id = ?3 AND ${liveCaseSql("")})
    - (SELECT coalesce(sum(inserted), 0) FROM push_chunks WHERE push_id = ?2)
WHERE id = ?2 AND whole_ledger = 1 AND marking IS NULL AND ${ALL_CHUNKS_IN("?2", "chunk_count")}`;

// ?1 pushId. Marks only after a push whose every row landed and which carried at least one case the unit held before
// it (`updated` and `unchanged` count those; a wrong file's rows are refused, or all new); more than a fifth of the
// unit's live cases only when the client confirmed as many.
const DECIDE_MARKING = `
UPDATE pushes SET marking = CASE
    WHEN missing = 0 THEN 'nothing_missing'
    WHEN (SELECT sum(rejected) FROM push_chunks WHERE push_id = ?1) > 0 THEN 'rows_rejected'
    WHEN (SELECT sum(updated + unchanged) FROM push_chunks WHERE push_id = ?1) = 0 THEN 'no_stored_case'
    WHEN missing * ${ASK_BEFORE_MARKING_OVER.den} > live_before * ${ASK_BEFORE_MARKING_OVER.num}
      AND coalesce(confirm_missing, 0) < missing THEN 'needs_confirmation'
    ELSE 'marked' END
WHERE id = ?1 AND marking IS NULL AND missing IS NOT NULL`;

// ?1 now, ?2 pushId, ?3 unitId. Nothing else is written: the case keeps its version and data, and stays live
// (ledger/live-case.ts). The push is joined first so that SQLite reads it before the unit's cases: a condition on
// it written as a subquery in this WHERE is not evaluated once up front, and every chunk of a whole-ledger push then
// scanned all the unit's cases (measured here in node:sqlite at 200,000 cases: ~20 ms a chunk; joined: 0.004 ms).
export const MARK_NOT_IN_LEDGER = `
UPDATE cases SET in_ledger = 0, not_in_ledger_since = ?1, not_in_ledger_push = ?2
WHERE id IN (SELECT c.id FROM pushes AS p CROSS JOIN cases AS c WHERE p.id = ?2 AND p.marking = 'marked' AND ${missing("c.")})`;

// ?1 now, ?2 pushId
const COMPLETE_PUSH = `
UPDATE pushes SET completed_at = ?1 WHERE id = ?2 AND completed_at IS NULL AND ${ALL_CHUNKS_IN("?2", "chunk_count")}`;

// ?1 chunkIndex, ?2 pushId, ?3 unitId, ?4 chunkCount. `marked` is `missing` when the push marked: MARK_NOT_IN_LEDGER
// marked exactly those cases, earlier in this batch.
const COMPLETE_RECEIPT_WHOLE = `
UPDATE push_chunks SET receipt = json_set(receipt, '$.complete', json('true'),
  '$.notInLedger', json((SELECT json_group_array(case_no) FROM
    (SELECT case_no FROM cases WHERE unit_id = ?3 AND not_in_ledger_push = ?2 ORDER BY case_no))),
  '$.marking', json((SELECT json_object('outcome', p.marking, 'missing', p.missing,
      'marked', CASE WHEN p.marking = 'marked' THEN p.missing ELSE 0 END, 'liveCases', p.live_before, 'confirmed', p.confirm_missing,
      'examples', json(CASE WHEN p.marking = 'needs_confirmation'
        THEN (SELECT json_group_array(case_no) FROM (SELECT case_no FROM cases WHERE ${missing("")} ORDER BY case_no LIMIT 10))
        ELSE '[]' END))
    FROM pushes AS p WHERE p.id = ?2)))
WHERE push_id = ?2 AND chunk_index = ?1 AND ${ALL_CHUNKS_IN("?2", "?4")}`;

// ?1 chunkIndex, ?2 pushId, ?3 chunkCount
const COMPLETE_RECEIPT_PARTIAL = `
UPDATE push_chunks SET receipt = json_set(receipt, '$.complete', json('true'))
WHERE push_id = ?2 AND chunk_index = ?1 AND ${ALL_CHUNKS_IN("?2", "?3")}`;

// ?1 unitId, ?2 JSON [{n, s}]: fails when any case is no longer as it was read.
const ASSERT_CASES_AS_READ = `
INSERT INTO batch_assertions (kind, failed)
SELECT 'fresh_read', EXISTS (
  SELECT 1 FROM json_each(?2) AS j LEFT JOIN cases AS c ON c.unit_id = ?1 AND c.case_no = j.value ->> '$.n'
  WHERE coalesce(${STATE_SQL("c")}, '${ABSENT_STATE}') IS NOT j.value ->> '$.s')`;

// ?1 pushId, ?2 chunkIndex, ?3 JSON case numbers, ?4 how many the reads found: fails when another chunk of the push
// took one of them since (a case number is taken once per push, by whichever chunk lands first).
const ASSERT_NO_NEW_EARLIER = `
INSERT INTO batch_assertions (kind, failed)
SELECT 'fresh_read', (SELECT count(DISTINCT j.value) FROM push_chunks AS pc, json_each(pc.case_nos) AS j
  WHERE pc.push_id = ?1 AND pc.chunk_index <> ?2 AND j.value IN (SELECT value FROM json_each(?3))) IS NOT ?4`;

// ?1 pushId, ?2 unitId, ?3 wholeLedger, ?4 chunkCount, ?5 confirmMissing: the first chunk that lands fixes the push's terms.
const ASSERT_PUSH_AGREES = `
INSERT INTO batch_assertions (kind, failed)
SELECT 'push_agrees', NOT EXISTS (SELECT 1 FROM pushes WHERE id = ?1 AND unit_id = ?2 AND whole_ledger = ?3 AND chunk_count = ?4
  AND confirm_missing IS ?5)`;

/** The statements of one chunk, in order; the last one reads back the stored receipt. */
function chunkStatements(db: D1Database, w: ChunkWrite): D1PreparedStatement[] {
  const whole = w.wholeLedger ? 1 : 0;
  const s: D1PreparedStatement[] = [
    db
      .prepare(`INSERT INTO pushes (id, unit_id, token_id, whole_ledger, chunk_count, confirm_missing, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING`)
      .bind(w.pushId, w.unitId, w.tokenId, whole, w.chunkCount, w.confirmMissing, w.now),
    db.prepare(ASSERT_PUSH_AGREES).bind(w.pushId, w.unitId, whole, w.chunkCount, w.confirmMissing),
    db.prepare(ASSERT_NO_NEW_EARLIER).bind(w.pushId, w.chunkIndex, w.caseNosJson, w.seenEarlierCount),
    // A chunk that writes no case row needs no such check: it changes nothing another push could have changed
    // first, so it takes its place in the order of writes at the moment of its reads (its counts are true then).
    ...(w.rowItems.length === 0 ? [] : groupJson(w.expectItems).map((group) => db.prepare(ASSERT_CASES_AS_READ).bind(w.unitId, group))),
    // A row the reads let through must not have been blocked by a transfer since (分流 by the coordinator meanwhile).
    ...groupJson(w.rowItems).map((group) => assertNotTransferredStatement(db, w.unitId, group)),
    db
      .prepare(`INSERT INTO push_chunks (push_id, chunk_index, unit_id, idempotency_key, request_hash, case_nos,
                  inserted, updated, unchanged, rejected, receipt, received_at, verdict_context, row_hashes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(w.pushId, w.chunkIndex, w.unitId, w.idempotencyKey, w.requestHash, w.caseNosJson,
        w.counts.inserted, w.counts.updated, w.counts.unchanged, w.counts.rejected, w.receiptJson, w.now,
        w.verdict?.context ?? null, w.verdict?.rowHashes ?? null),
  ];
  // Revisions first: they copy the rows the upsert is about to overwrite.
  for (const group of groupJson(w.revisionItems)) s.push(db.prepare(KEEP_REVISIONS).bind(w.now, w.pushId, group, w.unitId));
  for (const group of groupJson(w.rowItems)) s.push(db.prepare(UPSERT_CASES).bind(w.unitId, w.pushId, w.tokenId, w.now, group));
  if (w.wholeLedger) {
    s.push(db.prepare(COUNT_MISSING).bind(w.now, w.pushId, w.unitId));
    s.push(db.prepare(DECIDE_MARKING).bind(w.pushId));
    s.push(db.prepare(MARK_NOT_IN_LEDGER).bind(w.now, w.pushId, w.unitId));
    s.push(db.prepare(COMPLETE_RECEIPT_WHOLE).bind(w.chunkIndex, w.pushId, w.unitId, w.chunkCount));
  } else {
    s.push(db.prepare(COMPLETE_RECEIPT_PARTIAL).bind(w.chunkIndex, w.pushId, w.chunkCount));
  }
  s.push(db.prepare(COMPLETE_PUSH).bind(w.now, w.pushId));
  s.push(...(w.after ?? []));
  s.push(db.prepare(`SELECT receipt FROM push_chunks WHERE push_id = ? AND chunk_index = ?`).bind(w.pushId, w.chunkIndex));
  return s;
}

/**
 * What became of a chunk's write batch: written (the stored receipt), or nothing written because the reads were
 * stale, the push disagrees, or the chunk index (or the Idempotency-Key) was taken by a delivery that landed first.
 */
export type ChunkWriteOutcome =
  | { kind: "written"; receipt: string; after: D1Result[] }
  | { kind: "stale_read" }
  | { kind: "push_mismatch" }
  | { kind: "chunk_taken" };

export async function writeChunk(db: D1Database, w: ChunkWrite): Promise<ChunkWriteOutcome> {
  let results: D1Result[];
  try {
    results = await db.batch(chunkStatements(db, w));
  } catch (err) {
    const text = String(err);
    if (text.includes("tiaojie_stale_read")) return { kind: "stale_read" };
    if (text.includes("tiaojie_push_mismatch")) return { kind: "push_mismatch" };
    if (/UNIQUE constraint failed: push_chunks/.test(text)) return { kind: "chunk_taken" };
    throw err;
  }
  const last = results[results.length - 1].results[0] as { receipt: string } | undefined;
  if (!last) throw new Error("receipt missing after batch");
  const after = w.after?.length ?? 0;
  return { kind: "written", receipt: last.receipt, after: results.slice(results.length - 1 - after, results.length - 1) };
}

export interface PushSummary {
  pushId: string;
  unit: string;
  unitId: number;
  wholeLedger: boolean;
  chunkCount: number;
  chunksReceived: number;
  startedAt: string;
  completedAt: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  notInLedger: string | null;
  /** JSON of the completing chunk's `marking`, or null. */
  marking: string | null;
  restored: number;
}

export async function findPushSummary(db: D1Database, pushId: string): Promise<PushSummary | null> {
  return db
    .prepare(`
      SELECT p.id AS pushId, u.name AS unit, p.unit_id AS unitId, p.whole_ledger = 1 AS wholeLedger, p.chunk_count AS chunkCount,
        p.started_at AS startedAt, p.completed_at AS completedAt,
        count(pc.chunk_index) AS chunksReceived,
        coalesce(sum(pc.inserted), 0) AS inserted, coalesce(sum(pc.updated), 0) AS updated,
        coalesce(sum(pc.unchanged), 0) AS unchanged, coalesce(sum(pc.rejected), 0) AS rejected,
        (SELECT json_group_array(case_no) FROM (SELECT case_no FROM cases WHERE unit_id = p.unit_id AND not_in_ledger_push = p.id ORDER BY case_no)) AS notInLedger,
        (SELECT c.receipt -> '$.marking' FROM push_chunks AS c WHERE c.push_id = p.id AND c.receipt ->> '$.complete'
           AND c.receipt ->> '$.marking' IS NOT NULL) AS marking,
        coalesce(sum(pc.receipt ->> '$.restored'), 0) AS restored
      FROM pushes AS p JOIN units AS u ON u.id = p.unit_id LEFT JOIN push_chunks AS pc ON pc.push_id = p.id
      WHERE p.id = ? GROUP BY p.id`)
    .bind(pushId)
    .first<PushSummary>();
}
