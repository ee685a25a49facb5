// `tiaojie trend --from 2026-01 --to 2026-06 [--by month|quarter] [--json] [--out FILE.xlsx] [--as-of DAY]`:
// each unit's composite score and rank per month or quarter (assessor, coordinator; a clerk gets their own unit).
// The workbook holds the units × periods table with a native line chart per kind, and the ranks and indicators.
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { INDICATOR_KEYS, INDICATORS } from "../../ledger/api/indicators.ts";
import type { Trend } from "../../ledger/api/trend.ts";
import { periodSpan, PeriodSpanError, TREND_GRANULARITIES, type TrendGranularity } from "../../ledger/period-span.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { asOfOption } from "../lib/period-options.ts";
import { fitColumnWidths, widenForTitle } from "../lib/sheet-fit.ts";
import { addCharts, type XlsxChart } from "../lib/xlsx-charts.ts";
import { THIN, headerRow } from "../lib/sheet-style.ts";
import { footerCodes, PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";

export const USAGE = `用法 Usage: tiaojie trend --from 2026-01 --to 2026-06 [--by month|quarter] [--json] [--out trend.xlsx] [--as-of 2026-07-01]
  考评趋势：各单位每月（或每季度）的综合得分和名次，每期按该期权重计算；最长 24 个月
  each unit's composite score and rank per month or quarter, each period scored with its own weights; at most 24 months
  --by quarter 时 --from/--to 可写 2026-Q1，或写整季度的首月/末月 with --by quarter, write 2026-Q1 or whole quarters' months
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token; a clerk sees their own unit)`;

const KIND_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const KIND = { town: "镇（街道） Towns/streets", department: "区直部门 Departments" } as const;
const pct = (x: number | null) => (x == null ? "—" : `${(x * 100).toFixed(1)}%`);

export function trendSheetName(t: Trend): string {
  return `考评趋势 ${t.from}至${t.to}`;
}

/** Rows a chart takes below the table (about 7 cm at the default row height). */
const CHART_ROWS = 18;

/**
 * The workbook and the charts to add to its first sheet: the units × periods score table, towns then departments,
 * each kind with its own chart below the table; a second sheet lists rank and every indicator per unit and period.
 */
export function trendWorkbook(t: Trend): { workbook: ExcelJS.Workbook; sheet: string; charts: XlsxChart[] } {
  const wb = new ExcelJS.Workbook();
  const name = trendSheetName(t);
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
  const periods = t.periods.map((p) => p.period);
  const cols = 2 + periods.length;
  const title = `考评趋势（${t.from} 至 ${t.to}，${t.by === "month" ? "按月" : "按季度"}） Trend by ${t.by}`;
  ws.mergeCells(1, 1, 1, Math.max(cols, 6));
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, Math.max(cols, 6));
  ws.getCell(2, 1).value = `统计截至 As of：${t.asOf}　综合得分 0–100，每期按该期的权重计算；空白＝该期无可计分的数据 blank = nothing to score`;
  ws.getCell(2, 1).alignment = { horizontal: "center", wrapText: true };
  ws.getRow(2).height = 30;
  headerRow(ws, 4, ["单位\nUnit", "类别\nKind", ...periods], { height: 32 });
  ws.views = [{ state: "frozen", ySplit: 4, xSplit: 1 }];
  const charts: XlsxChart[] = [];
  let n = 5;
  for (const kind of ["town", "department"] as const) {
    const lines = t.units.filter((u) => u.kind === kind);
    if (lines.length === 0) continue;
    const first = n;
    for (const u of lines) {
      const row = ws.getRow(n++);
      row.values = [u.unit, KIND[kind].split(" ")[0], ...u.points.map((p) => p.score ?? null)];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        c.border = THIN;
        if (col === 2) c.fill = KIND_FILL;
        if (col > 2) {
          c.numFmt = "0.0";
          c.alignment = { horizontal: "center" };
        }
      });
    }
    charts.push({
      title: `综合得分趋势 — ${KIND[kind]}`,
      categories: { first: { row: 4, col: 3 }, labels: periods },
      series: lines.map((u, i) => ({ name: u.unit, nameCell: { row: first + i, col: 1 }, first: { row: first + i, col: 3 }, values: u.points.map((p) => p.score) })),
      from: { row: 0, col: 1 },
      to: { row: 0, col: 1 },
      valueAxis: { title: "得分 Score", min: 0, max: 100 },
    });
  }
  if (t.units.length === 0) ws.getCell(5, 1).value = "（没有可显示的单位） No units to show";
  fitColumnWidths(ws, { fromRow: 4, min: 9, max: 30 });
  widenForTitle(ws, Math.max(cols, 6), title, 15);
  // The charts go below the table, one under the other, as wide as the table (at least 10 columns).
  let top = n + 1;
  for (const c of charts) {
    c.from = { row: top, col: 1 };
    c.to = { row: top + CHART_ROWS, col: Math.max(cols, 10) + 1 };
    top += CHART_ROWS + 1;
  }

  const detail = wb.addWorksheet("名次与指标 Ranks", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
  headerRow(detail, 1, ["单位\nUnit", "期间\nPeriod", "得分\nScore", "名次\nRank", ...INDICATOR_KEYS.map((k) => `${INDICATORS[k].zh}\n${INDICATORS[k].en}`)], { height: 45 });
  detail.views = [{ state: "frozen", ySplit: 1, xSplit: 1 }];
  let d = 2;
  for (const u of t.units) {
    for (const p of u.points) {
      const row = detail.getRow(d++);
      row.values = [
        u.unit, p.period, p.score == null ? "—" : p.score.toFixed(1), p.rank == null ? "未参评" : `${p.rank}/${p.ranked}`,
        ...INDICATOR_KEYS.map((k) => {
          const v = p.indicators[k];
          if (v.rate == null) return "—";
          return k === "review" ? `${(v.rate * 100).toFixed(1)}（${v.den / 100} 份）` : `${pct(v.rate)}（${v.num}/${v.den}）`;
        }),
      ];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        c.border = THIN;
        if (col > 1) c.alignment = { horizontal: "center" };
      });
    }
  }
  fitColumnWidths(detail, { fromRow: 1, min: 8, max: 30 });
  return { workbook: wb, sheet: name, charts };
}

