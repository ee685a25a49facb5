/**
 * The rows the flag rules (worker/assessment/flags/) read, from D1. The SQL only narrows the rows (open cases,
 * pending commitments, recent agreements, cases sharing parties); the rules decide, in
 * worker/assessment/flags/flag-service.ts, so the API, the push receipt and the tests share one definition of every flag.
 */
import type { FlagCase, LatestReview, PartyCase } from "../assessment/flags/case-rules.ts";
import { failedReviewsStatement } from "./reviews.ts";
import { latestLimitSettingsFrom, latestLimitSettingsStatement, type StoredLimitSettings } from "./limit-settings.ts";

const FLAG_CASE_COLUMNS = `
  c.id AS id, u.name AS unit, c.case_no AS caseNo, c.received_on AS receivedOn, c.accepted AS accepted, c.status AS status,
  c.closed_on AS closedOn, c.stage AS stage, c.mediation_type AS mediationType, c.applicant AS applicant,
  c.data ->> '$.applicantId' AS applicantId, c.respondent AS respondent, c.judicial_confirmation AS judicialConfirmation,
  c.commitment_due AS commitmentDue, c.commitment_met_on AS commitmentMetOn, c.complexity AS complexity,
  date(c.updated_at, '+8 hours') AS lastChangedOn,
  -- "有导师": the case's mediator is an active gold mediator (金牌调解员) on the roster, or a computed mentor
  -- assignment (any period) gave the case a gold mentor
  (EXISTS (SELECT 1 FROM mediators AS m WHERE m.name = c.mediator AND m.tier = '金牌调解员' AND m.active = 1)
   OR EXISTS (SELECT 1 FROM mentor_assignments AS a
              WHERE a.kind = 'case' AND a.mentor_id IS NOT NULL AND a.target_unit_id = c.unit_id AND a.case_no = c.case_no)) AS hasMentor`;

/** What comparing cases needs: no mentor lookups, which cost most per row. */
const PARTY_CASE_COLUMNS = `
  c.unit_id AS unitId, u.name AS unit, c.case_no AS caseNo, c.received_on AS receivedOn, c.status AS status, c.closed_on AS closedOn,
  c.applicant AS applicant, c.data ->> '$.applicantId' AS applicantId, c.respondent AS respondent`;

interface FlagCaseRow extends Omit<FlagCase, "accepted" | "judicialConfirmation" | "hasMentor"> {
  id: number;
  accepted: number;
  judicialConfirmation: number | null;
  hasMentor: number;
}

const toFlagCase = (r: FlagCaseRow): FlagCase & { id: number } => ({
  ...r,
  accepted: r.accepted === 1,
  judicialConfirmation: r.judicialConfirmation == null ? null : r.judicialConfirmation === 1,
  hasMentor: r.hasMentor === 1,
});

/**
 * The scope as SQL with its values, written out for the arguments at hand: SQLite cannot use the (unit_id, case_no)
 * index through `(?1 IS NULL OR unit_id = ?1)`, and scanning every case of the district per push chunk made the push
 * receipt's flag queries about 20× dearer than the indexed lookup (bench/RESULTS.md). Only fixed fragments are chosen
 * here; the values stay bound, numbered from `first`.
 */
function scopeClause(alias: string, first: number, a: { unitId: number | null; caseNos: string[] | null }): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (a.unitId !== null) {
    params.push(a.unitId);
    parts.push(`${alias}unit_id = ?${first + params.length - 1}`);
  }
  if (a.caseNos !== null) {
    params.push(JSON.stringify(a.caseNos));
    parts.push(`${alias}case_no IN (SELECT value FROM json_each(?${first + params.length - 1}))`);
  }
  return { sql: parts.length === 0 ? "1" : parts.join(" AND "), params };
}

/**
 * The oldest agreement the confirmation-window flag may concern: a date, or (`windowDays`) today less the window in
 * the latest stored settings, read in the same statement, with `windowDays` when none is stored or it names none.
 */
type RecentAgreements = string | { defaultWindowDays: number };

const STORED_WINDOW_DAYS = `(SELECT CASE WHEN json_type(s.settings, '$.flags.confirmationWindowDays') IN ('integer', 'real')
  THEN s.settings ->> '$.flags.confirmationWindowDays' END FROM limit_settings AS s ORDER BY s.version DESC LIMIT 1)`;

/**
 * Live cases still in their unit's ledger that a single-case flag may concern. `unitId` null = every unit; `caseNos`
 * narrows to those case numbers of that unit (the push receipt).
 */
function flagCasesStatement(
  db: D1Database,
  a: { today: string; recentAgreements: RecentAgreements; unitId: number | null; caseNos: string[] | null },
): D1PreparedStatement {
  const scope = scopeClause("c.", 3, a);
  const since = typeof a.recentAgreements === "string" ? "?2" : `date(?1, '-' || coalesce(${STORED_WINDOW_DAYS}, ?2) || ' days')`;
  const sinceParam = typeof a.recentAgreements === "string" ? a.recentAgreements : a.recentAgreements.defaultWindowDays;
  return db
    .prepare(`SELECT ${FLAG_CASE_COLUMNS} FROM cases AS c JOIN units AS u ON u.id = c.unit_id
              WHERE c.deleted_at IS NULL AND c.in_ledger = 1 AND ${scope.sql}
                AND ((c.accepted = 1 AND (c.status IS NULL OR c.status = '调解中'))
                  OR (c.commitment_due < ?1 AND c.commitment_met_on IS NULL)
                  OR (c.status = '调解成功' AND c.closed_on >= ${since}))`)
    .bind(a.today, sinceParam, ...scope.params);
}

