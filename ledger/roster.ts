import { z } from "zod";
import { CHOICE_VARIANTS, DOMAINS } from "./choices.ts";
import { dataRowIndexes } from "./data-rows.ts";
import { detectHeader, type Catalogue, type HeaderResult } from "./header.ts";
import { ISSUE_SEVERITY, type IssueCode } from "./issue-codes.ts";
import { issueMessage, type IssueParams, type Locale } from "./messages.ts";
import { normaliseChoice } from "./normalise/choice.ts";
import { normaliseCount } from "./normalise/count.ts";
import type { Normalised } from "./normalise/result.ts";
import { normaliseText } from "./normalise/text.ts";
import { normaliseYesNo } from "./normalise/yes-no.ts";
import { normalisePhone } from "./phone.ts";
import { sheetColumnLetter, type ColumnPlaces } from "./sheet-columns.ts";

/** The mediator roster (调解员名册, DOMAIN §3). */
export const TIERS = ["金牌调解员", "星牌调解员", "普通调解员", "特邀调解员"] as const;
export const BACKGROUNDS = ["法律专家", "律师", "仲裁员", "退休法官", "人大代表", "政协委员", "村两委", "社会贤达", "其他"] as const;
const TIER_VARIANTS: Record<string, string> = { 金牌: "金牌调解员", 星牌: "星牌调解员", 普通: "普通调解员", 特邀: "特邀调解员", 一般: "普通调解员" };
const BACKGROUND_VARIANTS: Record<string, string> = { 专家: "法律专家", 法官: "退休法官", 人大: "人大代表", 政协: "政协委员", 村干部: "村两委", 乡贤: "社会贤达" };

export const ROSTER_KEYS = ["name", "tier", "background", "unit", "expertise", "capacity", "active", "phone"] as const;
export type RosterKey = (typeof ROSTER_KEYS)[number];

interface RosterColumn {
  key: RosterKey;
  header: string;
  headerEn: string;
  synonyms: readonly string[];
  required: boolean;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: "name", header: "姓名", headerEn: "Name", synonyms: ["调解员姓名", "调解员"], required: true },
  { key: "tier", header: "级别", headerEn: "Tier", synonyms: ["等级", "调解员级别", "类别", "调解员类别"], required: true },
  { key: "background", header: "人才库类别", headerEn: "Background", synonyms: ["背景", "身份", "人员类别", "来源"], required: false },
  { key: "unit", header: "所属单位", headerEn: "Unit", synonyms: ["工作单位", "单位"], required: true },
  { key: "expertise", header: "擅长领域", headerEn: "Expertise", synonyms: ["专长领域", "专业领域", "擅长"], required: false },
  { key: "capacity", header: "每期承办能力", headerEn: "Capacity per period", synonyms: ["承办能力", "容量", "可带案件数", "帮带能力"], required: false },
  { key: "active", header: "是否在册", headerEn: "Active", synonyms: ["在册", "是否在职", "状态"], required: false },
  { key: "phone", header: "联系电话", headerEn: "Phone", synonyms: ["电话", "手机"], required: false },
];

export const ROSTER_CATALOGUE: Catalogue<RosterKey> = { columns: ROSTER_COLUMNS };

export const RosterRowSchema = z.object({
  name: z.string().min(1).max(100),
  tier: z.enum(TIERS),
  background: z.enum(BACKGROUNDS).nullable(),
  unit: z.string().min(1).max(100),
  expertise: z.array(z.enum(DOMAINS)),
  capacity: z.number().int().min(1),
  active: z.boolean(),
  phone: z.string().nullable(),
});
export type RosterRow = z.infer<typeof RosterRowSchema>;

export interface RosterIssue {
  row: number;
  column: string | null;
  key: RosterKey;
  code: IssueCode;
  severity: "error" | "warning";
  message: string;
}

export interface RosterResult {
  header: HeaderResult<RosterKey>;
  rows: { row: number; mediator: RosterRow | null; issues: RosterIssue[] }[];
  issues: RosterIssue[];
}

/** A mediator with no capacity given can take this many assignments per period. */
export const DEFAULT_CAPACITY = 3;
const LIST_SEPARATORS = /[、,，;；/\s]+/;

/** Reads a roster sheet: the same header detection, normalisers and issue codes as the case ledger. */
/** One row of a roster, read and checked; `mediator` is null when the row has an error. */
export interface RosterRecordResult {
  row: number;
  mediator: RosterRow | null;
  issues: RosterIssue[];
}

/**
 * Reads and checks one roster row, whatever it came from (a sheet, or a push's cells by key). `label` names a
 * column in messages, `column` its letter in the clerk's sheet.
 */