/** The .xlsx bytes: exceljs writes the cells, xlsx-charts adds the charts. */
export async function trendXlsx(t: Trend): Promise<Uint8Array> {
  const { workbook, sheet, charts } = trendWorkbook(t);
  return addCharts(new Uint8Array(await workbook.xlsx.writeBuffer()), [{ sheet, charts }]);
}

export function formatTrend(t: Trend): string {
  const periods = t.periods.map((p) => p.period);
  const lines = [`考评趋势 Trend ${t.from} – ${t.to}（${t.by === "month" ? "按月 by month" : "按季度 by quarter"}；统计截至 as of ${t.asOf}）`];
  for (const kind of ["town", "department"] as const) {
    const units = t.units.filter((u) => u.kind === kind);
    if (units.length === 0) continue;
    lines.push("", `${KIND[kind]}        ${periods.map((p) => p.padStart(9)).join("")}`);
    for (const u of units) lines.push(`  ${u.unit}\n${" ".repeat(20)}${u.points.map((p) => (p.score == null ? "—" : `${p.score.toFixed(1)}#${p.rank}`).padStart(9)).join("")}`);
  }
  if (t.units.length === 0) lines.push("", "没有可显示的单位 No units to show");
  return lines.join("\n") + "\n";
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseOptions(args, {
      from: { type: "string" },
      to: { type: "string" },
      by: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      "as-of": { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (!values.from || !values.to) throw new UsageError("需要 --from 和 --to（如 --from 2026-01 --to 2026-06） Missing --from and --to (e.g. --from 2026-01 --to 2026-06)");
    if (values.by !== undefined && !(TREND_GRANULARITIES as readonly string[]).includes(values.by)) {
      throw new UsageError(`--by 须为 month 或 quarter：“${values.by}” --by must be month or quarter: "${values.by}"`);
    }
    const by = values.by as TrendGranularity | undefined;
    let periods;
    try {
      periods = periodSpan(values.from, values.to, by);
    } catch (e) {
      if (e instanceof PeriodSpanError) throw new UsageError(e.message.replaceAll("by=quarter", "--by quarter").replaceAll("by=month", "--by month"));
      throw e;
    }
    const asOf = asOfOption(values["as-of"]);
    const c = connection(values);
    const t = await createClient(c.url, c.token).trend({ from: periods[0].label, to: periods.at(-1)!.label, by: periods[0].kind === "quarter" ? "quarter" : "month", asOf });
    if (values.out) {
      await writeFile(values.out, await trendXlsx(t));
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${t.units.length} 个单位 units × ${t.periods.length} 期 periods）\n`);
    }
    if (values.json) process.stdout.write(JSON.stringify(t) + "\n");
    else if (!values.out) process.stdout.write(formatTrend(t));
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
