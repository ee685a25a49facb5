/**
 * Loads what the flag rules (worker/assessment/flags/) need from D1 and runs them. The SQL only narrows the rows
 * (open cases, pending commitments, recent agreements, cases sharing parties); the rules decide, so the API, the
 * push receipt and the tests share one definition of every flag.
 */
import { DEFAULT_CONFIG, type AssessmentConfig } from "../assessment/config.ts";
import { FLAG_SEVERITIES, type Flag, type FlagCode, type FlagSeverity } from "../../ledger/api/flags.ts";
import { crossCaseFlags, singleCaseFlags, type FlagCase, type PartyCase } from "../assessment/flags/case-rules.ts";
import { unitFlags } from "../assessment/flags/unit-rules.ts";
import { indicatorValue } from "../assessment/indicators.ts";
import { addDays, type Period } from "../../ledger/period.ts";
import { loadTimeLimits, loadUnitCounts } from "./assessment.ts";

const FLAG_CASE_COLUMNS = `
  c.id AS id, u.name AS unit, c.case_no AS caseNo, c.received_on AS receivedOn, c.accepted AS accepted, c.status AS status,
  c.closed_on AS closedOn, c.stage AS stage, c.mediation_type AS mediationType, c.applicant AS applicant,
  c.data ->> '$.applicantId' AS applicantId, c.respondent AS respondent, c.judicial_confirmation AS judicialConfirmation,
  c.commitment_due AS commitmentDue, c.commitment_met_on AS commitmentMetOn, c.complexity AS complexity,
  substr(c.updated_at, 1, 10) AS lastChangedOn,
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
 * Case flags for live cases still in their unit's ledger (a flag is about a row the clerk can see). `unitId` null =
 * every unit; `caseNos` narrows to those case numbers of that unit (the push receipt). `acrossUnits` false compares
 * the cases only with their own unit's (what a clerk may see; see flagsCompareAcrossUnits).
 */
export async function caseFlags(
  db: D1Database,
  a: { today: string; unitId: number | null; caseNos?: string[]; config?: AssessmentConfig; acrossUnits: boolean },
): Promise<Flag[]> {
  if (!a.acrossUnits && a.unitId == null) throw new Error("flags within one unit need the unit");
  const compareWithin = a.acrossUnits ? null : a.unitId;
  const flagRules = (a.config ?? DEFAULT_CONFIG).flags;
  const recentAgreements = addDays(a.today, -flagRules.confirmationWindowDays);
  const only = a.caseNos ? JSON.stringify(a.caseNos) : null;
  // The time limits live in D1 (assessment_time_limits) so flags and the on-time counts use the same ones; they
  // are read alongside the cases, not before them.
  const [timeLimits, [single, parties]] = await Promise.all([
    a.config ? a.config.timeLimits : loadTimeLimits(db),
    db.batch([
    db
      .prepare(`SELECT ${FLAG_CASE_COLUMNS} FROM cases AS c JOIN units AS u ON u.id = c.unit_id
                WHERE c.deleted_at IS NULL AND c.in_ledger = 1 AND (?1 IS NULL OR c.unit_id = ?1)
                  AND (?4 IS NULL OR c.case_no IN (SELECT value FROM json_each(?4)))
                  AND ((c.accepted = 1 AND (c.status IS NULL OR c.status = '调解中'))
                    OR (c.commitment_due < ?2 AND c.commitment_met_on IS NULL)
                    OR (c.status = '调解成功' AND c.closed_on >= ?3))`)
      .bind(a.unitId, a.today, recentAgreements, only),
    // Every live case whose respondent + applicant names occur more than once across the district, for the names
    // that the cases in scope carry (all names when the scope is the district).
    db
      .prepare(`WITH mine AS (
                  SELECT DISTINCT respondent, applicant FROM cases
                  WHERE deleted_at IS NULL AND in_ledger = 1 AND (?1 IS NULL OR unit_id = ?1)
                    AND (?2 IS NULL OR case_no IN (SELECT value FROM json_each(?2)))),
                shared AS (
                  SELECT c.respondent, c.applicant FROM mine JOIN cases AS c INDEXED BY cases_parties
                    ON c.respondent = mine.respondent AND c.applicant = mine.applicant
                  WHERE c.deleted_at IS NULL AND c.in_ledger = 1 AND (?3 IS NULL OR c.unit_id = ?3)
                  GROUP BY c.respondent, c.applicant HAVING count(*) > 1)
                SELECT ${PARTY_CASE_COLUMNS} FROM shared JOIN cases AS c ON c.respondent = shared.respondent AND c.applicant = shared.applicant
                JOIN units AS u ON u.id = c.unit_id WHERE c.deleted_at IS NULL AND c.in_ledger = 1 AND (?3 IS NULL OR c.unit_id = ?3)`)
      .bind(a.unitId, only, compareWithin),
    ]) as Promise<[D1Result<FlagCaseRow>, D1Result<PartyCase & { unitId: number }>]>,
  ]);
  const config = a.config ?? { ...DEFAULT_CONFIG, timeLimits };
  const out: Flag[] = [];
  for (const r of single.results) out.push(...singleCaseFlags(toFlagCase(r), a.today, config));
  const wanted = a.caseNos ? new Set(a.caseNos) : null;
  const inScope = (c: PartyCase & { unitId: number }) => (a.unitId == null || c.unitId === a.unitId) && (wanted == null || wanted.has(c.caseNo));
  out.push(...crossCaseFlags(parties.results, config, inScope));
  return out;
}

/** Unit flags for a period's rates plus the units' push history. */
export async function unitFlagsFor(db: D1Database, a: { today: string; period: Period; unitId: number | null; config?: AssessmentConfig }): Promise<Flag[]> {
  const config = a.config ?? DEFAULT_CONFIG;
  const [units, pushes] = await Promise.all([
    loadUnitCounts(db, a.period, a.today),
    db
      .prepare(`WITH last AS (
                  SELECT id, unit_id, completed_at, row_number() OVER (PARTITION BY unit_id ORDER BY completed_at DESC, id DESC) AS rn
                  FROM pushes WHERE completed_at IS NOT NULL)
                SELECT last.unit_id AS unitId, substr(last.completed_at, 1, 10) AS pushedOn,
                  sum(pc.inserted + pc.updated + pc.unchanged + pc.rejected) AS rows, sum(pc.rejected) AS rejected
                FROM last JOIN push_chunks AS pc ON pc.push_id = last.id WHERE last.rn = 1 GROUP BY last.unit_id`)
      .all<{ unitId: number; pushedOn: string; rows: number; rejected: number }>(),
  ]);
  const lastPush = new Map(pushes.results.map((p) => [p.unitId, p]));
  const out: Flag[] = [];
  for (const u of units) {
    if (a.unitId != null && u.unitId !== a.unitId) continue;
    const p = lastPush.get(u.unitId);
    out.push(
      ...unitFlags(
        {
          unit: u.unit,
          period: a.period.label,
          acceptance: indicatorValue("acceptance", u.counts.acceptance, config),
          success: indicatorValue("success", u.counts.success, config),
          lastPush: p ? { pushedOn: p.pushedOn, rows: p.rows, cleanRows: p.rows - p.rejected } : null,
        },
        a.today,
        config,
      ),
    );
  }
  return out;
}

export interface FlagFilter {
  severity?: FlagSeverity;
  code?: FlagCode;
  scope?: "case" | "unit";
}

const SEVERITY_ORDER = Object.fromEntries(FLAG_SEVERITIES.map((s, i) => [s, i])) as Record<FlagSeverity, number>;

/** Filters and orders flags: most severe first, then unit, then case number. */
export function filterFlags(flags: Flag[], f: FlagFilter): Flag[] {
  return flags
    .filter((x) => (!f.severity || x.severity === f.severity) && (!f.code || x.code === f.code) && (!f.scope || x.scope === f.scope))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.unit.localeCompare(b.unit, "zh-CN") || (a.caseNo ?? "").localeCompare(b.caseNo ?? "") || a.code.localeCompare(b.code));
}

/** The flags of the cases one push chunk carried (for the push receipt). */
export function flagsForPushedCases(
  db: D1Database,
  a: { unitId: number; caseNos: string[]; today: string; acrossUnits: boolean; config?: AssessmentConfig },
): Promise<Flag[]> {
  if (a.caseNos.length === 0) return Promise.resolve([]);
  return caseFlags(db, a).then((fs) => filterFlags(fs, {}));
}
