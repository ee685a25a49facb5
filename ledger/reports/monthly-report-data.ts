/**
 * What a 月报 compares: the period's figures, the year's so far (本年累计, 1 January to the period's end) and the same
 * period a year before (上年同期, for 同比). GET /api/stats answers one month, quarter or year, so a client asks for the
 * few periods whose union is the year so far (2026-05: 2026-Q1, 2026-04 and 2026-05) and for last year's period, and
 * sums them here. Every figure but 在办 counts cases by a date inside the span, so the sum of the parts is the span's
 * figure exactly; 在办 is a count at the span's end, the last part's. Pure; the CLI and the pane both use it.
 */
import type { Stats, StatsFigures, StatsLine } from "../api/stats.ts";
import { parsePeriod } from "../period.ts";

/** The figures of a span: overall, by source and by domain. */
export type ReportFigures = Pick<Stats, "totals" | "bySource" | "byDomain">;

export interface MonthlyReportData {
  stats: Stats;
  /** 1 January to the period's end; the period itself for a year. */
  yearToDate: ReportFigures;
  /** The same month, quarter or year a year before. */
  lastYear: ReportFigures;
}

/** Whole quarters, then the months after them: "2026-05" → 2026-Q1, 2026-04, 2026-05; "2026-12" → 2026. */
export function yearToDatePeriods(period: string): string[] {
  const p = parsePeriod(period);
  const y = p.start.slice(0, 4);
  // The period's last month: the month before its end (a period ending on 1 January ended in December).
  const lastMonth = Number(p.end.slice(5, 7)) === 1 ? 12 : Number(p.end.slice(5, 7)) - 1;
  if (lastMonth === 12) return [y];
  const quarters = Math.floor(lastMonth / 3);
  const months = Array.from({ length: lastMonth - quarters * 3 }, (_, i) => `${y}-${String(quarters * 3 + i + 1).padStart(2, "0")}`);
  return [...Array.from({ length: quarters }, (_, q) => `${y}-Q${q + 1}`), ...months];
}

/** "2026-05" → "2025-05", "2026-Q3" → "2025-Q3", "2026" → "2025". */
export function samePeriodLastYear(period: string): string {
  const p = parsePeriod(period);
  return `${Number(p.label.slice(0, 4)) - 1}${p.label.slice(4)}`;
}

const rate = (successes: number, failures: number) => (successes + failures === 0 ? null : successes / (successes + failures));

/** Figures of consecutive spans (in time order) as one span's. */
function sumFigures(parts: readonly StatsFigures[]): StatsFigures {
  const sum = (k: "received" | "accepted" | "concluded" | "successes" | "failures") => parts.reduce((a, f) => a + f[k], 0);
  const successes = sum("successes");
  const failures = sum("failures");
  return { received: sum("received"), accepted: sum("accepted"), concluded: sum("concluded"), successes, failures, open: parts.at(-1)?.open ?? 0, successRate: rate(successes, failures) };
}

function sumLines(parts: readonly (readonly StatsLine[])[]): StatsLine[] {
  const labels: string[] = [];
  for (const lines of parts) for (const l of lines) if (!labels.includes(l.label)) labels.push(l.label);
  const zero: StatsFigures = { received: 0, accepted: 0, concluded: 0, successes: 0, failures: 0, open: 0, successRate: null };
  // A label missing from a part (a blank 来源 only in one month) counts nothing there; 在办 stays the last part's.
  return labels.map((label) => ({ label, ...sumFigures(parts.map((lines) => lines.find((l) => l.label === label) ?? zero)) }));
}

/** The figures of consecutive periods (in time order) summed. */
export function sumStats(parts: readonly ReportFigures[]): ReportFigures {
  return { totals: sumFigures(parts.map((p) => p.totals)), bySource: sumLines(parts.map((p) => p.bySource)), byDomain: sumLines(parts.map((p) => p.byDomain)) };
}

/**
 * Asks for the periods the 月报 needs besides `stats` (the period's own, already fetched), at most five at once
 * (November: 2026-Q1, Q2, Q3, 2026-10 and 2025-11), and sums the year so far.
 */
export async function monthlyReportData(stats: Stats, fetchStats: (period: string) => Promise<Stats>): Promise<MonthlyReportData> {
  const parts = yearToDatePeriods(stats.period);
  const [lastYear, ...ytd] = await Promise.all([samePeriodLastYear(stats.period), ...parts].map((p) => (p === stats.period ? Promise.resolve(stats) : fetchStats(p))));
  return { stats, yearToDate: sumStats(ytd), lastYear };
}
