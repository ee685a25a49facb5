// `tiaojie trend --from 2026-01 --to 2026-06 [--by month|quarter] [--json] [--out FILE.xlsx] [--as-of DAY]`:
// each unit's composite score and rank per month or quarter (assessor, coordinator; a clerk gets their own unit).
// The workbook holds the units × periods table with a native line chart per kind, and the ranks and indicators.
import type { Trend } from "../../ledger/api/trend.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { periodSpan, PeriodSpanError, TREND_GRANULARITIES, type TrendGranularity } from "../../ledger/period-span.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { trendLayout } from "../../ledger/reports/trend-layout.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { gridWorkbookBytes, writeGridWorkbook } from "../lib/grid-workbook.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { asOfOption } from "../lib/period-options.ts";
import { letterhead, localeOption, type ReportOutput } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie trend --from 2026-01 --to 2026-06 [--by month|quarter] [--json] [--out trend.xlsx] [--as-of 2026-07-01] [--locale en]
  考评趋势：各单位每月（或每季度）的综合得分和名次，每期按该期权重计算；最长 24 个月
  each unit's composite score and rank per month or quarter, each period scored with its own weights; at most 24 months
  --by quarter 时 --from/--to 可写 2026-Q1，或写整季度的首月/末月 with --by quarter, write 2026-Q1 or whole quarters' months
  --locale en  工作表用英文 the sheets in English (default: Chinese)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token; a clerk sees their own unit)`;

const KIND = { town: "镇（街道） Towns/streets", department: "区直部门 Departments" } as const;

/**
 * The sheets (ledger/reports/trend-layout.ts, the ones the pane writes too): scores with a line chart per kind, ranks,
 * and every indicator per unit and period; more than 12 months come as one set per run of months.
 */
export function trendGrids(t: Trend, o: ReportOutput): Grid[] {
  return trendLayout(t, o.locale, { filedOn: o.filedOn, office: o.office });
}

/** The .xlsx bytes: exceljs writes the cells, xlsx-charts adds the charts. */
export function trendXlsx(t: Trend, o: ReportOutput): Promise<Uint8Array> {
  return gridWorkbookBytes(trendGrids(t, o));
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
      locale: { type: "string" },
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
    const output: ReportOutput = { locale: localeOption(values.locale), filedOn: todayInChina() };
    const c = connection(values);
    const client = createClient(c.url, c.token);
    // The letterhead for the sheets' form lines; blank lines when the Worker cannot say.
    if (values.out) output.office = await letterhead(client);
    const t = await client.trend({ from: periods[0].label, to: periods.at(-1)!.label, by: periods[0].kind === "quarter" ? "quarter" : "month", asOf });
    if (values.out) {
      await writeGridWorkbook(trendGrids(t, output), values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${t.units.length} 个单位 units × ${t.periods.length} 期 periods）\n`);
    }
    if (values.json) process.stdout.write(JSON.stringify(t) + "\n");
    else if (!values.out) process.stdout.write(formatTrend(t));
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
