/**
 * SQL of a push chunk. Reads happen in one batch before validation; writes in one batch (one transaction), so a
 * chunk lands whole or not at all. Bulk rows travel as one JSON parameter through json_each(?), never as one
 * parameter per value (D1: 100 parameters per statement).
 */

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
  received: number[];
}

export interface ExistingCase {
  caseNo: string;
  hash: string;
  inLedger: boolean;
  deleted: boolean;
}

export interface ChunkReads {
  stored: StoredChunk | null;
  push: PushState | null;
  mediators: string[];
  existing: Map<string, ExistingCase>;
  /** Case numbers of this chunk already carried by an earlier chunk of the same push. */
  seenEarlier: Set<string>;
}

export async function readForChunk(
  db: D1Database,
  a: { unitId: number; idempotencyKey: string; pushId: string; caseNosJson: string },
): Promise<ChunkReads> {
  const [stored, push, mediators, existing, seen] = await db.batch([
    db
      .prepare(`SELECT push_id AS pushId, chunk_index AS chunkIndex, request_hash AS requestHash, receipt
                FROM push_chunks WHERE unit_id = ? AND idempotency_key = ?`)
      .bind(a.unitId, a.idempotencyKey),
    db
      .prepare(`SELECT unit_id AS unitId, whole_ledger AS wholeLedger, chunk_count AS chunkCount,
                  (SELECT json_group_array(chunk_index) FROM push_chunks WHERE push_id = pushes.id) AS received
                FROM pushes WHERE id = ?`)
      .bind(a.pushId),
    db.prepare(`SELECT DISTINCT name FROM mediators WHERE active = 1`),
    db
      .prepare(`SELECT case_no AS caseNo, content_hash AS hash, in_ledger AS inLedger, deleted_at IS NOT NULL AS deleted
                FROM cases WHERE unit_id = ? AND case_no IN (SELECT value FROM json_each(?))`)
      .bind(a.unitId, a.caseNosJson),
    db
      .prepare(`SELECT DISTINCT j.value AS caseNo FROM push_chunks AS pc, json_each(pc.case_nos) AS j
                WHERE pc.push_id = ? AND j.value IN (SELECT value FROM json_each(?))`)
      .bind(a.pushId, a.caseNosJson),
  ]);
  const pushRow = (push.results[0] ?? null) as { unitId: number; wholeLedger: number; chunkCount: number; received: string } | null;
  return {
    stored: (stored.results[0] ?? null) as StoredChunk | null,
    push: pushRow && {
      unitId: pushRow.unitId,
      wholeLedger: pushRow.wholeLedger === 1,
      chunkCount: pushRow.chunkCount,
      received: JSON.parse(pushRow.received) as number[],
    },
    mediators: (mediators.results as { name: string }[]).map((m) => m.name),
    existing: new Map(
      (existing.results as { caseNo: string; hash: string; inLedger: number; deleted: number }[]).map((r) => [
        r.caseNo,
        { caseNo: r.caseNo, hash: r.hash, inLedger: r.inLedger === 1, deleted: r.deleted === 1 },
      ]),
    ),
    seenEarlier: new Set((seen.results as { caseNo: string }[]).map((r) => r.caseNo)),
  };
}

export interface ChunkWrite {
  pushId: string;
  chunkIndex: number;
  chunkCount: number;
  unitId: number;
  tokenId: number | null;
  wholeLedger: boolean;
  idempotencyKey: string;
  requestHash: string;
  now: string;
  /** JSON array text of every readable case number in the chunk. */
  caseNosJson: string;
  counts: { inserted: number; updated: number; unchanged: number; rejected: number };
  receiptJson: string;
  /** JSON arrays of `{"n": caseNo, "h": hash, "d": CaseRow}` for rows to write (new or changed), each under D1's string limit. */
  rowGroups: string[];
  /** JSON arrays of `{"n": caseNo, "h": hash}` for rows that exist and will be overwritten. */
  revisionGroups: string[];
}

const UPSERT_CASES = `
INSERT INTO cases (unit_id, case_no, data, content_hash, push_id, updated_by, updated_at, created_at)
SELECT ?1, j.value ->> '$.n', j.value ->> '$.d', j.value ->> '$.h', ?2, ?3, ?4, ?4
FROM json_each(?5) AS j WHERE true
ON CONFLICT (unit_id, case_no) DO UPDATE SET
  data = excluded.data, content_hash = excluded.content_hash, version = cases.version + 1,
  in_ledger = 1, not_in_ledger_since = NULL, not_in_ledger_push = NULL, deleted_at = NULL,
  push_id = excluded.push_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at
WHERE cases.content_hash IS NOT excluded.content_hash OR cases.in_ledger = 0 OR cases.deleted_at IS NOT NULL`;

const KEEP_REVISIONS = `
INSERT INTO case_revisions (case_id, version, data, content_hash, in_ledger, deleted_at, push_id, written_by, written_at,
  superseded_at, superseded_by_push, reason)
SELECT c.id, c.version, c.data, c.content_hash, c.in_ledger, c.deleted_at, c.push_id, c.updated_by, c.updated_at, ?1, ?2, 'push'
FROM json_each(?3) AS j JOIN cases AS c ON c.unit_id = ?4 AND c.case_no = j.value ->> '$.n'
WHERE c.content_hash IS NOT j.value ->> '$.h' OR c.in_ledger = 0 OR c.deleted_at IS NOT NULL`;

