/**
 * The statistics report filed upward (行政争议调解工作统计月报; 季报 / 年报 for a quarter or a year) as 统计报表 are
 * printed: one A4 portrait page, the title centred, 填报单位（盖章）and 填报日期, 统计期间, 单位：件; the main figures
 * with 本期 / 上年同期 / 同比 / 本年累计, then by source and by domain; what each figure counts; and the lines to sign
 * (单位负责人, 审核人, 填表人, 联系电话). The 填报单位, 填表人 and 联系电话 come from the office's profile when given,
 * and are blank lines to fill by hand otherwise.
 */
import type { OfficeLetterhead } from "../api/office-profile.ts";
import type { StatsFigures, StatsLine } from "../api/stats.ts";
import type { Locale } from "../messages.ts";
import { parsePeriod } from "../period.ts";
import { dayText, periodSpanText, periodText } from "./form-text.ts";
import { pct, say, type Grid, type GridCell, type GridMerge } from "./grid.ts";
import type { MonthlyReportData } from "./monthly-report-data.ts";
import { groupLabel } from "./stats-layout.ts";

export interface MonthlyReportOptions {
  /** 填报日期, "YYYY-MM-DD". */
  filedOn: string;
  /** 填报单位 typed for this report; before the office profile's. */
  filer?: string;
  /** The office's letterhead (GET /api/office-profile): 填报单位, 填表人 (its 联系人) and 联系电话. */
  office?: OfficeLetterhead;
}

const COLS = 9;
/**
 * The label column and eight figures, the fourth (收案 同比, "+100.0%" in bold) wider: 18.2 cm, inside A4 portrait's
 * 19 cm between the margins at full size.
 */
const WIDTHS = [18, 9, 9, 11, 9, 9, 9, 9, 9];
const BLANK = "____________";
/** Title, 填报单位 and 填报日期, 统计期间 and 统计范围 and 单位：件. */
const HEAD_ROWS = 3;
const SIGN = "________";

type Pair = readonly [zh: string, en: string];

export function monthlyReportSheetName(period: string, locale: Locale = "zh-CN"): string {
  const kind = parsePeriod(period).kind;
  const base: Pair = kind === "month" ? ["月报", "Monthly report"] : kind === "quarter" ? ["季报", "Quarterly report"] : ["年报", "Annual report"];
  return `${say(locale, base[0], base[1])} ${periodText(period, locale)}`;
}

/** 同比: (本期 − 上年同期) ÷ 上年同期; none when last year counted nothing (a rise from 0 is no percentage). */
export function yearOnYear(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}

const DASH = "—";
const signedPct = (x: number) => `${x > 0 ? "+" : ""}${pct(x)}`;

type Figure = keyof Omit<StatsFigures, "successRate">;
const INDICATORS: { key: Figure | "successRate"; name: Pair }[] = [
  { key: "received", name: ["收案数", "Received"] },
  { key: "accepted", name: ["受理数", "Accepted"] },
  { key: "concluded", name: ["办结数", "Concluded"] },
  { key: "successes", name: ["调解成功数", "Successes"] },
  { key: "failures", name: ["调解不成功数", "Failures"] },
  { key: "open", name: ["期末在办数", "Open at the end"] },
  { key: "successRate", name: ["调解成功率", "Success rate"] },
];

/** One line of a section: the period's figures, the year's so far and last year's. */
interface Compared {
  now: StatsFigures;
  ytd: StatsFigures;
  before: StatsFigures;
}

