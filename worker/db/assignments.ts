/**
 * SQL of the mentor programme: what the engine needs from D1 (roster, cases, previous periods) and the stored
 * assignments per period. A computation replaces its period in one batch; other periods are kept.
 */
import type { AssignmentKind, Bilingual, CostTerm } from "../mentors/types.ts";
import { liveCaseSql } from "./live-case-sql.ts";

export interface OpenCaseRow {
  unitId: number;
  unit: string;
  unitKind: string;
  caseNo: string;
  domain: string | null;
  complexity: string | null;
  respondent: string | null;
  mediator: string | null;
  receivedOn: string;
  stage: string | null;
  mediationType: string | null;
}

export interface MediatorCaseRow {
  mediatorId: number;
  status: string | null;
  closedOn: string | null;
  receivedOn: string;
  stage: string | null;
  mediationType: string | null;
}

/**
 * Open accepted live cases (ledger/live-case.ts) received before `end`, and every star mediator's accepted cases that
 * are open or closed in [start, end). A case counts for a star when its 调解员 cell names the star and it is in
 * the star's unit's ledger — or in any ledger when no other mediator on the roster has that name.
 */
export async function loadCasesForMentors(db: D1Database, a: { start: string; end: string }): Promise<{ open: OpenCaseRow[]; starCases: MediatorCaseRow[] }> {
  const [open, stars] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`SELECT c.unit_id AS unitId, u.name AS unit, u.kind AS unitKind, c.case_no AS caseNo, c.domain, c.complexity, c.respondent,
                  c.mediator, c.received_on AS receivedOn, c.stage, c.mediation_type AS mediationType
                FROM cases AS c JOIN units AS u ON u.id = c.unit_id
                WHERE ${liveCaseSql("c.")} AND c.accepted = 1 AND (c.status IS NULL OR c.status = '调解中')
                  AND c.received_on < ?1
                ORDER BY c.unit_id, c.case_no`)
      .bind(a.end),
    db
      .prepare(`SELECT m.id AS mediatorId, c.status, c.closed_on AS closedOn, c.received_on AS receivedOn, c.stage, c.mediation_type AS mediationType
                FROM mediators AS m JOIN cases AS c ON c.mediator = m.name
                  AND (c.unit_id = m.unit_id OR (SELECT count(*) FROM mediators AS o WHERE o.name = m.name) = 1)
                WHERE m.tier = '星牌调解员' AND m.active = 1 AND ${liveCaseSql("c.")} AND c.accepted = 1
                  AND ((c.closed_on >= ?1 AND c.closed_on < ?2)
                    OR ((c.status IS NULL OR c.status = '调解中') AND c.received_on < ?2))`)
      .bind(a.start, a.end),
  ]);
  return { open: open.results as unknown as OpenCaseRow[], starCases: stars.results as unknown as MediatorCaseRow[] };
}

export interface PreviousRow {
  period: string;
  kind: AssignmentKind;
  mentorId: number;
  targetId: string;
}

/** Assignments stored for every other period (the engine uses the latest one before the period it computes). */
export async function loadPreviousAssignments(db: D1Database, period: string): Promise<PreviousRow[]> {
  const { results } = await db
    .prepare(`SELECT period, kind, mentor_id AS mentorId, target_id AS targetId FROM mentor_assignments
              WHERE period <> ? AND mentor_id IS NOT NULL`)
    .bind(period)
    .all<PreviousRow>();
  return results;
}

/** One stored line: an assignment (mentor set) or a target the engine could not cover (mentor null). */
export interface StoredAssignment {
  kind: AssignmentKind;
  mentorId: number | null;
  mentorName: string | null;
  mentorUnitId: number | null;
  mentorUnit: string | null;
  targetId: string;
  targetName: string;
  targetUnitId: number | null;
  targetUnit: string | null;
  caseNo: string | null;
  slot: number;
  cost: number | null;
  terms: CostTerm[];
  reason: Bilingual;
}

export interface MentorRun {
  period: string;
  computedAt: string;
  asOf: string;
  objective: number;
  summary: Record<string, number>;
}

const ROWS_PER_STATEMENT = 400;

