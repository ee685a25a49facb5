import { CHOICE_VARIANTS, DOMAINS, type Domain } from "../choices.ts";
import { dataRowIndexes } from "../data-rows.ts";
import { detectHeader, type Catalogue, type HeaderResult } from "../header.ts";
import type { Locale } from "../messages.ts";
import { normaliseChoice } from "../normalise/choice.ts";
import { cleanText } from "../text.ts";
import type { ColumnPlaces } from "../sheet-columns.ts";
import type { RuleIssue } from "./rule-issues.ts";
import { LIST_SEPARATORS, RULE_SHEET_MIN_MATCHES, ruleSheetReader, type RuleColumn } from "./rule-sheet.ts";

/**
 * The coordinator's domain sheet (纠纷领域 | 主管部门): which department is in charge of each domain (DOMAIN §6).
 * Pushed, it replaces DEFAULT_DOMAIN_DEPARTMENTS whole.
 */
export type DomainRuleKey = "domain" | "department";

export const DOMAIN_RULE_COLUMNS: readonly RuleColumn<DomainRuleKey>[] = [
  { key: "domain", header: "纠纷领域", headerEn: "Domain", synonyms: ["领域", "案件类别", "纠纷类型", "争议类型", "纠纷类别", "重点领域"] },
  // Not 责任单位: ledgers use it for the unit handling a case (承办单位), and a ledger must not read as a rule sheet.
  { key: "department", header: "主管部门", headerEn: "Department in charge", synonyms: ["主管单位", "责任部门", "牵头部门", "牵头单位", "职能部门", "行业主管部门"] },
];

export const DOMAIN_RULE_CATALOGUE: Catalogue<DomainRuleKey> = { columns: DOMAIN_RULE_COLUMNS };

/** A department's name is a unit's name: the same limit as a ledger's unit cell. */
const MAX_NAME = 100;

export interface DomainRule {
  domain: Domain;
  department: string;
}

export interface DomainSheetResult {
  header: HeaderResult<DomainRuleKey>;
  rows: { row: number; rules: DomainRule[]; issues: RuleIssue<DomainRuleKey>[] }[];
  issues: RuleIssue<DomainRuleKey>[];
  /**
   * Domain → department, or null when the sheet has an error. The sheet replaces the map whole, so a sheet read in
   * part would quietly leave a domain without its department; it is fixed and pushed again instead.
   */
  map: Partial<Record<Domain, string>> | null;
}

export interface DomainSheetOptions {
  locale?: Locale;
  /** The configured departments; when given, a department outside them is unknown_unit. */
  departments?: readonly string[];
  header?: HeaderResult<DomainRuleKey>;
  columnPlaces?: ColumnPlaces;
}

/** Reads a domain sheet row by row; null when the grid has no 纠纷领域 | 主管部门 header. */
export function validateDomainSheet(grid: readonly (readonly unknown[])[], options: DomainSheetOptions = {}): DomainSheetResult | null {
  const header = options.header ?? detectHeader(grid, { catalogue: DOMAIN_RULE_CATALOGUE, minMatches: RULE_SHEET_MIN_MATCHES });
  if (!header) return null;
  const read = ruleSheetReader(header, DOMAIN_RULE_COLUMNS, { locale: options.locale ?? "zh-CN", columnPlaces: options.columnPlaces });
  const known = options.departments ? new Set(options.departments) : null;
  const firstRowOf = new Map<Domain, number>();
  const map: Partial<Record<Domain, string>> = {};
  const rows: DomainSheetResult["rows"] = [];
  const all: RuleIssue<DomainRuleKey>[] = [];
  for (const r of dataRowIndexes(grid, header)) {
    const row = r + 1;
    const cells = grid[r];
    const issues: RuleIssue<DomainRuleKey>[] = [];
    const department = cleanText(read.cell(cells, "department"));
    if (department === "") issues.push(read.issue(row, "department", "required"));
    else if (department.length > MAX_NAME) issues.push(read.issue(row, "department", "too_long", { length: department.length, max: MAX_NAME }));
    else if (known && !known.has(department)) issues.push(read.issue(row, "department", "unknown_unit", { value: department, allowed: [...known] }));
    const domains: Domain[] = [];
    const text = cleanText(read.cell(cells, "domain"));
    if (text === "") issues.push(read.issue(row, "domain", "required"));
    for (const part of text.split(LIST_SEPARATORS)) {
      if (!part) continue;
      const d = normaliseChoice(part, DOMAINS, CHOICE_VARIANTS.domain);
      if (!d.ok || d.value === null) {
        issues.push(read.issue(row, "domain", "invalid_choice", { value: part, allowed: DOMAINS }));
        continue;
      }
      const domain = d.value as Domain;
      const first = firstRowOf.get(domain);
      if (first !== undefined) issues.push(read.issue(row, "domain", "duplicate_domain", { value: domain, firstRow: first }));
      else {
        firstRowOf.set(domain, row);
        domains.push(domain);
      }
    }
    const ok = !issues.some((i) => i.severity === "error");
    const rules = ok ? domains.map((domain) => ({ domain, department })) : [];
    for (const rule of rules) map[rule.domain] = rule.department;
    rows.push({ row, rules, issues });
    all.push(...issues);
  }
  return { header, rows, issues: all, map: all.some((i) => i.severity === "error") ? null : map };
}
