/**
 * What a push receipt adds on every delivery: the flags and the current mentor assignments of the cases the chunk
 * carried. They describe the present, so they are read anew on every delivery: in the chunk's own write batch, after
 * its writes, or for a replay in one batch of their own. At the Free plan's chunk size a push is hundreds of requests,
 * and each D1 round trip is latency paid per request.
 */
import type { Flag } from "../../ledger/api/flags.ts";
import type { AssignmentView } from "../../ledger/api/mentors.ts";
import { caseFlagReads } from "../assessment/flags/flag-service.ts";
import { filterFlags } from "../assessment/flags/filter.ts";
import { receiptAssignmentStatements, receiptAssignmentsFrom } from "../db/assignments.ts";
import { receiptAssignments } from "../mentors/receipt-assignments.ts";

type ExtrasArgs = { unitId: number; caseNos: string[]; today: string; acrossUnits: boolean };
type Extras = { flags: Flag[]; assignments: AssignmentView[] };

/**
 * Their reads, for a batch of the caller's (the chunk's write batch, after its writes), and the flags and assignments
 * from those reads' results, in their order.
 */
export function receiptExtraReads(db: D1Database, a: ExtrasArgs): { statements: D1PreparedStatement[]; extras(results: D1Result[]): Extras } {
  if (a.caseNos.length === 0) return { statements: [], extras: () => ({ flags: [], assignments: [] }) };
  const flagReads = caseFlagReads(db, a);
  const n = flagReads.statements.length;
  return {
    statements: [...flagReads.statements, ...receiptAssignmentStatements(db, a.unitId, a.caseNos)],
    extras: (results) => {
      const stored = receiptAssignmentsFrom(results[n], results[n + 1]);
      return { flags: filterFlags(flagReads.flags(results.slice(0, n)), {}), assignments: receiptAssignments(stored.periods, stored.lines, a.today) };
    },
  };
}

/** Both in a round trip of their own (a replayed receipt, which writes nothing). */
export async function receiptExtras(db: D1Database, a: ExtrasArgs): Promise<Extras> {
  const reads = receiptExtraReads(db, a);
  return reads.extras(reads.statements.length === 0 ? [] : await db.batch(reads.statements));
}