/** Replaces the period's computation (run + lines) in one batch: all or nothing. */
export async function storeAssignments(db: D1Database, run: MentorRun, lines: StoredAssignment[], tokenId: number | null): Promise<void> {
  const statements: D1PreparedStatement[] = [
    db.prepare(`DELETE FROM mentor_assignments WHERE period = ?`).bind(run.period),
    db
      .prepare(`INSERT INTO mentor_runs (period, computed_at, computed_by, as_of, objective, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (period) DO UPDATE SET computed_at = excluded.computed_at, computed_by = excluded.computed_by,
                  as_of = excluded.as_of, objective = excluded.objective, summary = excluded.summary`)
      .bind(run.period, run.computedAt, tokenId, run.asOf, run.objective, JSON.stringify(run.summary)),
  ];
  for (let i = 0; i < lines.length; i += ROWS_PER_STATEMENT) {
    const items = lines.slice(i, i + ROWS_PER_STATEMENT).map((l) => ({ ...l, terms: JSON.stringify(l.terms), zh: l.reason.zh, en: l.reason.en }));
    statements.push(
      db
        .prepare(`INSERT INTO mentor_assignments (period, kind, mentor_id, mentor_name, mentor_unit_id, mentor_unit, target_id, target_name,
                    target_unit_id, target_unit, case_no, slot, cost, terms, reason_zh, reason_en)
                  SELECT ?1, j.value ->> '$.kind', j.value ->> '$.mentorId', j.value ->> '$.mentorName', j.value ->> '$.mentorUnitId',
                    j.value ->> '$.mentorUnit', j.value ->> '$.targetId', j.value ->> '$.targetName', j.value ->> '$.targetUnitId',
                    j.value ->> '$.targetUnit', j.value ->> '$.caseNo', j.value ->> '$.slot', j.value ->> '$.cost', j.value ->> '$.terms',
                    j.value ->> '$.zh', j.value ->> '$.en'
                  FROM json_each(?2) AS j`)
        .bind(run.period, JSON.stringify(items)),
    );
  }
  await db.batch(statements);
}

const LINE_COLUMNS = `kind, mentor_id AS mentorId, mentor_name AS mentorName, mentor_unit_id AS mentorUnitId, mentor_unit AS mentorUnit,
  target_id AS targetId, target_name AS targetName, target_unit_id AS targetUnitId, target_unit AS targetUnit, case_no AS caseNo,
  slot, cost, terms, reason_zh AS zh, reason_en AS en`;

interface LineDbRow extends Omit<StoredAssignment, "terms" | "reason"> {
  terms: string;
  zh: string;
  en: string;
}

const fromDb = ({ terms, zh, en, ...rest }: LineDbRow): StoredAssignment => ({ ...rest, terms: JSON.parse(terms) as CostTerm[], reason: { zh, en } });

const ORDER = `ORDER BY CASE kind WHEN 'case' THEN 0 WHEN 'visit' THEN 1 ELSE 2 END, target_id, slot, id`;

/**
 * A period's run and lines. `unitId` narrows to what concerns one unit: its cases, visits to it, its star
 * mediators, and the mentors who work there.
 */
export async function readAssignments(db: D1Database, period: string, unitId: number | null): Promise<{ run: MentorRun; lines: StoredAssignment[] } | null> {
  const [run, lines] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT period, computed_at AS computedAt, as_of AS asOf, objective, summary FROM mentor_runs WHERE period = ?`).bind(period),
    db
      .prepare(`SELECT ${LINE_COLUMNS} FROM mentor_assignments
                WHERE period = ?1 AND (?2 IS NULL OR target_unit_id = ?2 OR mentor_unit_id = ?2) ${ORDER}`)
      .bind(period, unitId),
  ]);
  const r = run.results[0] as (Omit<MentorRun, "summary"> & { summary: string }) | undefined;
  if (!r) return null;
  return { run: { ...r, summary: JSON.parse(r.summary) as Record<string, number> }, lines: (lines.results as unknown as LineDbRow[]).map(fromDb) };
}

/**
 * For the push receipt, in the caller's batch: the computed periods, and the case assignments of some case numbers
 * of one unit in every period (the receipt keeps the current period's: mentors/receipt-assignments.ts).
 */
export function receiptAssignmentStatements(db: D1Database, unitId: number, caseNos: string[]): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db.prepare(`SELECT period FROM mentor_runs`),
    db
      .prepare(`SELECT period, ${LINE_COLUMNS} FROM mentor_assignments
                WHERE kind = 'case' AND mentor_id IS NOT NULL AND target_unit_id = ?1 AND case_no IS NOT NULL
                  AND case_no IN (SELECT value FROM json_each(?2)) ${ORDER}`)
      .bind(unitId, JSON.stringify(caseNos)),
  ];
}

/** What receiptAssignmentStatements read. */
export function receiptAssignmentsFrom(periods: D1Result, lines: D1Result): { periods: string[]; lines: (StoredAssignment & { period: string })[] } {
  return {
    periods: (periods.results as { period: string }[]).map((r) => r.period),
    lines: (lines.results as unknown as (LineDbRow & { period: string })[]).map((l) => ({ ...fromDb(l), period: l.period })),
  };
}
