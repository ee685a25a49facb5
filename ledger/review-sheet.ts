/**
 * The case-file quality review sheet (案件质量评查表, DOMAIN §4): one row per reviewed case — case number, unit,
 * reviewer, review date, a score in each of the eight dimensions the policy names, deductions with their reasons,
 * and the total. Recognised by its header like the roster and the visit record, read with the ledger's own
 * normalisers (dates as the ledger reads them, 公文 dates included; full-width digits), checked row by row. The same
 * reading runs in the add-in, the CLI and the Worker (which reads the pushed cells again).
 */
import { dataRowIndexes } from "./data-rows.ts";
import { detectHeader, type Catalogue, type HeaderResult } from "./header.ts";
import { issueMessage, type Locale } from "./messages.ts";
import { normaliseDate } from "./normalise/date.ts";
import { normaliseText } from "./normalise/text.ts";
import { sheetColumnLetter, type ColumnPlaces } from "./sheet-columns.ts";
import { cleanText, rawText } from "./text.ts";
import { matchTown } from "./visits.ts";

/**
 * The eight dimensions and the most each may score; the maxima sum to 100. The one place these live: the
 * validator, the Worker's per-dimension report, the CLI and the pane all read them from here.
 */
export const REVIEW_DIMENSIONS = [
  { key: "evidence", zh: "证据审查和采信", en: "Evidence examined and admitted", max: 15, synonyms: ["证据审查与采信", "证据审查及采信", "证据审查", "证据采信"] },
  { key: "facts", zh: "事实认定", en: "Findings of fact", max: 15, synonyms: ["认定事实", "事实认定情况"] },
  { key: "law", zh: "法律适用", en: "Application of law", max: 15, synonyms: ["适用法律", "法律法规适用"] },
  { key: "procedure", zh: "办案程序", en: "Procedure", max: 15, synonyms: ["程序规范", "办案程序规范"] },
  { key: "documents", zh: "文书制作和使用", en: "Documents drafted and used", max: 10, synonyms: ["文书制作与使用", "文书制作及使用", "文书制作", "法律文书"] },
  { key: "reasoning", zh: "释法说理", en: "Explaining the law", max: 10, synonyms: ["释法析理", "说理"] },
  { key: "effect", zh: "办案效果", en: "Outcome", max: 10, synonyms: ["案件效果", "社会效果"] },
  { key: "responsibility", zh: "落实司法责任制", en: "Accountability in practice", max: 10, synonyms: ["司法责任制落实", "司法责任制", "责任制落实"] },
] as const;

export type ReviewDimension = (typeof REVIEW_DIMENSIONS)[number]["key"];
export const REVIEW_DIMENSION_KEYS = REVIEW_DIMENSIONS.map((d) => d.key) as [ReviewDimension, ...ReviewDimension[]];
export const REVIEW_MAX_TOTAL = 100;

/** 结果转化: a case whose latest review totals less than this is flagged review_failed until a review reaches it. */
export const REVIEW_PASS_MARK = 60;

export const REVIEW_KEYS = ["caseNo", "unit", "reviewer", "reviewedOn", ...REVIEW_DIMENSION_KEYS, "deduction", "deductionReason", "total"] as const;
export type ReviewKey = (typeof REVIEW_KEYS)[number];

interface ReviewColumn {
  key: ReviewKey;
  header: string;
  headerEn: string;
  synonyms: readonly string[];
}

