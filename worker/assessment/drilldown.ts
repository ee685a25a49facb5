/**
 * The drill-down of one unit's indicators (pure): sorts the rows db/drilldown.ts read into a section per indicator,
 * and counts each section's num/den from the cases it lists, so a reader can check the ranking line by line.
 * Which case counts where was decided in SQL from ledger/counting.ts; here only the period's date rules apply
 * (received / concluded / due in the period, commitments once their due day has passed, as the ranking does).
 * Within a section the cases that cost the unit come first (not accepted, late, overdue, not successful).
 */
import type { CommitmentCase, Drilldown, OutcomeCase } from "../../ledger/api/drilldown.ts";
import type { DrilldownRows } from "../db/drilldown.ts";

const byFirst = <T extends { caseNo: string }>(first: (x: T) => boolean) => (a: T, b: T) =>
  Number(first(b)) - Number(first(a)) || a.caseNo.localeCompare(b.caseNo);

export function buildDrilldown(unit: { name: string; kind: "town" | "department" }, period: string, asOf: string, rows: DrilldownRows): Drilldown {
  const base = (r: DrilldownRows["cases"][number]) => ({ caseNo: r.caseNo, inLedger: r.inLedger === 1, mediator: r.mediator });

  const received = rows.cases.filter((r) => r.rin === 1);
  const acceptance = received
    .map((r) => ({ ...base(r), receivedOn: r.receivedOn!, accepted: r.accepted === 1, rejectReason: r.rejectReason }))
    .sort(byFirst((x) => !x.accepted));

  const concluded = rows.cases.filter((r) => r.cin === 1);
  const outcome = (r: DrilldownRows["cases"][number], inNumerator: boolean): OutcomeCase =>
    ({ ...base(r), receivedOn: r.receivedOn, closedOn: r.closedOn!, status: r.status!, stage: r.stage, inNumerator });
  const successCases = concluded.filter((r) => r.forSuccess === 1).map((r) => outcome(r, r.success === 1)).sort(byFirst((x) => !x.inNumerator));
  const excluded = concluded.filter((r) => r.forSuccess !== 1).map((r) => outcome(r, false));
  const preSuitCases = concluded.filter((r) => r.success === 1).map((r) => outcome(r, r.preSuit === 1)).sort(byFirst((x) => !x.inNumerator));
  const onTime = concluded
    .map((r) => ({ ...base(r), receivedOn: r.receivedOn, closedOn: r.closedOn!, status: r.status!, days: r.days, limit: r.timeLimit, onTime: r.onTime === 1 }))
    .sort(byFirst((x) => !x.onTime));

  const commitment = (r: DrilldownRows["cases"][number]): CommitmentCase => ({
    ...base(r), commitment: r.commitment, commitmentDue: r.commitmentDue!, commitmentMetOn: r.commitmentMetOn,
    state: r.commitmentDue! >= asOf ? "notYetDue" : r.kept === 1 ? "kept" : r.commitmentMetOn != null ? "late" : "overdue",
  });
  const due = rows.cases.filter((r) => r.din === 1).map(commitment);
  const STATE_ORDER = { overdue: 0, late: 1, kept: 2, notYetDue: 3 } as const;
  const counted = due.filter((x) => x.state !== "notYetDue")
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.commitmentDue.localeCompare(b.commitmentDue) || a.caseNo.localeCompare(b.caseNo));

  const reviews = rows.reviews.map((r) => ({ caseNo: r.caseNo, reviewedOn: r.reviewedOn, reviewer: r.reviewer, score: r.score }));

  const chunks = rows.push.filter((p) => p.rows !== null);
  const rejectedRows = chunks.flatMap((p) => (JSON.parse(p.rejectedRows ?? "[]") as number[]));
  const errors = chunks.flatMap((p) => JSON.parse(p.errors ?? "[]") as { row: number; column: string | null; key: string; code: string; message: string }[]);
  const ledgerRows = [...new Set(rejectedRows)].sort((a, b) => a - b).map((row) => ({
    row,
    errors: errors.filter((e) => e.row === row).map((e) => ({ column: e.column, key: e.key, code: e.code, message: e.message })),
  }));
  const pushRows = chunks.reduce((n, p) => n + (p.rows ?? 0), 0);
  const pushRejected = chunks.reduce((n, p) => n + (p.rejected ?? 0), 0);

  return {
    unit: unit.name,
    kind: unit.kind,
    period,
    asOf,
    indicators: {
      acceptance: { num: acceptance.filter((x) => x.accepted).length, den: acceptance.length, cases: acceptance },
      success: { num: successCases.filter((x) => x.inNumerator).length, den: successCases.length, cases: successCases, excluded },
      onTime: { num: onTime.filter((x) => x.onTime).length, den: onTime.length, cases: onTime },
      commitments: { num: counted.filter((x) => x.state === "kept").length, den: counted.length, cases: counted, notYetDue: due.filter((x) => x.state === "notYetDue") },
      preSuit: { num: preSuitCases.filter((x) => x.inNumerator).length, den: preSuitCases.length, cases: preSuitCases },
      ledgerQuality: {
        num: pushRows - pushRejected,
        den: pushRows,
        push: rows.push[0] ? { pushId: rows.push[0].pushId, completedAt: rows.push[0].completedAt } : null,
        rows: ledgerRows,
      },
      review: { num: reviews.reduce((n, r) => n + r.score, 0), den: reviews.length * 100, cases: reviews },
    },
  };
}
