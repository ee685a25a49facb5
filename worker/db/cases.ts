import type { CaseRow } from "../../ledger/schema.ts";
import { storedCase } from "../push/content-hash.ts";

export interface CaseView {
  unit: string;
  caseNo: string;
  data: CaseRow;
  contentHash: string;
  version: number;
  inLedger: boolean;
  notInLedgerSince: string | null;
  pushId: string | null;
  updatedAt: string;
  createdAt: string;
}

interface CaseDbRow {
  unit: string;
  caseNo: string;
  data: string;
  contentHash: string;
  version: number;
  inLedger: number;
  notInLedgerSince: string | null;
  pushId: string | null;
  updatedAt: string;
  createdAt: string;
}

const VIEW = `u.name AS unit, c.case_no AS caseNo, c.data, c.content_hash AS contentHash, c.version, c.in_ledger AS inLedger,
  c.not_in_ledger_since AS notInLedgerSince, c.push_id AS pushId, c.updated_at AS updatedAt, c.created_at AS createdAt`;

function toView(r: CaseDbRow): CaseView {
  return { ...r, data: storedCase(r.data), inLedger: r.inLedger === 1 };
}

/** Live (not deleted) cases of one unit, by case number, one page at a time. */
export async function listCases(
  db: D1Database,
  q: { unitId: number; inLedger?: boolean; after?: string; limit: number },
): Promise<{ cases: CaseView[]; next: string | null }> {
  const { results } = await db
    .prepare(`SELECT ${VIEW} FROM cases AS c JOIN units AS u ON u.id = c.unit_id
              WHERE c.unit_id = ?1 AND c.deleted_at IS NULL AND (?2 IS NULL OR c.in_ledger = ?2) AND c.case_no > ?3
              ORDER BY c.case_no LIMIT ?4`)
    .bind(q.unitId, q.inLedger === undefined ? null : q.inLedger ? 1 : 0, q.after ?? "", q.limit + 1)
    .all<CaseDbRow>();
  const page = results.slice(0, q.limit).map(toView);
  return { cases: page, next: results.length > q.limit ? page[page.length - 1].caseNo : null };
}

export async function findCase(db: D1Database, unitId: number, caseNo: string): Promise<CaseView | null> {
  const r = await db
    .prepare(`SELECT ${VIEW} FROM cases AS c JOIN units AS u ON u.id = c.unit_id
              WHERE c.unit_id = ? AND c.case_no = ? AND c.deleted_at IS NULL`)
    .bind(unitId, caseNo)
    .first<CaseDbRow>();
  return r ? toView(r) : null;
}

export interface RevisionView {
  version: number;
  data: CaseRow;
  contentHash: string;
  inLedger: boolean;
  deleted: boolean;
  pushId: string | null;
  writtenBy: number | null;
  writtenAt: string;
  supersededAt: string;
  supersededByPush: string | null;
  reason: "push" | "delete" | "transfer";
}

/** Earlier versions of a case (deleted cases included: their history stays readable), newest first. */
export async function listRevisions(db: D1Database, unitId: number, caseNo: string): Promise<RevisionView[] | null> {
  const [found, revs] = await db.batch([
    db.prepare(`SELECT id FROM cases WHERE unit_id = ? AND case_no = ?`).bind(unitId, caseNo),
    db
      .prepare(`SELECT r.version, r.data, r.content_hash AS contentHash, r.in_ledger AS inLedger, r.deleted_at IS NOT NULL AS deleted,
                  r.push_id AS pushId, r.written_by AS writtenBy, r.written_at AS writtenAt, r.superseded_at AS supersededAt,
                  r.superseded_by_push AS supersededByPush, r.reason
                FROM case_revisions AS r JOIN cases AS c ON c.id = r.case_id
                WHERE c.unit_id = ? AND c.case_no = ? ORDER BY r.version DESC`)
      .bind(unitId, caseNo),
  ]);
  if (found.results.length === 0) return null;
  return (revs.results as (Omit<RevisionView, "data" | "inLedger" | "deleted"> & { data: string; inLedger: number; deleted: number })[]).map(
    (r) => ({ ...r, data: storedCase(r.data), inLedger: r.inLedger === 1, deleted: r.deleted === 1 }),
  );
}

/**
 * Deletes a case explicitly: its current version goes to revisions, the case row becomes a new, deleted version.
 * null when there is no live case.
 */
export async function deleteCase(
  db: D1Database,
  d: { unitId: number; caseNo: string; tokenId: number | null; now: string },
): Promise<{ version: number; deletedAt: string } | null> {
  const [, updated] = await db.batch([
    db
      .prepare(`INSERT INTO case_revisions (case_id, version, data, content_hash, in_ledger, deleted_at, push_id, written_by,
                  written_at, superseded_at, superseded_by_push, reason)
                SELECT id, version, data, content_hash, in_ledger, deleted_at, push_id, updated_by, updated_at, ?, NULL, 'delete'
                FROM cases WHERE unit_id = ? AND case_no = ? AND deleted_at IS NULL`)
      .bind(d.now, d.unitId, d.caseNo),
    db
      .prepare(`UPDATE cases SET deleted_at = ?1, version = version + 1, updated_by = ?2, updated_at = ?1, push_id = NULL
                WHERE unit_id = ?3 AND case_no = ?4 AND deleted_at IS NULL RETURNING version, deleted_at AS deletedAt`)
      .bind(d.now, d.tokenId, d.unitId, d.caseNo),
  ]);
  return (updated.results[0] as { version: number; deletedAt: string } | undefined) ?? null;
}
