/**
 * The circuit visit record (巡回指导记录, DOMAIN §3): one row per visit of a gold mentor to a town or street —
 * date, mentor, town, what was done, problems found. Recognised by its header like the roster, read with the
 * ledger's own normalisers (dates as the ledger reads them, 公文 Chinese-numeral dates included), checked row by row.
 * The same reading runs in the add-in, the CLI and the Worker (which reads the pushed cells again).
 */
import { dataRowIndexes } from "./data-rows.ts";
import { detectHeader, type Catalogue, type HeaderResult } from "./header.ts";
import { issueMessage, type Locale } from "./messages.ts";
import { normaliseDate } from "./normalise/date.ts";
import { normaliseText } from "./normalise/text.ts";
import { ROSTER_CATALOGUE } from "./roster.ts";
import { sheetColumnLetter, type ColumnPlaces } from "./sheet-columns.ts";
import { cleanText } from "./text.ts";

export const VISIT_KEYS = ["date", "mentor", "town", "content", "problems"] as const;
export type VisitKey = (typeof VISIT_KEYS)[number];

interface VisitColumn {
  key: VisitKey;
  header: string;
  headerEn: string;
  synonyms: readonly string[];
  required: boolean;
}

export const VISIT_COLUMNS: readonly VisitColumn[] = [
  { key: "date", header: "日期", headerEn: "Date", synonyms: ["指导日期", "巡回日期", "走访日期", "到访日期", "巡回指导日期", "指导时间", "时间"], required: true },
  { key: "mentor", header: "导师", headerEn: "Mentor", synonyms: ["指导人", "巡回导师", "导师姓名", "指导老师", "指导人员", "金牌调解员"], required: true },
  { key: "town", header: "镇（街道）", headerEn: "Town/street", synonyms: ["镇街", "乡镇（街道）", "乡镇", "街道", "所属镇（街道）", "指导镇（街道）", "巡回地点", "指导地点"], required: true },
  { key: "content", header: "指导内容", headerEn: "What was done", synonyms: ["工作内容", "指导情况", "巡回内容", "主要内容", "指导事项"], required: false },
  { key: "problems", header: "发现问题", headerEn: "Problems found", synonyms: ["存在问题", "发现的问题", "问题及建议", "问题"], required: false },
];

export const VISIT_CATALOGUE: Catalogue<VisitKey> = { columns: VISIT_COLUMNS };

/** Issue codes of a visit row: the ledger's where the mistake is the same, and three of its own. */
export const VISIT_ISSUE_SEVERITY = {
  required: "error",
  invalid_date: "error",
  future_date: "error",
  too_long: "error",
  // A visit counts for rotation only when we know which gold mentor made it and which town got it.
  unknown_mentor: "error",
  unknown_town: "error",
  // The same mentor at the same town on the same day twice: counted once; likely a copied row.
  duplicate_visit: "warning",
} as const;
export type VisitIssueCode = keyof typeof VISIT_ISSUE_SEVERITY;

export interface VisitIssue {
  /** Excel row number (1-based). */
  row: number;
  /** Column letter, or null when the sheet has no such column. */
  column: string | null;
  key: VisitKey;
  code: VisitIssueCode;
  severity: "error" | "warning";
  message: string;
}

/** One visit as stored: a cell naming two mentors (a team visit, "张三、李四") is two visits. */
export interface Visit {
  row: number;
  visitedOn: string;
  mentor: string;
  town: string;
  content: string | null;
  problems: string | null;
}

export interface VisitRowResult {
  row: number;
  /** Empty when the row has an error: nothing of it is stored. */
  visits: Visit[];
  issues: VisitIssue[];
}

export interface VisitSheetResult {
  header: HeaderResult<VisitKey>;
  rows: VisitRowResult[];
  issues: VisitIssue[];
  visits: Visit[];
}

export interface VisitCheckOptions {
  locale?: Locale;
  /** Names of the active gold mentors; when given, any other name is unknown_mentor. */
  mentors?: readonly string[];
  /** Names two active gold mentors share: which one visited is not ours to guess (unknown_mentor, said so). */
  sameName?: readonly string[];
  /** The configured towns and streets; when given, any other place is unknown_town. */
  towns?: readonly string[];
  /** YYYY-MM-DD; a later visit date is future_date. */
  today?: string;
}

/** A long note is fine; a pasted document is not (the same bound as a ledger's free-text cells). */
export const MAX_VISIT_TEXT = 2_000;
const MENTOR_SEPARATORS = /[、,，;；/\s]+/;
const TOWN_SUFFIXES = ["街道办事处", "人民政府", "街道", "镇"];

const q = (v: string) => `“${v}”`;
const qe = (v: string) => `"${v}"`;

