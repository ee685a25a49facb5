/**
 * Flags: loads what the rules need (worker/db/flags.ts, worker/db/assessment.ts) and runs the pure rules
 * (case-rules.ts, unit-rules.ts). Routes and the push receipt call these; nothing else decides a flag.
 */
import { addDays, type Period } from "../../../ledger/period.ts";
import type { Flag } from "../../../ledger/api/flags.ts";
import { loadUnitCounts } from "../../db/assessment.ts";
import { flagInputsWithSettingsFrom, flagInputsWithSettingsStatements, loadFlagInputs, loadLastPushes, type FlagInputs } from "../../db/flags.ts";
import { loadTownVisitSummary } from "../../db/visits.ts";
import type { AssessmentConfig } from "../config.ts";
import { configFromStored, configInForce } from "../limits-service.ts";
import { DEFAULT_CONFIG } from "../config.ts";
import { indicatorValue } from "../indicators.ts";
import { caseKey, casesDueWithin } from "./filter.ts";
import { crossCaseFlags, reviewFailedFlags, singleCaseFlags, type PartyCase } from "./case-rules.ts";
import { unitFlags } from "./unit-rules.ts";
import { loadUnreceivedTransfers } from "../../db/routing.ts";
import { transferFlags } from "./transfer-rules.ts";

/**
 * Case flags for live cases still in their unit's ledger (a flag is about a row the clerk can see). `unitId` null =
 * every unit; `caseNos` narrows to those case numbers of that unit (the push receipt). `acrossUnits` false compares
 * the cases only with their own unit's (what a clerk may see; see flagsCompareAcrossUnits). `listPerDispute`: a list
 * to read, where one dispute's repeat and same-dispute flags are its latest few cases' and "N more" (crossCaseFlags).
 */
export async function caseFlags(
  db: D1Database,
  a: { today: string; unitId: number | null; caseNos?: string[]; config?: AssessmentConfig; acrossUnits: boolean; dueWithinDays?: number; listPerDispute?: number },
): Promise<Flag[]> {
  if (!a.config) {
    const reads = caseFlagReads(db, a);
    return reads.flags(await db.batch(reads.statements));
  }
  const config = a.config;
  const inputs = await loadFlagInputs(db, {
    ...flagScope(a), recentAgreements: addDays(a.today, -config.flags.confirmationWindowDays), reviewPassMark: config.flags.reviewPassMark,
  });
  return caseFlagsFrom(inputs, config, a);
}

type FlagScopeArgs = { today: string; unitId: number | null; caseNos?: string[]; acrossUnits: boolean; dueWithinDays?: number };

function flagScope(a: FlagScopeArgs) {
  if (!a.acrossUnits && a.unitId == null) throw new Error("flags within one unit need the unit");
  return { today: a.today, unitId: a.unitId, caseNos: a.caseNos ?? null, compareWithin: a.acrossUnits ? null : a.unitId };
}

/**
 * Case flags under the settings in force, as reads for the caller's batch and the flags from their results: caseFlags
 * sends the reads alone, the push receipt inside its chunk's write batch. The coordinator's settings decide which
 * agreements are loaded, so they are read with the rows, in the same batch (the pass mark is not among the stored
 * settings, so the default is the one in force).
 */
export function caseFlagReads(db: D1Database, a: FlagScopeArgs): { statements: D1PreparedStatement[]; flags(results: D1Result[]): Flag[] } {
  const statements = flagInputsWithSettingsStatements(db, {
    ...flagScope(a), defaultWindowDays: DEFAULT_CONFIG.flags.confirmationWindowDays, reviewPassMark: DEFAULT_CONFIG.flags.reviewPassMark,
  });
  return {
    statements,
    flags: (results) => {
      const read = flagInputsWithSettingsFrom(results);
      return caseFlagsFrom(read, configFromStored(read.settings), a);
    },
  };
}

/** The rules over rows already read. */
function caseFlagsFrom(
  inputs: FlagInputs,
  config: AssessmentConfig,
  a: { today: string; unitId: number | null; caseNos?: string[]; dueWithinDays?: number; listPerDispute?: number },
): Flag[] {
  const { single, parties, failedReviews } = inputs;
  // "Due within N days" asks for every open case whose time limit runs out within N days, not only those inside
  // the configured due-soon window: widen the window so each of them carries a due_soon flag with its days left.
  if (a.dueWithinDays !== undefined && a.dueWithinDays > config.flags.dueSoonDays) {
    config = { ...config, flags: { ...config.flags, dueSoonDays: a.dueWithinDays } };
  }
  const out: Flag[] = [];
  for (const c of single) out.push(...singleCaseFlags(c, a.today, config));
  const wanted = a.caseNos ? new Set(a.caseNos) : null;
  // "Due within N days" lists only those cases' flags (filterFlags): compare only them, and list their disputes alone.
  const due = a.dueWithinDays === undefined ? null : casesDueWithin(out, a.dueWithinDays);
  const inScope = (c: PartyCase & { unitId: number }) =>
    (a.unitId == null || c.unitId === a.unitId) && (wanted == null || wanted.has(c.caseNo)) && (due == null || due.has(caseKey(c)));
  out.push(...crossCaseFlags(parties, config, inScope, { listPerDispute: a.listPerDispute }));
  out.push(...reviewFailedFlags(failedReviews, config.flags.reviewPassMark));
  return out;
}

/** Unit flags for a period's rates plus the units' push history. */
export async function unitFlagsFor(db: D1Database, a: { today: string; period: Period; unitId: number | null; config?: AssessmentConfig }): Promise<Flag[]> {
  const [config, units, pushes, visits] = await Promise.all([
    a.config ?? configInForce(db), loadUnitCounts(db, a.period, a.today), loadLastPushes(db), loadTownVisitSummary(db, a.period),
  ]);
  const lastPush = new Map(pushes.map((p) => [p.unitId, p]));
  const townVisits = new Map(visits.recording ? visits.towns.map((t) => [t.unitId, t]) : []);
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
          ...visitFacts(townVisits.get(u.unitId)),
        },
        a.today,
        config,
      ),
    );
  }
  return out;
}

const visitFacts = (t: { visits: number; lastVisitOn: string | null } | undefined) => (t ? { visits: { inPeriod: t.visits, lastVisitOn: t.lastVisitOn } } : {});
/** Transfers not signed for in time (transfer_not_received), for the receiving unit `unitId` or every unit. */
export async function transferFlagsFor(db: D1Database, a: { today: string; unitId: number | null; limitDays: number }): Promise<Flag[]> {
  return transferFlags(await loadUnreceivedTransfers(db, a.unitId, a.today), a.today, a.limitDays);
}
