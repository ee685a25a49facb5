/**
 * What a push receipt adds on every delivery: the flags and the current mentor assignments of the cases the chunk
 * carried. They describe the present, so they are read anew on every delivery: in the chunk's own write batch, after
 * its writes, or for a replay in one batch of their own. At the Free plan's chunk size a push is hundreds of requests,
 * and each D1 round trip is latency paid per request.
 */
import type { Flag } from "../../ledger/api/flags.ts";
import type { AssignmentView } from "../../ledger/api/mentors.ts";
import { DEFAULT_CONFIG } from "../assessment/config.ts";
import { caseFlagsFrom } from "../assessment/flags/flag-service.ts";
import { filterFlags } from "../assessment/flags/filter.ts";
import { configFromStored } from "../assessment/limits-service.ts";
import { receiptAssignmentStatements, receiptAssignmentsFrom } from "../db/assignments.ts";
import { flagInputsWithSettingsFrom, flagInputsWithSettingsStatements } from "../db/flags.ts";
import { receiptAssignments } from "../mentors/receipt-assignments.ts";

type ExtrasArgs = { unitId: number; caseNos: string[]; today: string; acrossUnits: boolean };
type Extras = { flags: Flag[]; assignments: AssignmentView[] };

/** The statements that read them, for a batch of the caller's (the chunk's write batch, after its writes). */
export function receiptExtraStatements(db: D1Database, a: ExtrasArgs): D1PreparedStatement[] {
  if (a.caseNos.length === 0) return [];
  return [
    ...flagInputsWithSettingsStatements(db, {
      today: a.today, unitId: a.unitId, caseNos: a.caseNos, compareWithin: a.acrossUnits ? null : a.unitId,
      defaultWindowDays: DEFAULT_CONFIG.flags.confirmationWindowDays, reviewPassMark: DEFAULT_CONFIG.flags.reviewPassMark,
    }),
    ...receiptAssignmentStatements(db, a.unitId, a.caseNos),
  ];
}

/** The flags and assignments from what receiptExtraStatements read, in their order. */
export function receiptExtrasFrom(results: D1Result[], a: ExtrasArgs): Extras {
  if (a.caseNos.length === 0) return { flags: [], assignments: [] };
  const [settings, single, parties, reviews, periods, lines] = results;
  const read = flagInputsWithSettingsFrom([settings, single, parties, reviews]);
  const stored = receiptAssignmentsFrom(periods, lines);
  return {
    flags: filterFlags(caseFlagsFrom(read, configFromStored(read.settings), { today: a.today, unitId: a.unitId, caseNos: a.caseNos }), {}),
    assignments: receiptAssignments(stored.periods, stored.lines, a.today),
  };
}

/** Both in a round trip of their own (a replayed receipt, which writes nothing). */
export async function receiptExtras(db: D1Database, a: ExtrasArgs): Promise<Extras> {
  const statements = receiptExtraStatements(db, a);
  return receiptExtrasFrom(statements.length === 0 ? [] : await db.batch(statements), a);
}
