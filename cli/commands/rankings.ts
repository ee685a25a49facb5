// `tiaojie rankings --period 2026-Q3 [--json] [--out rankings.xlsx]`: the assessment office's ranking table.
import ExcelJS from "exceljs";
import { INDICATOR_KEYS, INDICATORS } from "../../ledger/api/indicators.ts";
import type { Rankings } from "../../ledger/api/assessment.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import { reportCommand } from "../lib/report-command.ts";
import { addGridSheet } from "../lib/grid-sheet.ts";
import { rankingsLayout } from "../../ledger/reports/rankings-layout.ts";

export const USAGE = `用法 Usage: tiaojie rankings --period 2026-Q3 [--json] [--out rankings.xlsx] [--as-of 2026-10-01]
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

/** GET /api/rankings as the contract describes it. */
export type RankingsResponse = Rankings;

const round = (x: number | null, d: number) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The --json shape: per unit its rank, score and every indicator with its counts, interval, target and points. */
export function rankingsJson(r: RankingsResponse) {
  return {
    period: r.period,
    asOf: r.asOf,
    method: r.method,
    weights: r.weights,
    units: r.units.map((u) => ({
      unit: u.unit,
      kind: u.kind,
      rank: u.rank,
      score: u.score,
      indicators: Object.fromEntries(
        INDICATOR_KEYS.map((k) => {
          const i = u.indicators[k];
          return [k, { num: i.num, den: i.den, rate: round(i.rate, 4), low: round(i.low, 4), high: round(i.high, 4), meetsTarget: i.meetsTarget, weight: i.weight, points: i.points }];
        }),
      ),
      missing: u.missing,
    })),
  };
}

const KIND_ZH = { town: "镇（街道）", department: "区直部门" } as const;
/**
 * The explained rankings sheet (ledger/reports/rankings-layout.ts, the same layout the task pane writes), on A4 as
 * every sheet (the layout keeps it readable there).
 */
export function rankingsWorkbook(r: RankingsResponse): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, rankingsLayout(r, "both"));
  return wb;
}

function rankingsText(r: RankingsResponse): string {
  const out: string[] = [];
  for (const kind of ["town", "department"] as const) {
    const units = r.units.filter((u) => u.kind === kind);
    if (units.length === 0) continue;
    out.push(`\n${KIND_ZH[kind]} ${kind === "town" ? "Towns/streets" : "Departments"} — ${r.period}\n`);
    for (const u of units) {
      const misses = INDICATOR_KEYS.filter((k) => u.indicators[k].meetsTarget === false).map((k) => INDICATORS[k].zh);
      out.push(`${String(u.rank ?? "-").padStart(3)}  ${String(u.score ?? "—").padStart(5)}  ${u.unit}${misses.length ? `  未达标 missed: ${misses.join("、")}` : ""}\n`);
    }
  }
  return out.join("");
}

export const run = reportCommand<RankingsResponse>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.request<RankingsResponse>("GET", PATHS.rankings(period.label, asOf)),
  json: rankingsJson,
  text: rankingsText,
  workbook: { build: rankingsWorkbook, wrote: (r) => `${r.units.length} 个单位 units` },
});