function ownMessage(code: "unknown_mentor" | "unknown_town" | "duplicate_visit" | "same_name", p: { header: string; value: string; allowed?: readonly string[]; firstRow?: number }, locale: Locale): string {
  const allowed = (p.allowed ?? []).join(locale === "en" ? ", " : "、");
  if (code === "same_name") {
    return locale === "en"
      ? `"${p.header}" ${qe(p.value)}: two active gold mediators on the roster have this name; tell them apart in the roster (e.g. add the unit to a name) and push both sheets again.`
      : `「${p.header}」${q(p.value)}：名册中有两位同名的在册金牌调解员，无法确定是哪一位；请先在名册中区分（如姓名后加单位），再推送名册和本表。`;
  }
  if (locale === "en") {
    if (code === "unknown_mentor") return `"${p.header}" ${qe(p.value)} is not an active gold mediator on the roster; check the name, or push the roster with this mentor first.${allowed ? ` Gold mentors: ${allowed}.` : ""}`;
    if (code === "unknown_town") return `"${p.header}" ${qe(p.value)} is not a configured town or street; choose one of: ${allowed}.`;
    return `Row ${p.firstRow} already records this visit (same date, mentor and town); it is counted once. Delete one of the rows.`;
  }
  if (code === "unknown_mentor") return `「${p.header}」${q(p.value)}不是名册中在册的金牌调解员，请核对姓名，或先推送包含此人的调解员名册。${allowed ? `金牌调解员：${allowed}。` : ""}`;
  if (code === "unknown_town") return `「${p.header}」${q(p.value)}不是已登记的镇（街道），请从以下选择：${allowed}。`;
  return `与第${p.firstRow}行是同一次指导（日期、导师、镇街相同），只计一次，请删去其中一行。`;
}

/** The configured town a cell names: its exact name, or its name without 镇/街道 ("涂岭" → 涂岭镇) when that is unique. */
export function matchTown(text: string, towns: readonly string[]): string | null {
  const t = text.replace(/\s+/g, "");
  if (towns.includes(t)) return t;
  const stem = (name: string) => {
    for (const s of TOWN_SUFFIXES) if (name.endsWith(s) && name.length > s.length) return name.slice(0, -s.length);
    return name;
  };
  const found = towns.filter((name) => stem(name) === stem(t));
  return found.length === 1 ? found[0] : null;
}

/** Reads and checks one visit row, whatever it came from (a sheet, or a push's cells by key). */
export function validateVisitRecord(
  row: number,
  cell: (key: VisitKey) => unknown,
  o: VisitCheckOptions & { label: (key: VisitKey) => string; column: (key: VisitKey) => string | null },
): VisitRowResult {
  const locale = o.locale ?? "zh-CN";
  const issues: VisitIssue[] = [];
  const add = (key: VisitKey, code: VisitIssueCode, message: string) =>
    issues.push({ row, column: o.column(key), key, code, severity: VISIT_ISSUE_SEVERITY[code], message });
  const shared = (key: VisitKey, code: "required" | "invalid_date" | "future_date" | "too_long", params: { value?: string; length?: number; max?: number; today?: string; noSuchDay?: { year: number; month: number; days: number } } = {}) =>
    add(key, code, issueMessage(code, { header: o.label(key), ...params }, locale));

  let visitedOn: string | null = null;
  const date = normaliseDate(cell("date"));
  if (!date.ok) shared("date", "invalid_date", { value: date.raw, ...(date.noSuchDay ? { noSuchDay: date.noSuchDay } : {}) });
  else if (date.value === null) shared("date", "required");
  else if (o.today && date.value > o.today) shared("date", "future_date", { value: date.value, today: o.today });
  else visitedOn = date.value;

  const mentors: string[] = [];
  const mentorText = normaliseText(cell("mentor"));
  if (mentorText.ok && mentorText.value) {
    for (const name of mentorText.value.split(MENTOR_SEPARATORS)) {
      if (!name || mentors.includes(name)) continue;
      if (o.sameName?.includes(name)) add("mentor", "unknown_mentor", ownMessage("same_name", { header: o.label("mentor"), value: name }, locale));
      else if (o.mentors && !o.mentors.includes(name)) add("mentor", "unknown_mentor", ownMessage("unknown_mentor", { header: o.label("mentor"), value: name, allowed: o.mentors }, locale));
      else mentors.push(name);
    }
  }
  if (mentors.length === 0 && !issues.some((i) => i.key === "mentor")) shared("mentor", "required");

  let town: string | null = null;
  const townText = normaliseText(cell("town"));
  if (!townText.ok || !townText.value) shared("town", "required");
  else if (o.towns) {
    town = matchTown(townText.value, o.towns);
    if (town === null) add("town", "unknown_town", ownMessage("unknown_town", { header: o.label("town"), value: townText.value, allowed: o.towns }, locale));
  } else town = townText.value.replace(/\s+/g, "");

  const text = (key: "content" | "problems"): string | null => {
    const v = cleanText(cell(key));
    if (v.length > MAX_VISIT_TEXT) {
      shared(key, "too_long", { length: v.length, max: MAX_VISIT_TEXT });
      return null;
    }
    return v === "" ? null : v;
  };
  const content = text("content");
  const problems = text("problems");

  const ok = !issues.some((i) => i.severity === "error");
  return {
    row,
    visits: ok ? mentors.map((mentor) => ({ row, visitedOn: visitedOn!, mentor, town: town!, content, problems })) : [],
    issues,
  };
}

