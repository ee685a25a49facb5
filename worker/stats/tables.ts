/**
 * 诉源分析's tables from grouped counts (pure). Rows and columns that forms always show (the policy's domains,
 * sources, stages, outcomes; the units asked for) are listed even at zero, so a month's sheet has the same shape as
 * the last; a blank value is its own row (（未填）) so every counted case is in the totals.
 */
import { DOMAINS, SOURCES, STAGES } from "../../ledger/choices.ts";
import { BLANK_LABEL, STATS_OUTCOMES, type CrossTable, type Stats, type StatsFigures, type StatsLine } from "../../ledger/api/stats.ts";
import type { StatsRows } from "../db/stats.ts";

const label = (v: string | null | undefined) => (v == null || v.trim() === "" ? BLANK_LABEL : v);

/** Counts keyed by (row, col) into a table with the fixed rows/cols first and any others (or blanks) after. */
export function crossTable(measure: CrossTable["measure"], fixedRows: readonly string[], fixedCols: readonly string[], entries: Iterable<{ row: string; col: string; n: number }>, o: { sortRows?: boolean } = {}): CrossTable {
  const counts = new Map<string, Map<string, number>>();
  const rows = [...fixedRows];
  const cols = [...fixedCols];
  for (const e of entries) {
    if (e.n === 0) continue;
    if (!rows.includes(e.row)) rows.push(e.row);
    if (!cols.includes(e.col)) cols.push(e.col);
    const r = counts.get(e.row) ?? new Map<string, number>();
    r.set(e.col, (r.get(e.col) ?? 0) + e.n);
    counts.set(e.row, r);
  }
  const rowTotal = (r: string) => [...(counts.get(r)?.values() ?? [])].reduce((a, b) => a + b, 0);
  // Free-text rows (respondent agencies) read best with the most disputes first; ties by name for a stable sheet.
  if (o.sortRows) rows.sort((a, b) => rowTotal(b) - rowTotal(a) || (a === BLANK_LABEL ? 1 : b === BLANK_LABEL ? -1 : a.localeCompare(b, "zh-CN")));
  const cells = rows.map((r) => cols.map((col) => counts.get(r)?.get(col) ?? 0));
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = cols.map((_, j) => cells.reduce((a, row) => a + row[j], 0));
  return { measure, rows, cols, cells, rowTotals, colTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
}

interface Tally { received: number; accepted: number; concluded: number; successes: number; failures: number; open: number }
const emptyTally = (): Tally => ({ received: 0, accepted: 0, concluded: 0, successes: 0, failures: 0, open: 0 });
const figures = (t: Tally): StatsFigures => ({ ...t, successRate: t.successes + t.failures === 0 ? null : t.successes / (t.successes + t.failures) });
const SUCCESS = STATS_OUTCOMES[0];
/** The success rate's denominator besides successes (ledger/counting.ts SUCCESS_DENOMINATOR_STATUSES). */
const FAILURES: readonly string[] = ["调解不成", "终止"];

export interface StatsScope {
  group: Stats["group"];
  units: { id: number; name: string; kind?: string }[];
}

/** `months` are the trend's months ("2026-05"), the last being the period's (or its last) month. */
export function buildStats(period: { label: string; months: readonly string[]; monthEnds: readonly string[] }, scope: StatsScope, rows: StatsRows): Stats {
  const unitName = new Map(scope.units.map((u) => [u.id, u.name]));
  const inPeriod = new Set(period.months.slice(-periodMonths(period.label)));
  const periodEnd = period.monthEnds.at(-1)!;
  const concludedNow = rows.concluded.filter((r) => inPeriod.has(r.month));

  const totals = emptyTally();
  const bySource = new Map<string, Tally>();
  const byDomain = new Map<string, Tally>();
  const tallies = (source: string | null, domain: string | null) => [totals, mapGet(bySource, label(source)), mapGet(byDomain, label(domain))];
  for (const r of rows.received) for (const t of tallies(r.source, r.domain)) { t.received += r.received; t.accepted += r.accepted; }
  for (const r of concludedNow) for (const t of tallies(r.source, r.domain)) {
    t.concluded += r.n;
    if (r.status === SUCCESS) t.successes += r.n;
    else if (FAILURES.includes(r.status)) t.failures += r.n;
  }
  for (const r of rows.open) if (r.monthEnd === periodEnd) for (const t of tallies(r.source, r.domain)) t.open += r.n;

  const trend = period.months.map((month, i) => {
    const t = emptyTally();
    const rec = rows.receivedByMonth.find((r) => r.month === month);
    if (rec) { t.received = rec.received; t.accepted = rec.accepted; }
    for (const r of rows.concluded) if (r.month === month) {
      t.concluded += r.n;
      if (r.status === SUCCESS) t.successes += r.n;
      else if (FAILURES.includes(r.status)) t.failures += r.n;
    }
    for (const r of rows.open) if (r.monthEnd === period.monthEnds[i]) t.open += r.n;
    return { month, ...figures(t) };
  });

  const lines = (fixed: readonly string[], m: Map<string, Tally>): StatsLine[] =>
    [...fixed, ...[...m.keys()].filter((k) => !fixed.includes(k))].map((l) => ({ label: l, ...figures(m.get(l) ?? emptyTally()) }));

  return {
    period: period.label,
    group: scope.group,
    units: scope.units.map((u) => u.name),
    towns: scope.units.filter((u) => u.kind === "town").map((u) => u.name),
    totals: figures(totals),
    tables: {
      domainByUnit: crossTable("received", DOMAINS, scope.units.map((u) => u.name), rows.received.map((r) => ({ row: label(r.domain), col: unitName.get(r.unitId) ?? String(r.unitId), n: r.received }))),
      respondentByDomain: crossTable("received", [], DOMAINS, rows.received.map((r) => ({ row: label(r.respondent), col: label(r.domain), n: r.received })), { sortRows: true }),
      sourceByOutcome: crossTable("concluded", SOURCES, STATS_OUTCOMES, concludedNow.map((r) => ({ row: label(r.source), col: r.status, n: r.n }))),
      stageByOutcome: crossTable("concluded", STAGES, STATS_OUTCOMES, concludedNow.map((r) => ({ row: label(r.stage), col: r.status, n: r.n }))),
    },
    trend,
    bySource: lines(SOURCES, bySource),
    byDomain: lines(DOMAINS, byDomain),
  };
}

function mapGet(m: Map<string, Tally>, k: string): Tally {
  let t = m.get(k);
  if (!t) m.set(k, (t = emptyTally()));
  return t;
}

/** How many months a period label spans. */
function periodMonths(label: string): number {
  return /^\d{4}$/.test(label) ? 12 : /Q/i.test(label) ? 3 : 1;
}
