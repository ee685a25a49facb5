// `tiaojie stats --period 2026-05 [--group town|department|zone:<片区>] [--json] [--out FILE.xlsx]`: 诉源分析 — the
// cross-tables (domain × unit, respondent agency × domain, source × outcome, stage × outcome) with a chart each,
// the month-by-month trend, and the 月报 as offices file it upward (A4 portrait). Counted as the rankings count.
import { todayInChina } from "../../ledger/clock.ts";
import type { Stats } from "../../ledger/api/stats.ts";
import type { Locale } from "../../ledger/messages.ts";
import { monthlyReportData, type MonthlyReportData } from "../../ledger/reports/monthly-report-data.ts";
import { monthlyReportLayout } from "../../ledger/reports/monthly-report-layout.ts";
import type { OfficeLetterhead } from "../../ledger/api/office-profile.ts";
import { letterhead } from "../lib/report-command.ts";
import { groupLabel, statsLayouts } from "../../ledger/reports/stats-layout.ts";
import { pct } from "../../ledger/reports/grid.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { periodOption } from "../lib/period-options.ts";

export const USAGE = `用法 Usage: tiaojie stats --period 2026-05 [--group town|department|zone:<片区>] [--json] [--out stats.xlsx]
  诉源分析：纠纷领域 × 单位、被申请人 × 领域、来源 × 结果、阶段 × 结果（各带合计和图表），逐月趋势，以及统计月报
  cross-tables with totals and charts, the month-by-month trend, and the monthly report (月报) to file upward
  --period  统计期间：2026-05（月）、2026-Q2（季度）或 2026（年） month, quarter or year
  --group   单位范围：town 镇街、department 区直部门、zone:北片 某片区；不写为全区 units: towns, departments or a zone (default: the district)
  --filer   月报的填报单位（不写则用报表落款，未设则留空待填） the 填报单位 (default: the office's letterhead, else a line to fill)
  --locale  en：工作表用英文 sheets in English (default: Chinese)
  --json    输出接口返回的 JSON print the API's JSON
  --out     写出统计工作簿：交叉表、趋势表和月报（月报另取本年累计和上年同期的数字）
            write the cross-tables, the trend and the 月报 (which also fetches the year so far and last year's period)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; a coordinator or assessor token, or a clerk's for the own unit)`;

/** The sheets --out writes: the cross-tables and the trend, then the 月报 (dated today, China time). */
export function statsGrids(d: MonthlyReportData, o: { locale?: Locale; filer?: string; filedOn?: string; office?: OfficeLetterhead } = {}) {
  const locale = o.locale ?? "zh-CN";
  return [...statsLayouts(d.stats, locale), monthlyReportLayout(d, locale, { filer: o.filer, office: o.office, filedOn: o.filedOn ?? todayInChina() })];
}

function statsText(s: Stats): string {
  const f = s.totals;
  const rate = f.successRate === null ? "—" : `${pct(f.successRate)}（${f.successes}/${f.successes + f.failures}）`;
  const lines = [
    `诉源分析 Statistics ${s.period}（${groupLabel(s, "zh-CN")}，${s.units.length} 个单位 units）`,
    `收案 received ${f.received} · 受理 accepted ${f.accepted} · 办结 concluded ${f.concluded} · 调解成功 successes ${f.successes} · 调解不成功 failures ${f.failures} · 在办 open ${f.open} · 成功率 success ${rate}`,
  ];
  const top = (rows: string[], totals: number[]) => rows.map((r, i) => [r, totals[i]] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([r, n]) => `${r} ${n}`).join("、") || "—";
  lines.push(`收案最多的领域 top domains: ${top(s.tables.domainByUnit.rows, s.tables.domainByUnit.rowTotals)}`);
  lines.push(`收案最多的被申请人 top respondents: ${top(s.tables.respondentByDomain.rows, s.tables.respondentByDomain.rowTotals)}`);
  return lines.join("\n") + "\n";
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseOptions(args, {
      period: { type: "string" },
      group: { type: "string" },
      filer: { type: "string" },
      locale: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
    });
    const period = periodOption(values.period);
    if (values.group !== undefined && !/^(town|department|zone:.+)$/.test(values.group.trim())) {
      throw new UsageError(`--group 须为 town、department 或 zone:<片区名>：“${values.group}” --group must be town, department or zone:<zone>: "${values.group}"`);
    }
    if (values.locale !== undefined && values.locale !== "en" && values.locale !== "zh-CN") throw new UsageError(`--locale 须为 zh-CN 或 en：“${values.locale}” --locale must be zh-CN or en`);
    const c = connection(values);
    const client = createClient(c.url, c.token);
    const group = values.group?.trim();
    const s = await client.stats(period.label, group);
    if (values.out) {
      // The 月报's 本年累计 and 同比 need the year so far and last year's period: a few more requests of the same kind.
      const data = await monthlyReportData(s, (p) => client.stats(p, group));
      // 填报单位, 填表人 and 联系电话 as the coordinator set them; a Worker that cannot say leaves lines to fill by hand.
      const office = await letterhead(client);
      const grids = statsGrids(data, { locale: values.locale as Locale | undefined, filer: values.filer, office });
      await writeGridWorkbook(grids, values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${grids.length} 张工作表 sheets：${grids.map((g) => g.name).join("、")}）\n`);
    }
    if (values.json) process.stdout.write(JSON.stringify(s) + "\n");
    else if (!values.out) process.stdout.write(statsText(s));
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
