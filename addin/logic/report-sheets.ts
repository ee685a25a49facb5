/** Coordinator and Rankings pages: the server's flags and rankings as sheets we own. */
import type { Locale } from "../../ledger/messages.ts";
import type { Rankings } from "../../ledger/api/assessment.ts";
import type { Flag } from "../../ledger/api/flags.ts";
import { INDICATOR_KEYS, INDICATORS } from "../../ledger/api/indicators.ts";
import { parsePeriod } from "../../ledger/period.ts";
import { SEVERITY_FILL, TARGET_MISS_FILL } from "../excel/colours.ts";
import type { CellValue, ReportSheet } from "../excel/ledger-workbook.ts";

export const FLAGS_SHEET = "预警清单";

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const SEVERITY_TEXT = { high: { zh: "高", en: "High" }, medium: { zh: "中", en: "Medium" }, low: { zh: "低", en: "Low" } } as const;
const SEVERITY_COLOUR = { high: SEVERITY_FILL.error, medium: SEVERITY_FILL.warning, low: "#E7E6E6" } as const;

export function flagsReport(flags: readonly Flag[], locale: Locale): ReportSheet {
  const en = locale === "en";
  // Within a severity and unit, what runs out soonest comes first (flags without a due day after them).
  const sorted = [...flags].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.unit.localeCompare(b.unit, "zh-CN")
      || (dueDay(a) || "\uffff").localeCompare(dueDay(b) || "\uffff") || (a.caseNo ?? "").localeCompare(b.caseNo ?? ""),
  );
  const rows: CellValue[][] = sorted.map((f) => [
    en ? SEVERITY_TEXT[f.severity].en : SEVERITY_TEXT[f.severity].zh,
    f.unit,
    f.caseNo ?? (en ? "(unit)" : "（单位）"),
    en ? f.message.en : f.message.zh,
    f.code,
    dueDay(f),
  ]);
  return {
    name: FLAGS_SHEET,
    tableName: "TiaojieFlags",
    headers: en ? ["Severity", "Unit", "Case no.", "Flag", "Code", "Due"] : ["级别", "单位", "案件编号", "预警内容", "代码", "到期日"],
    rows,
    fills: sorted.map((f, i) => [i, 0, SEVERITY_COLOUR[f.severity]] as const),
  };
}

/** The day the flag is about running out: the case's time limit, the commitment's due day or the confirmation deadline. */
function dueDay(f: Flag): string {
  const d = f.facts.dueOn ?? f.facts.commitmentDue ?? f.facts.deadline;
  return typeof d === "string" ? d : "";
}

/** "2026-Q3", "2026-07", "2026": the period syntax of ledger/period.ts. */
export function isPeriod(p: string): boolean {
  try {
    return parsePeriod(p).label === p;
  } catch {
    return false;
  }
}

/** Picker choices, newest first: this and the last 4 quarters, the last 6 months, this and last year. */
export function periodOptions(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarters: string[] = [];
  for (let i = 0, y = year, q = Math.ceil(month / 3); i < 5; i++) {
    quarters.push(`${y}-Q${q}`);
    if (--q === 0) (q = 4), y--;
  }
  const months: string[] = [];
  for (let i = 0, y = year, m = month; i < 6; i++) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    if (--m === 0) (m = 12), y--;
  }
  return [...quarters, ...months, String(year), String(year - 1)];
}

export function rankingsSheetName(period: string): string {
  return `考评排名 ${period}`;
}

const pct = (x: number | null) => (x === null ? "" : `${(x * 100).toFixed(1)}%`);

/**
 * One row per unit (towns, then departments, each by rank). Every rate comes with its numerator/denominator
 * and 95 % interval; a rate below its target is filled red. The chart plots the composite score.
 */
export function rankingsReport(rankings: Rankings, locale: Locale): ReportSheet {
  const en = locale === "en";
  const units = [...rankings.units].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === "town" ? -1 : 1) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.localeCompare(b.unit, "zh-CN"),
  );
  const headers: string[] = en ? ["Rank", "Unit", "Kind", "Composite score"] : ["排名", "单位", "类别", "综合得分"];
  for (const k of INDICATOR_KEYS) {
    const name = en ? INDICATORS[k].en : INDICATORS[k].zh;
    headers.push(name, en ? `${name} n/N` : `${name} 分子/分母`, en ? `${name} 95% CI` : `${name} 95%区间`);
  }
  const fills: [number, number, string][] = [];
  const numberFormats: Record<number, string> = { 3: "0.0" };
  const rows: CellValue[][] = units.map((u, r) => {
    const row: CellValue[] = [u.rank, u.unit, en ? (u.kind === "town" ? "Town/street" : "Department") : u.kind === "town" ? "镇街" : "区直部门", u.score];
    INDICATOR_KEYS.forEach((k, i) => {
      const v = u.indicators[k];
      const col = 4 + i * 3;
      const isReview = k === "review";
      row.push(v.rate === null ? null : isReview ? Math.round(v.rate * 1000) / 10 : v.rate);
      row.push(`${v.num}/${v.den}`);
      row.push(v.low === null || v.high === null ? "" : isReview ? `${(v.low * 100).toFixed(1)}–${(v.high * 100).toFixed(1)}` : `${pct(v.low)}–${pct(v.high)}`);
      numberFormats[col] = isReview ? "0.0" : "0.0%";
      if (v.meetsTarget === false) fills.push([r, col, TARGET_MISS_FILL]);
    });
    return row;
  });
  return {
    name: rankingsSheetName(rankings.period),
    tableName: `TiaojieRanking_${rankings.period.replace(/-/g, "_")}`,
    headers,
    rows,
    fills,
    numberFormats,
    chart: { title: en ? `Composite score ${rankings.period}` : `综合得分 ${rankings.period}`, labelColumn: 1, valueColumn: 3 },
  };
}