export const REVIEW_COLUMNS: readonly ReviewColumn[] = [
  { key: "caseNo", header: "案件编号", headerEn: "Case no.", synonyms: ["编号", "案号", "登记编号", "收案编号", "被评查案件编号"] },
  { key: "unit", header: "承办单位", headerEn: "Unit", synonyms: ["被评查单位", "办理单位", "责任单位", "所属镇（街道）", "镇街", "单位"] },
  { key: "reviewer", header: "评查人", headerEn: "Reviewer", synonyms: ["评查人员", "评查员", "评查组", "评查人姓名"] },
  { key: "reviewedOn", header: "评查日期", headerEn: "Review date", synonyms: ["评查时间", "日期"] },
  ...REVIEW_DIMENSIONS.map((d) => ({ key: d.key, header: d.zh, headerEn: d.en, synonyms: d.synonyms })),
  { key: "deduction", header: "扣分", headerEn: "Deductions", synonyms: ["扣分分值", "其他扣分", "扣减分"] },
  { key: "deductionReason", header: "扣分理由", headerEn: "Reasons for deductions", synonyms: ["扣分原因", "扣分说明", "扣分情况", "扣分依据"] },
  { key: "total", header: "总分", headerEn: "Total", synonyms: ["得分", "评查得分", "合计得分", "总得分"] },
];

export const REVIEW_CATALOGUE: Catalogue<ReviewKey> = { columns: REVIEW_COLUMNS };

/** Issue codes of a review row: the ledger's where the mistake is the same, and their own. */
export const REVIEW_ISSUE_SEVERITY = {
  required: "error",
  invalid_date: "error",
  future_date: "error",
  too_long: "error",
  unknown_unit: "error",
  // A score that is no number ("良", "十五").
  invalid_score: "error",
  // A score below 0 or above its dimension's maximum; a deduction larger than the scores.
  score_out_of_range: "error",
  // The total the sheet gives is not the dimensions' sum less the deductions: which one is right is not ours to guess.
  total_mismatch: "error",
  // Points taken off with no reason given: the unit cannot put right what it is not told.
  deduction_reason_missing: "error",
  // The same case reviewed on the same day twice in one sheet: the later row is not stored.
  duplicate_review: "error",
  // Checked by the Worker: the case is not in that unit's ledger.
  case_not_found: "error",
} as const;
export type ReviewIssueCode = keyof typeof REVIEW_ISSUE_SEVERITY;

export interface ReviewIssue {
  /** Excel row number (1-based). */
  row: number;
  /** Column letter, or null when the sheet has no such column. */
  column: string | null;
  key: ReviewKey;
  code: ReviewIssueCode;
  severity: "error" | "warning";
  message: string;
}

/** One review as stored. `total` is the sheet's total when given (and equal), else computed. */
export interface Review {
  row: number;
  caseNo: string;
  unit: string;
  reviewer: string;
  reviewedOn: string;
  scores: Record<ReviewDimension, number>;
  deduction: number;
  deductionReason: string | null;
  total: number;
}

export interface ReviewRowResult {
  row: number;
  /** Null when the row has an error: nothing of it is stored. */
  review: Review | null;
  issues: ReviewIssue[];
}

export interface ReviewSheetResult {
  header: HeaderResult<ReviewKey>;
  rows: ReviewRowResult[];
  issues: ReviewIssue[];
  reviews: Review[];
}

export interface ReviewCheckOptions {
  locale?: Locale;
  /** The configured units; when given, any other unit is unknown_unit. */
  units?: readonly string[];
  /** YYYY-MM-DD; a later review date is future_date. */
  today?: string;
}

export const MAX_REVIEW_TEXT = 2_000;
const TOLERANCE = 0.005;
const round2 = (n: number) => Math.round(n * 100) / 100;

const q = (v: string) => `“${v}”`;
const qe = (v: string) => `"${v}"`;
const fmt = (n: number) => String(round2(n));

type OwnCode = Exclude<ReviewIssueCode, "required" | "invalid_date" | "future_date" | "too_long">;