/**
 * Every live case whose respondent + applicant names occur more than once, for the names that the cases in scope
 * carry (all names when the scope is the district). `compareWithin` keeps the comparison inside one unit.
 */
function partyCasesStatement(
  db: D1Database,
  a: { unitId: number | null; caseNos: string[] | null; compareWithin: number | null },
): D1PreparedStatement {
  const within = a.compareWithin === null ? { sql: "", params: [] } : { sql: "AND c.unit_id = ?1", params: [a.compareWithin] };
  const scope = scopeClause("", within.params.length + 1, a);
  // Within one unit only a repeat dispute can be found, and the earlier case of a repeat has concluded: of the cases
  // outside the scope (a push receipt's case numbers) only concluded ones are read. A chunk of a ledger whose parties
  // recur read every open case of theirs too, about half of what this statement read.
  const caseNosParam = a.caseNos === null ? null : within.params.length + scope.params.length;
  const concludedOrInScope = a.compareWithin === null || caseNosParam === null ? ""
    : `AND (c.case_no IN (SELECT value FROM json_each(?${caseNosParam}))
            OR (c.status IS NOT NULL AND c.status <> '调解中' AND c.closed_on IS NOT NULL))`;
  return db
    .prepare(`WITH mine AS (
                SELECT DISTINCT respondent, applicant FROM cases
                WHERE deleted_at IS NULL AND in_ledger = 1 AND ${scope.sql}),
              shared AS (
                SELECT c.respondent, c.applicant FROM mine JOIN cases AS c INDEXED BY cases_parties
                  ON c.respondent = mine.respondent AND c.applicant = mine.applicant
                WHERE c.deleted_at IS NULL AND c.in_ledger = 1 ${within.sql}
                GROUP BY c.respondent, c.applicant HAVING count(*) > 1)
              SELECT ${PARTY_CASE_COLUMNS} FROM shared JOIN cases AS c INDEXED BY cases_parties
                ON c.respondent = shared.respondent AND c.applicant = shared.applicant
              JOIN units AS u ON u.id = c.unit_id WHERE c.deleted_at IS NULL AND c.in_ledger = 1 ${within.sql} ${concludedOrInScope}`)
    .bind(...within.params, ...scope.params);
}

export interface FlagInputs {
  single: (FlagCase & { id: number })[];
  parties: (PartyCase & { unitId: number })[];
  failedReviews: LatestReview[];
}

type FlagInputArgs = { today: string; unitId: number | null; caseNos: string[] | null; compareWithin: number | null; reviewPassMark: number };

/** The kinds of rows the case flags read (cases, cases sharing parties, failed latest reviews), in one round trip. */
export async function loadFlagInputs(db: D1Database, a: FlagInputArgs & { recentAgreements: string }): Promise<FlagInputs> {
  const [single, parties, reviews] = await db.batch([
    flagCasesStatement(db, a), partyCasesStatement(db, a), failedReviewsStatement(db, { ...a, passMark: a.reviewPassMark }),
  ]);
  return flagInputsFrom(single, parties, reviews);
}

/**
 * The same rows and, in the same round trip, the latest stored time limits and flag thresholds, for a caller that has
 * not read them yet (the push receipt, caseFlags without a configuration): the agreements are narrowed by the stored
 * confirmation window in SQL, so that nothing waits on the settings first. The batch is one transaction: the settings
 * are those the rows were read under. Statements for the caller's batch; flagInputsWithSettingsFrom reads the results.
 */
export function flagInputsWithSettingsStatements(db: D1Database, a: FlagInputArgs & { defaultWindowDays: number }): D1PreparedStatement[] {
  return [
    latestLimitSettingsStatement(db),
    flagCasesStatement(db, { ...a, recentAgreements: { defaultWindowDays: a.defaultWindowDays } }),
    partyCasesStatement(db, a),
    failedReviewsStatement(db, { ...a, passMark: a.reviewPassMark }),
  ];
}

/** What flagInputsWithSettingsStatements read, in their order. */
export function flagInputsWithSettingsFrom(results: D1Result[]): FlagInputs & { settings: StoredLimitSettings | null } {
  const [settings, single, parties, reviews] = results;
  return { ...flagInputsFrom(single, parties, reviews), settings: latestLimitSettingsFrom(settings.results) };
}

function flagInputsFrom(single: D1Result, parties: D1Result, reviews: D1Result): FlagInputs {
  return {
    single: (single.results as unknown as FlagCaseRow[]).map(toFlagCase),
    parties: parties.results as unknown as (PartyCase & { unitId: number })[],
    failedReviews: reviews.results as unknown as LatestReview[],
  };
}

/** Each unit's last completed push: when, how many rows, how many of them rejected. */
export async function loadLastPushes(db: D1Database): Promise<{ unitId: number; pushedOn: string; rows: number; rejected: number }[]> {
  const { results } = await db
    .prepare(`WITH last AS (
                SELECT id, unit_id, completed_at, row_number() OVER (PARTITION BY unit_id ORDER BY completed_at DESC, id DESC) AS rn
                FROM pushes WHERE completed_at IS NOT NULL)
              SELECT last.unit_id AS unitId, date(last.completed_at, '+8 hours') AS pushedOn,
                sum(pc.inserted + pc.updated + pc.unchanged + pc.rejected) AS rows, sum(pc.rejected) AS rejected
              FROM last JOIN push_chunks AS pc ON pc.push_id = last.id WHERE last.rn = 1 GROUP BY last.unit_id`)
    .all<{ unitId: number; pushedOn: string; rows: number; rejected: number }>();
  return results;
}