const ALL_CHUNKS_IN = (pushId: string, count: string) => `(SELECT count(*) FROM push_chunks WHERE push_id = ${pushId}) = ${count}`;

// Runs in every chunk's batch of a whole-ledger push; only true in the batch that brings in the last missing chunk
// (batches are serialised transactions). ?1 now, ?2 pushId, ?3 unitId, ?4 chunkCount.
const MARK_NOT_IN_LEDGER = `
UPDATE cases SET in_ledger = 0, not_in_ledger_since = ?1, not_in_ledger_push = ?2
WHERE unit_id = ?3 AND in_ledger = 1 AND deleted_at IS NULL AND ${ALL_CHUNKS_IN("?2", "?4")}
  AND case_no NOT IN (SELECT j.value FROM push_chunks AS pc, json_each(pc.case_nos) AS j WHERE pc.push_id = ?2)`;

// ?1 now, ?2 pushId
const COMPLETE_PUSH = `
UPDATE pushes SET completed_at = ?1 WHERE id = ?2 AND completed_at IS NULL AND ${ALL_CHUNKS_IN("?2", "chunk_count")}`;

// ?1 chunkIndex, ?2 pushId, ?3 unitId, ?4 chunkCount
const COMPLETE_RECEIPT_WHOLE = `
UPDATE push_chunks SET receipt = json_set(receipt, '$.complete', json('true'), '$.notInLedger',
  json((SELECT json_group_array(case_no) FROM (SELECT case_no FROM cases WHERE unit_id = ?3 AND not_in_ledger_push = ?2 ORDER BY case_no))))
WHERE push_id = ?2 AND chunk_index = ?1 AND ${ALL_CHUNKS_IN("?2", "?4")}`;

// ?1 chunkIndex, ?2 pushId, ?3 chunkCount
const COMPLETE_RECEIPT_PARTIAL = `
UPDATE push_chunks SET receipt = json_set(receipt, '$.complete', json('true'))
WHERE push_id = ?2 AND chunk_index = ?1 AND ${ALL_CHUNKS_IN("?2", "?3")}`;

/** The statements of one chunk, in order; the last one reads back the stored receipt. */
export function chunkStatements(db: D1Database, w: ChunkWrite): D1PreparedStatement[] {
  const s: D1PreparedStatement[] = [
    db
      .prepare(`INSERT INTO pushes (id, unit_id, token_id, whole_ledger, chunk_count, started_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING`)
      .bind(w.pushId, w.unitId, w.tokenId, w.wholeLedger ? 1 : 0, w.chunkCount, w.now),
    db
      .prepare(`INSERT INTO push_chunks (push_id, chunk_index, unit_id, idempotency_key, request_hash, case_nos,
                  inserted, updated, unchanged, rejected, receipt, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(w.pushId, w.chunkIndex, w.unitId, w.idempotencyKey, w.requestHash, w.caseNosJson,
        w.counts.inserted, w.counts.updated, w.counts.unchanged, w.counts.rejected, w.receiptJson, w.now),
  ];
  // Revisions first: they copy the rows the upsert is about to overwrite.
  for (const group of w.revisionGroups) s.push(db.prepare(KEEP_REVISIONS).bind(w.now, w.pushId, group, w.unitId));
  for (const group of w.rowGroups) s.push(db.prepare(UPSERT_CASES).bind(w.unitId, w.pushId, w.tokenId, w.now, group));
  if (w.wholeLedger) {
    s.push(db.prepare(MARK_NOT_IN_LEDGER).bind(w.now, w.pushId, w.unitId, w.chunkCount));
    s.push(db.prepare(COMPLETE_RECEIPT_WHOLE).bind(w.chunkIndex, w.pushId, w.unitId, w.chunkCount));
  } else {
    s.push(db.prepare(COMPLETE_RECEIPT_PARTIAL).bind(w.chunkIndex, w.pushId, w.chunkCount));
  }
  s.push(db.prepare(COMPLETE_PUSH).bind(w.now, w.pushId));
  s.push(db.prepare(`SELECT receipt FROM push_chunks WHERE push_id = ? AND chunk_index = ?`).bind(w.pushId, w.chunkIndex));
  return s;
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
}

export async function findPushSummary(db: D1Database, pushId: string): Promise<PushSummary | null> {
  return db
    .prepare(`
      SELECT p.id AS pushId, u.name AS unit, p.unit_id AS unitId, p.whole_ledger = 1 AS wholeLedger, p.chunk_count AS chunkCount,
        p.started_at AS startedAt, p.completed_at AS completedAt,
        count(pc.chunk_index) AS chunksReceived,
        coalesce(sum(pc.inserted), 0) AS inserted, coalesce(sum(pc.updated), 0) AS updated,
        coalesce(sum(pc.unchanged), 0) AS unchanged, coalesce(sum(pc.rejected), 0) AS rejected,
        (SELECT json_group_array(case_no) FROM (SELECT case_no FROM cases WHERE unit_id = p.unit_id AND not_in_ledger_push = p.id ORDER BY case_no)) AS notInLedger
      FROM pushes AS p JOIN units AS u ON u.id = p.unit_id LEFT JOIN push_chunks AS pc ON pc.push_id = p.id
      WHERE p.id = ? GROUP BY p.id`)
    .bind(pushId)
    .first<PushSummary>();
}