function ownMessage(code: OwnCode, p: { header: string; value?: string; max?: number; expected?: number; firstRow?: number; allowed?: readonly string[] }, locale: Locale): string {
  const en = locale === "en";
  switch (code) {
    case "invalid_score":
      return en
        ? `"${p.header}" ${qe(p.value ?? "")} is not a score; enter a number from 0 to ${p.max}.`
        : `「${p.header}」${q(p.value ?? "")}不是分数，请填写 0–${p.max} 之间的数字。`;
    case "score_out_of_range":
      return en
        ? `"${p.header}" ${qe(p.value ?? "")} is outside 0–${p.max}; this column scores at most ${p.max} points.`
        : `「${p.header}」${q(p.value ?? "")}超出 0–${p.max} 分，该项满分 ${p.max} 分，请核对。`;
    case "total_mismatch":
      return en
        ? `"${p.header}" ${qe(p.value ?? "")} does not match the scores: the eight dimensions less the deductions make ${fmt(p.expected!)}. Correct the total or the scores (or leave the total blank to have it computed).`
        : `「${p.header}」${q(p.value ?? "")}与各项得分不符：八项得分合计减扣分应为 ${fmt(p.expected!)} 分，请核对总分或各项得分（总分留空则自动计算）。`;
    case "deduction_reason_missing":
      return en
        ? `${p.value} points are deducted but "${p.header}" is empty; say why, so the unit knows what to put right.`
        : `扣分 ${p.value} 分，但「${p.header}」为空，请写明扣分理由，便于被评查单位整改。`;
    case "duplicate_review":
      return en
        ? `Row ${p.firstRow} already reviews this case on the same day; this row was not stored. Delete one of the rows or correct the date.`
        : `与第${p.firstRow}行是同一案件同一天的评查，本行未保存；请删去其中一行或更正评查日期。`;
    case "unknown_unit":
      return en
        ? `"${p.header}" ${qe(p.value ?? "")} is not a configured unit; choose one of: ${(p.allowed ?? []).join(", ")}.`
        : `「${p.header}」${q(p.value ?? "")}不是已登记的单位，请从以下选择：${(p.allowed ?? []).join("、")}。`;
    case "case_not_found":
      return en
        ? `"${p.header}" ${qe(p.value ?? "")} is not in the ledger pushed by that unit; check the case number and the unit (the unit must push its ledger with this case first).`
        : `「${p.header}」${q(p.value ?? "")}不在该单位上报的台账中，请核对案件编号和承办单位（须先由该单位推送含此案件的台账）。`;
  }
}

/** The message for case_not_found, which only the Worker can decide. */
export function caseNotFoundIssue(row: number, column: string | null, caseNo: string, locale: Locale): ReviewIssue {
  const header = locale === "en" ? "Case no." : "案件编号";
  return { row, column, key: "caseNo", code: "case_not_found", severity: "error", message: ownMessage("case_not_found", { header, value: caseNo }, locale) };
}

/**
 * A score as reviewers write it: a number, "12", "12.5", "１２", "12分". Null for an empty cell, NaN for text that
 * is no number. A leading minus stays, so a negative score is out of range, not unreadable.
 */
