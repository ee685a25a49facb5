/**
 * The statistics report filed upward (行政争议调解工作统计月报; 季报 / 年报 for a quarter or a year) as offices print
 * it: one A4 portrait page with the title, 填报单位 and 填报日期, 统计期间, the period's figures overall, by source
 * and by domain, what each figure counts, and the 审核人 / 填表人 / 联系电话 lines to sign by hand.
 */
import type { Stats, StatsFigures, StatsLine } from "../api/stats.ts";
import { parsePeriod } from "../period.ts";
import { pct, say, type Grid, type GridCell, type GridMerge, type SheetLocale } from "./grid.ts";
import { groupLabel } from "./stats-layout.ts";

export interface MonthlyReportOptions {
  /** 填报单位; left as a line to fill in when not known. */
  filer?: string;
  /** 填报日期, "YYYY-MM-DD". */
  filedOn: string;
}

const COLS = 8;
/** Label column plus seven figures: about 80 character widths, inside A4 portrait's printable width at 100 %. */
const WIDTHS = [18, 8, 8, 8, 9, 10, 9, 11];
const BLANK = "____________";
/** A signature line: short enough that each of the three fits its cells on one line. */
const SIGN = "__________";

export function monthlyReportSheetName(period: string): string {
  const kind = parsePeriod(period).kind;
  return `${kind === "month" ? "月报" : kind === "quarter" ? "季报" : "年报"} ${period}`;
}

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function periodText(label: string, locale: SheetLocale): string {
  const p = parsePeriod(label);
  const last = new Date(Date.parse(`${p.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return say(locale, `${zhDate(p.start)}至${zhDate(last)}`, `${p.start} to ${last}`);
}

export function monthlyReportLayout(s: Stats, locale: SheetLocale, o: MonthlyReportOptions): Grid {
  const t = (zh: string, en: string) => say(locale, zh, en);
  // "填报单位：…" but "Filed by: …"
  const c = locale === "en" ? ": " : "：";
  const h = (zh: string, en: string) => say(locale, zh, en, "\n");
  const kind = parsePeriod(s.period).kind;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const span = (col: number, cols: number) => merges.push({ row: rows.length, col, rows: 1, cols });
  const line = (text: string, style: GridCell["style"]) => {
    span(0, COLS);
    // The form's title is centred over the page, as offices print it.
    rows.push([{ v: text, style, ...(style === "title" ? { align: "center" as const } : {}) }]);
  };
  const filer = o.filer ?? (s.group.kind === "unit" ? s.group.name ?? undefined : undefined);

  line(kind === "month" ? t("行政争议调解工作统计月报", "Administrative dispute mediation: monthly statistics")
    : kind === "quarter" ? t("行政争议调解工作统计季报", "Administrative dispute mediation: quarterly statistics")
    : t("行政争议调解工作统计年报", "Administrative dispute mediation: annual statistics"), "title");
  span(0, 5);
  span(5, 3);
  const pair = (left: string, right: string): GridCell[] => [{ v: left, style: "subtitle" }, ...Array.from({ length: 4 }, () => ({ v: null })), { v: right, style: "subtitle" }];
  rows.push(pair(`${t("填报单位", "Filed by")}${c}${filer ?? `${BLANK}${t("（盖章）", " (seal)")}`}`, `${t("填报日期", "Filed on")}${c}${locale === "en" ? o.filedOn : zhDate(o.filedOn)}`));
  span(0, 5);
  span(5, 3);
  rows.push(pair(`${t("统计期间", "Period")}${c}${periodText(s.period, locale)}`, `${t("统计范围", "Units")}${c}${groupLabel(s, locale)}`));

  const header = (first: string) => rows.push([first, h("收案", "Received"), h("受理", "Accepted"), h("办结", "Concluded"), h("调解成功", "Successes"), h("调解不成功", "Failures"), h("在办", "Open"), h("成功率", "Success rate")].map((v) => ({ v, style: "header" as const })));
  const figures = (label: string, f: StatsFigures, style: "cell" | "header" = "cell"): GridCell[] => [
    { v: label, style, align: style === "cell" ? "left" : undefined },
    ...[f.received, f.accepted, f.concluded, f.successes, f.failures, f.open].map((n) => ({ v: n, style })),
    f.successRate === null ? { v: "—", style } : { v: f.successRate, style, format: "0.0%", shown: pct(f.successRate) },
  ];
  const section = (title: string, first: string, lines: StatsLine[]) => {
    line(title, "heading");
    header(first);
    for (const l of lines) rows.push(figures(l.label, l));
    rows.push(figures(h("合计", "Total"), s.totals, "header"));
  };

  line(t("一、总体情况", "1. Overall"), "heading");
  header(h("项目", "Item"));
  rows.push(figures(t("本期", "This period"), s.totals));
  section(t("二、按案件来源", "2. By source"), h("案件来源", "Source"), s.bySource);
  section(t("三、按纠纷领域", "3. By domain"), h("纠纷领域", "Domain"), s.byDomain);
  line(t(
    "说明：收案、受理按收案日期计；办结、调解成功、调解不成功按结案日期计；调解不成功为调解不成与终止之和（撤回、移送裁判不计）；成功率 = 调解成功 ÷（调解成功 + 调解不成功）；在办为期末仍在调解的已受理案件。各项与考评排名的口径一致。",
    "Received and accepted count by received date; concluded, successes and failures by close date; failures are 调解不成 plus 终止 (撤回 and 移送裁判 excluded); success rate = successes ÷ (successes + failures); open: accepted cases still in mediation at the period's end. Counted as the rankings count."), "note");
  rows.push([]);
  span(0, 3);
  span(3, 2);
  span(5, 3);
  rows.push([{ v: `${t("审核人", "Reviewed by")}${c}${SIGN}`, style: "subtitle" }, { v: null }, { v: null }, { v: `${t("填表人", "Prepared by")}${c}${SIGN}`, style: "subtitle" }, { v: null },
    { v: `${t("联系电话", "Phone")}${c}${SIGN}`, style: "subtitle" }]);
  return { name: monthlyReportSheetName(s.period), rows, merges, widths: [...WIDTHS], page: { orientation: "portrait" } };
}