export function monthlyReportLayout(d: MonthlyReportData, locale: Locale, o: MonthlyReportOptions): Grid {
  const s = d.stats;
  const t = (zh: string, en: string) => say(locale, zh, en);
  const tp = (p: Pair) => say(locale, p[0], p[1]);
  // "填报单位：…" but "Filed by: …"
  const c = locale === "en" ? ": " : "：";
  const p = parsePeriod(s.period);
  const withYtd = p.kind !== "year";
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const span = (col: number, cols: number, rowsDown = 1) => merges.push({ row: rows.length, col, rows: rowsDown, cols });
  const line = (text: string, style: GridCell["style"]) => {
    span(0, COLS);
    // The form's title is centred over the page, as offices print it.
    rows.push([{ v: text, style, ...(style === "title" ? { align: "center" as const } : {}) }]);
  };
  const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const filer = blankToNull(o.filer) ?? blankToNull(o.office?.filingUnit) ?? (s.group.kind === "unit" ? s.group.name ?? undefined : undefined);
  const contact = blankToNull(o.office?.contact);
  const phone = blankToNull(o.office?.phone);

  const cell = (v: number, style: "cell" | "header"): GridCell => ({ v, style });
  const rateCell = (r: number | null, style: "cell" | "header"): GridCell => (r === null ? { v: DASH, style } : { v: r, style, format: "0.0%", shown: pct(r) });
  const changeCell = (now: number, before: number, style: "cell" | "header"): GridCell => {
    const x = yearOnYear(now, before);
    return x === null ? { v: DASH, style } : { v: x, style, format: "+0.0%;-0.0%;0.0%", shown: signedPct(x) };
  };
  // A rate's 同比 is the difference in percentage points, not a percentage of a percentage.
  const pointsCell = (now: number | null, before: number | null, style: "cell" | "header"): GridCell => {
    if (now === null || before === null) return { v: DASH, style };
    const x = Math.round((now - before) * 1000) / 10;
    const unit = t("个百分点", " pp");
    return { v: x, style, format: `+0.0"${unit}";-0.0"${unit}";0.0"${unit}"`, shown: `${x > 0 ? "+" : ""}${x.toFixed(1)}${unit}` };
  };

  line(p.kind === "month" ? t("行政争议调解工作统计月报", "Administrative dispute mediation: monthly statistics")
    : p.kind === "quarter" ? t("行政争议调解工作统计季报", "Administrative dispute mediation: quarterly statistics")
    : t("行政争议调解工作统计年报", "Administrative dispute mediation: annual statistics"), "title");
  const pair = (left: string, right: string): GridCell[] => {
    span(0, 5);
    span(5, 4);
    return [{ v: left, style: "subtitle" }, ...Array.from({ length: 4 }, () => ({ v: null })), { v: right, style: "subtitle" }];
  };
  // The seal goes beside the unit's name whether it is printed or written in by hand.
  rows.push(pair(`${t("填报单位", "Filed by")}${c}${filer ?? BLANK}${t("（盖章）", " (seal)")}`, `${t("填报日期", "Filed on")}${c}${dayText(o.filedOn, locale)}`));
  // 单位：件 at the right of the line above the table, as forms print it.
  span(0, 4);
  span(4, 3);
  span(7, 2);
  rows.push([{ v: `${t("统计期间", "Period")}${c}${periodText(s.period, locale)}`, style: "subtitle" }, { v: null }, { v: null }, { v: null },
    { v: `${t("统计范围", "Units")}${c}${groupLabel(s, locale)}`, style: "subtitle" }, { v: null }, { v: null },
    { v: `${t("单位", "Unit")}${c}${t("件", "cases")}`, style: "subtitle" }]);

  // 一、主要指标: an indicator a row; 本期, 上年同期, 同比 and (a month or quarter) 本年累计 across, each two columns wide.
  const heads: Pair[] = [["本期", "This period"], ["上年同期", "Last year"], ["同比", "Year on year"], ...(withYtd ? [["本年累计", "Year to date"] as Pair] : [])];
  const spans = withYtd ? [2, 2, 2, 2] : [3, 3, 2];
  const across = (label: GridCell, values: GridCell[]): GridCell[] => {
    const out: GridCell[] = [label];
    let col = 1;
    values.forEach((v, i) => {
      span(col, spans[i]);
      out.push(v, ...Array.from({ length: spans[i] - 1 }, () => ({ v: null })));
      col += spans[i];
    });
    return out;
  };
  // Each table's corner names its section (一、主要指标): no heading row of its own, so the form keeps to one page.
  rows.push(across({ v: t("一、主要指标", "1. Main figures"), style: "header" }, heads.map((h) => ({ v: tp(h), style: "header" as const }))));
  for (const ind of INDICATORS) {
    const label: GridCell = { v: tp(ind.name), style: "cell", align: "left" };
    if (ind.key === "successRate") {
      const values = [rateCell(s.totals.successRate, "cell"), rateCell(d.lastYear.totals.successRate, "cell"), pointsCell(s.totals.successRate, d.lastYear.totals.successRate, "cell")];
      rows.push(across(label, withYtd ? [...values, rateCell(d.yearToDate.totals.successRate, "cell")] : values));
    } else {
      const k = ind.key;
      const values = [cell(s.totals[k], "cell"), cell(d.lastYear.totals[k], "cell"), changeCell(s.totals[k], d.lastYear.totals[k], "cell")];
      rows.push(across(label, withYtd ? [...values, cell(d.yearToDate.totals[k], "cell")] : values));
    }
  }

  // 二、三: a row per source / domain; 收案 with 本年累计 and 同比, 办结 and 调解成功 with 本年累计 (a year: the figures).
  type Column = { group: Pair; sub?: Pair; value: (x: Compared, style: "cell" | "header") => GridCell };
  // Nine-wide columns: the English sub-headers are the short forms the note spells out, so each header is one line.
  const NOW: Pair = ["本期", "Period"];
  const YTD: Pair = ["本年累计", "YTD"];
  const YOY: Pair = ["同比", "YoY"];
  const columns: Column[] = withYtd
    ? [
      { group: ["收案数", "Received"], sub: NOW, value: (x, st) => cell(x.now.received, st) },
      { group: ["收案数", "Received"], sub: YTD, value: (x, st) => cell(x.ytd.received, st) },
      { group: ["收案数", "Received"], sub: YOY, value: (x, st) => changeCell(x.now.received, x.before.received, st) },
      { group: ["办结数", "Concluded"], sub: NOW, value: (x, st) => cell(x.now.concluded, st) },
      { group: ["办结数", "Concluded"], sub: YTD, value: (x, st) => cell(x.ytd.concluded, st) },
      { group: ["调解成功数", "Successes"], sub: NOW, value: (x, st) => cell(x.now.successes, st) },
      { group: ["调解成功数", "Successes"], sub: YTD, value: (x, st) => cell(x.ytd.successes, st) },
      { group: ["成功率", "Rate"], sub: NOW, value: (x, st) => rateCell(x.now.successRate, st) },
    ]
    : [
      { group: ["收案数", "Received"], sub: NOW, value: (x, st) => cell(x.now.received, st) },
      { group: ["收案数", "Received"], sub: YOY, value: (x, st) => changeCell(x.now.received, x.before.received, st) },
      ...(["accepted", "concluded", "successes", "failures", "open"] as const).map((k): Column => ({ group: INDICATORS.find((i) => i.key === k)!.name, value: (x, st) => cell(x.now[k], st) })),
      { group: ["成功率", "Rate"], value: (x, st) => rateCell(x.now.successRate, st) },
    ];
  const zero: StatsFigures = { received: 0, accepted: 0, concluded: 0, successes: 0, failures: 0, open: 0, successRate: null };
  const section = (title: Pair, now: StatsLine[], ytd: StatsLine[], before: StatsLine[]) => {
    // Two header rows: the figure over 本期 / 本年累计 / 同比; a column without those is one cell two rows high.
    const top: GridCell[] = [{ v: tp(title), style: "header" }];
    const sub: GridCell[] = [{ v: null, style: "header" }];
    span(0, 1, 2);
    columns.forEach((col, i) => {
      const startsGroup = i === 0 || columns[i - 1].group[0] !== col.group[0];
      if (!col.sub) span(i + 1, 1, 2);
      else if (startsGroup && columns.filter((x) => x.group[0] === col.group[0]).length > 1) span(i + 1, columns.filter((x) => x.group[0] === col.group[0]).length);
      top.push({ v: startsGroup ? tp(col.group) : null, style: "header" });
      sub.push({ v: col.sub ? tp(col.sub) : null, style: "header" });
    });
    rows.push(top, sub);
    const labels = [...now.map((l) => l.label), ...ytd.map((l) => l.label)].filter((l, i, all) => all.indexOf(l) === i);
    const find = (lines: StatsLine[], label: string) => lines.find((l) => l.label === label) ?? zero;
    for (const label of labels) {
      const x = { now: find(now, label), ytd: find(ytd, label), before: find(before, label) };
      rows.push([{ v: label, style: "cell", align: "left" }, ...columns.map((col) => col.value(x, "cell"))]);
    }
    const totals = { now: s.totals, ytd: d.yearToDate.totals, before: d.lastYear.totals };
    rows.push([{ v: t("合计", "Total"), style: "header" }, ...columns.map((col) => col.value(totals, "header"))]);
  };
  section(["二、按案件来源", "2. By source"], s.bySource, d.yearToDate.bySource, d.lastYear.bySource);
  section(["三、按纠纷领域", "3. By domain"], s.byDomain, d.yearToDate.byDomain, d.lastYear.byDomain);

  const lastMonth = p.kind === "month" ? p.label : p.kind === "quarter" ? `${p.label.slice(0, 4)}-${String(Number(p.label.slice(-1)) * 3).padStart(2, "0")}` : `${p.label}-12`;
  const ytdSpan = periodSpanText(`${p.label.slice(0, 4)}-01`, lastMonth, locale);
  line([
    t("说明：收案、受理按收案日期计，办结、调解成功、调解不成功（调解不成与终止，不含撤回、移送裁判）按结案日期计；成功率 = 调解成功 ÷（调解成功 + 调解不成功）；在办为期末仍在调解的已受理案件。",
      "Received, accepted: by received date; concluded, successes, failures (调解不成 + 终止): by close date. Success rate = successes ÷ (successes + failures). Open: accepted, in mediation at the end."),
    withYtd ? t(`本年累计为${ytdSpan}。`, ` YTD: ${ytdSpan}.`) : "",
    t("同比 =（本期 − 上年同期）÷ 上年同期，上年同期为 0 记“—”，成功率的同比为相差的百分点。口径与考评排名一致。",
      " YoY: change on last year's, “—” when it had none; for the rate, in percentage points. As the rankings count."),
  ].join(""), "note");
  // The four lines to sign on one row: the form stays one page with a （未填） row in each section.
  // English labels and lines a little shorter: each fits its two columns on one line.
  const signed = (label: string, name: string | undefined) => `${label}${c}${name ?? (locale === "en" ? SIGN.slice(2) : SIGN)}`;
  span(0, 2);
  span(2, 2);
  span(4, 2);
  span(6, 3);
  rows.push([{ v: signed(t("单位负责人", "Head"), undefined), style: "subtitle" }, { v: null },
    { v: signed(t("审核人", "Reviewer"), undefined), style: "subtitle" }, { v: null },
    { v: signed(t("填表人", "Preparer"), contact), style: "subtitle" }, { v: null },
    { v: signed(t("联系电话", "Phone"), phone), style: "subtitle" }]);
  return {
    name: monthlyReportSheetName(s.period, locale), rows, merges, widths: [...WIDTHS], page: { orientation: "portrait" },
    locale,
    // One page; the form's head (title, 填报单位, 统计期间, 单位) is what a second page would repeat, and stays in view.
    headerRows: { first: 0, last: HEAD_ROWS - 1 },
  };
}