export function readScore(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
  if (typeof v === "object" && v !== null && "result" in v) return readScore((v as { result: unknown }).result);
  const s = cleanText(v).replace(/\s+/g, "").replace(/分$/, "");
  if (s === "") return null;
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

/** Reads and checks one review row, whatever it came from (a sheet, or a push's cells by key). */
export function validateReviewRecord(
  row: number,
  cell: (key: ReviewKey) => unknown,
  o: ReviewCheckOptions & { label: (key: ReviewKey) => string; column: (key: ReviewKey) => string | null },
): ReviewRowResult {
  const locale = o.locale ?? "zh-CN";
  const issues: ReviewIssue[] = [];
  const add = (key: ReviewKey, code: ReviewIssueCode, message: string) =>
    issues.push({ row, column: o.column(key), key, code, severity: REVIEW_ISSUE_SEVERITY[code], message });
  const shared = (key: ReviewKey, code: "required" | "invalid_date" | "future_date" | "too_long", params: { value?: string; length?: number; max?: number; today?: string; noSuchDay?: { year: number; month: number; days: number } } = {}) =>
    add(key, code, issueMessage(code, { header: o.label(key), ...params }, locale));
  const own = (key: ReviewKey, code: OwnCode, p: { value?: string; max?: number; expected?: number; allowed?: readonly string[] } = {}) =>
    add(key, code, ownMessage(code, { header: o.label(key), ...p }, locale));

  const text = (key: "caseNo" | "reviewer") => {
    const t = normaliseText(cell(key));
    const v = t.ok && t.value ? t.value : null;
    if (v === null) shared(key, "required");
    else if (v.length > 100) {
      shared(key, "too_long", { length: v.length, max: 100 });
      return null;
    }
    return v;
  };
  const caseNo = text("caseNo");

  let unit: string | null = null;
  const unitText = normaliseText(cell("unit"));
  if (!unitText.ok || !unitText.value) shared("unit", "required");
  else if (o.units) {
    unit = matchTown(unitText.value, o.units);
    if (unit === null) own("unit", "unknown_unit", { value: unitText.value, allowed: o.units });
  } else unit = unitText.value.replace(/\s+/g, "");

  const reviewer = text("reviewer");

  let reviewedOn: string | null = null;
  const date = normaliseDate(cell("reviewedOn"));
  if (!date.ok) shared("reviewedOn", "invalid_date", { value: date.raw, ...(date.noSuchDay ? { noSuchDay: date.noSuchDay } : {}) });
  else if (date.value === null) shared("reviewedOn", "required");
  else if (o.today && date.value > o.today) shared("reviewedOn", "future_date", { value: date.value, today: o.today });
  else reviewedOn = date.value;

  const scores = {} as Record<ReviewDimension, number>;
  let scoresOk = true;
  for (const d of REVIEW_DIMENSIONS) {
    const raw = cell(d.key);
    const s = readScore(raw);
    if (s === null) {
      shared(d.key, "required");
      scoresOk = false;
    } else if (Number.isNaN(s)) {
      own(d.key, "invalid_score", { value: rawText(raw), max: d.max });
      scoresOk = false;
    } else if (s < 0 || s > d.max) {
      own(d.key, "score_out_of_range", { value: rawText(raw), max: d.max });
      scoresOk = false;
    } else scores[d.key] = s;
  }
  const sum = scoresOk ? round2(REVIEW_DIMENSIONS.reduce((a, d) => a + scores[d.key], 0)) : null;

  // Deductions are points taken off; "-2" is read as 2 off, the way reviewers often write it.
  let deduction = 0;
  let deductionOk = true;
  const rawDeduction = cell("deduction");
  const ded = readScore(rawDeduction);
  if (ded !== null) {
    if (Number.isNaN(ded)) {
      own("deduction", "invalid_score", { value: rawText(rawDeduction), max: REVIEW_MAX_TOTAL });
      deductionOk = false;
    } else if (sum !== null && Math.abs(ded) > sum + TOLERANCE) {
      own("deduction", "score_out_of_range", { value: rawText(rawDeduction), max: sum });
      deductionOk = false;
    } else deduction = round2(Math.abs(ded));
  }
  let deductionReason: string | null = cleanText(cell("deductionReason")) || null;
  if (deductionReason !== null && deductionReason.length > MAX_REVIEW_TEXT) {
    shared("deductionReason", "too_long", { length: deductionReason.length, max: MAX_REVIEW_TEXT });
    deductionReason = null;
  } else if (deduction > 0 && deductionReason === null) {
    own("deductionReason", "deduction_reason_missing", { value: fmt(deduction) });
  }

  let total: number | null = sum !== null && deductionOk ? round2(sum - deduction) : null;
  const rawTotal = cell("total");
  const given = readScore(rawTotal);
  if (given !== null) {
    if (Number.isNaN(given)) own("total", "invalid_score", { value: rawText(rawTotal), max: REVIEW_MAX_TOTAL });
    else if (total !== null && Math.abs(given - total) > TOLERANCE) own("total", "total_mismatch", { value: rawText(rawTotal), expected: total });
  }

  const ok = !issues.some((i) => i.severity === "error");
  return {
    row,
    review: ok ? { row, caseNo: caseNo!, unit: unit!, reviewer: reviewer!, reviewedOn: reviewedOn!, scores, deduction, deductionReason, total: total! } : null,
    issues,
  };
}

const catalogueLabel = (key: ReviewKey, locale: Locale) => {
  const spec = REVIEW_COLUMNS.find((x) => x.key === key)!;
  return locale === "en" ? spec.headerEn : spec.header;
};

/** The same case reviewed on the same day twice: the later rows are refused. */
function markDuplicates(rows: ReviewRowResult[], locale: Locale, label: (key: ReviewKey) => string, column: (key: ReviewKey) => string | null): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    if (!r.review) continue;
    const key = `${r.review.unit}\u0000${r.review.caseNo}\u0000${r.review.reviewedOn}`;
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, r.row);
      continue;
    }
    r.issues.push({
      row: r.row, column: column("reviewedOn"), key: "reviewedOn", code: "duplicate_review", severity: "error",
      message: ownMessage("duplicate_review", { header: label("reviewedOn"), firstRow: seen }, locale),
    });
    r.review = null;
  }
}