const catalogueLabel = (key: VisitKey, locale: Locale) => {
  const spec = VISIT_COLUMNS.find((x) => x.key === key)!;
  return locale === "en" ? spec.headerEn : spec.header;
};

/** The same visit (day, mentor, town) twice: the later rows are warned and counted once. */
function markDuplicates(rows: VisitRowResult[], locale: Locale, label: (key: VisitKey) => string, column: (key: VisitKey) => string | null): void {
  const first = new Map<string, number>();
  for (const r of rows) {
    const kept: Visit[] = [];
    for (const v of r.visits) {
      const key = `${v.visitedOn}\u0000${v.mentor}\u0000${v.town}`;
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, r.row);
        kept.push(v);
        continue;
      }
      if (seen === r.row) continue;
      r.issues.push({
        row: r.row, column: column("date"), key: "date", code: "duplicate_visit", severity: "warning",
        message: ownMessage("duplicate_visit", { header: label("date"), value: v.visitedOn, firstRow: seen }, locale),
      });
    }
    r.visits = kept;
  }
}

function collect(header: HeaderResult<VisitKey>, rows: VisitRowResult[]): VisitSheetResult {
  return { header, rows, issues: rows.flatMap((r) => r.issues), visits: rows.flatMap((r) => r.visits) };
}

/** A visit sheet: its header found, every data row read and checked; null when the grid has no visit header. */
export function validateVisitSheet(
  grid: readonly (readonly unknown[])[],
  options: VisitCheckOptions & { header?: HeaderResult<VisitKey>; columnPlaces?: ColumnPlaces } = {},
): VisitSheetResult | null {
  const header = options.header ?? detectHeader(grid, { catalogue: VISIT_CATALOGUE });
  if (!header) return null;
  const locale = options.locale ?? "zh-CN";
  const label = (key: VisitKey) => {
    const c = header.columns[key];
    return c !== undefined && header.labels[c] ? header.labels[c].replace(/\s+/g, "") : catalogueLabel(key, locale);
  };
  const column = (key: VisitKey) => {
    const c = header.columns[key];
    return c === undefined ? null : sheetColumnLetter(c, options.columnPlaces);
  };
  const rows = dataRowIndexes(grid, header).map((r) =>
    validateVisitRecord(r + 1, (key) => {
      const c = header.columns[key];
      return c === undefined ? undefined : grid[r][c];
    }, { ...options, locale, label, column }),
  );
  markDuplicates(rows, locale, label, column);
  return collect(header, rows);
}

/** Pushed visit rows (cells by key, the sheet's row numbers and column letters), read exactly as the sheet would be. */
export function validateVisitRecords(
  rows: readonly { row: number; values: Partial<Record<VisitKey, unknown>> }[],
  o: VisitCheckOptions & { columns?: Partial<Record<VisitKey, string>> },
): VisitRowResult[] {
  const locale = o.locale ?? "zh-CN";
  const label = (key: VisitKey) => catalogueLabel(key, locale);
  const column = (key: VisitKey) => o.columns?.[key] ?? null;
  const out = rows.map((r) => validateVisitRecord(r.row, (key) => r.values[key], { ...o, locale, label, column }));
  markDuplicates(out, locale, label, column);
  return out;
}

const mapped = (h: { columns: object } | null) => (h ? Object.keys(h.columns).length : 0);

/**
 * Whether a sheet is a 巡回指导记录: its header names the date, the mentor and the town, and more visit columns
 * than the case ledger's or the roster's header detection finds there.
 */
export function looksLikeVisits(grid: readonly (readonly unknown[])[]): boolean {
  const h = detectHeader(grid, { catalogue: VISIT_CATALOGUE });
  if (!h || h.columns.date === undefined || h.columns.mentor === undefined || h.columns.town === undefined) return false;
  return mapped(h) > Math.max(mapped(detectHeader(grid)), mapped(detectHeader(grid, { catalogue: ROSTER_CATALOGUE })));
}