export function validateRosterRecord(
  row: number,
  cell: (key: RosterKey) => unknown,
  o: { locale: Locale; label: (key: RosterKey) => string; column: (key: RosterKey) => string | null },
): RosterRecordResult {
  const issues: RosterIssue[] = [];
  const add = (key: RosterKey, code: IssueCode, params: Omit<IssueParams, "header"> = {}) => {
    issues.push({
      row, column: o.column(key), key, code, severity: ISSUE_SEVERITY[code],
      message: issueMessage(code, { header: o.label(key), ...params }, o.locale),
    });
  };
  const take = <T>(key: RosterKey, n: Normalised<T>, code: IssueCode, allowed?: readonly string[]): T | null => {
    if (!n.ok) {
      add(key, code, { value: n.raw, allowed });
      return null;
    }
    if (n.value === null && ROSTER_COLUMNS.find((x) => x.key === key)!.required) add(key, "required");
    return n.value;
  };
  const name = take("name", normaliseText(cell("name")), "required");
  const tier = take("tier", normaliseChoice(cell("tier"), TIERS, TIER_VARIANTS), "invalid_choice", TIERS);
  const background = take("background", normaliseChoice(cell("background"), BACKGROUNDS, BACKGROUND_VARIANTS), "invalid_choice", BACKGROUNDS);
  const unit = take("unit", normaliseText(cell("unit")), "required");
  const capacity = take("capacity", normaliseCount(cell("capacity")), "invalid_number");
  const active = take("active", normaliseYesNo(cell("active")), "invalid_choice", ["是", "否"]);
  const phone = take("phone", normalisePhone(cell("phone")), "invalid_phone");
  const expertise: (typeof DOMAINS)[number][] = [];
  const text = normaliseText(cell("expertise"));
  if (text.ok && text.value) {
    for (const part of text.value.split(LIST_SEPARATORS)) {
      if (!part) continue;
      const d = normaliseChoice(part, DOMAINS, CHOICE_VARIANTS.domain);
      if (d.ok && d.value) {
        if (!expertise.includes(d.value as (typeof DOMAINS)[number])) expertise.push(d.value as (typeof DOMAINS)[number]);
      } else add("expertise", "invalid_choice", { value: part, allowed: DOMAINS });
    }
  }
  const ok = !issues.some((i) => i.severity === "error");
  return {
    row,
    mediator: ok
      ? { name: name!, tier: tier as RosterRow["tier"], background: background as RosterRow["background"], unit: unit!, expertise, capacity: capacity ?? DEFAULT_CAPACITY, active: active ?? true, phone }
      : null,
    issues,
  };
}

const catalogueLabel = (key: RosterKey, locale: Locale) => {
  const spec = ROSTER_COLUMNS.find((x) => x.key === key)!;
  return locale === "en" ? spec.headerEn : spec.header;
};

/** A roster sheet: its header found, every data row read and checked. */
export function validateRoster(
  grid: readonly (readonly unknown[])[],
  options: { locale?: Locale; header?: HeaderResult<RosterKey>; columnPlaces?: ColumnPlaces } = {},
): RosterResult | null {
  const header = options.header ?? detectHeader(grid, { catalogue: ROSTER_CATALOGUE });
  if (!header) return null;
  const locale = options.locale ?? "zh-CN";
  const label = (key: RosterKey) => {
    const c = header.columns[key];
    return c !== undefined && header.labels[c] ? header.labels[c] : catalogueLabel(key, locale);
  };
  const column = (key: RosterKey) => {
    const c = header.columns[key];
    return c === undefined ? null : sheetColumnLetter(c, options.columnPlaces);
  };
  const rows: RosterResult["rows"] = [];
  const all: RosterIssue[] = [];
  for (const r of dataRowIndexes(grid, header)) {
    const result = validateRosterRecord(r + 1, (key) => {
      const c = header.columns[key];
      return c === undefined ? undefined : grid[r][c];
    }, { locale, label, column });
    rows.push(result);
    all.push(...result.issues);
  }
  return { header, rows, issues: all };
}

/**
 * Pushed roster rows (cells by key, the sheet's row numbers and column letters), read exactly as the sheet would be:
 * the Worker's reading of a roster push, without rebuilding a sheet.
 */
export function validateRosterRecords(
  rows: readonly { row: number; values: Partial<Record<RosterKey, unknown>> }[],
  o: { locale: Locale; columns?: Partial<Record<RosterKey, string>> },
): RosterRecordResult[] {
  const label = (key: RosterKey) => catalogueLabel(key, o.locale);
  const column = (key: RosterKey) => o.columns?.[key] ?? null;
  return rows.map((r) => validateRosterRecord(r.row, (key) => r.values[key], { locale: o.locale, label, column }));
}

/** Whether a sheet is a roster rather than a case ledger: its header names more roster columns than case columns. */
export function looksLikeRoster(grid: readonly (readonly unknown[])[]): boolean {
  const roster = detectHeader(grid, { catalogue: ROSTER_CATALOGUE });
  if (!roster) return false;
  const cases = detectHeader(grid);
  const count = (h: { columns: object } | null) => (h ? Object.keys(h.columns).length : 0);
  return count(roster) > count(cases);
}