function collect(header: HeaderResult<ReviewKey>, rows: ReviewRowResult[]): ReviewSheetResult {
  return { header, rows, issues: rows.flatMap((r) => r.issues), reviews: rows.flatMap((r) => (r.review ? [r.review] : [])) };
}

/** A review sheet: its header found, every data row read and checked; null when the grid has no review header. */
export function validateReviewSheet(
  grid: readonly (readonly unknown[])[],
  options: ReviewCheckOptions & { header?: HeaderResult<ReviewKey>; columnPlaces?: ColumnPlaces } = {},
): ReviewSheetResult | null {
  const header = options.header ?? detectHeader(grid, { catalogue: REVIEW_CATALOGUE });
  if (!header) return null;
  const locale = options.locale ?? "zh-CN";
  const label = (key: ReviewKey) => {
    const c = header.columns[key];
    return c !== undefined && header.labels[c] ? header.labels[c].replace(/\s+/g, "") : catalogueLabel(key, locale);
  };
  const column = (key: ReviewKey) => {
    const c = header.columns[key];
    return c === undefined ? null : sheetColumnLetter(c, options.columnPlaces);
  };
  const rows = dataRowIndexes(grid, header).map((r) =>
    validateReviewRecord(r + 1, (key) => {
      const c = header.columns[key];
      return c === undefined ? undefined : grid[r][c];
    }, { ...options, locale, label, column }),
  );
  markDuplicates(rows, locale, label, column);
  return collect(header, rows);
}

/** Pushed review rows (cells by key, the sheet's row numbers and column letters), read exactly as the sheet would be. */
export function validateReviewRecords(
  rows: readonly { row: number; values: Partial<Record<ReviewKey, unknown>> }[],
  o: ReviewCheckOptions & { columns?: Partial<Record<ReviewKey, string>> },
): ReviewRowResult[] {
  const locale = o.locale ?? "zh-CN";
  const label = (key: ReviewKey) => catalogueLabel(key, locale);
  const column = (key: ReviewKey) => o.columns?.[key] ?? null;
  const out = rows.map((r) => validateReviewRecord(r.row, (key) => r.values[key], { ...o, locale, label, column }));
  markDuplicates(out, locale, label, column);
  return out;
}

const mapped = (h: { columns: object } | null) => (h ? Object.keys(h.columns).length : 0);

/**
 * Whether a sheet is a 案件质量评查表: its header names the case number and at least four of the eight dimensions,
 * and more review columns than the case ledger's header detection finds there (a ledger names 案件编号 and 承办单位 too).
 */
export function looksLikeReviewSheet(grid: readonly (readonly unknown[])[]): boolean {
  const h = detectHeader(grid, { catalogue: REVIEW_CATALOGUE });
  if (!h || h.columns.caseNo === undefined) return false;
  if (REVIEW_DIMENSION_KEYS.filter((k) => h.columns[k] !== undefined).length < 4) return false;
  return mapped(h) > mapped(detectHeader(grid));
}
