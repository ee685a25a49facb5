import type { HeaderResult } from "../header.ts";
import type { Locale } from "../messages.ts";
import { sheetColumnLetter, type ColumnPlaces } from "../sheet-columns.ts";
import { RULE_ISSUE_SEVERITY, type RuleIssue, type RuleIssueCode } from "./rule-issues.ts";
import { ruleIssueMessage, type RuleIssueParams } from "./rule-messages.ts";

/** A column of a routing rule sheet: what header detection needs, plus its English name for messages. */
export interface RuleColumn<K extends string> {
  key: K;
  header: string;
  headerEn: string;
  synonyms: readonly string[];
}

/** A rule sheet has two columns, so two recognised headers make its header row (the ledger needs three). */
export const RULE_SHEET_MIN_MATCHES = 2;

/** Several names in one cell ("物价纠纷、知识产权", "樟脚村、樟脚新村"): each is a rule of its own. */
export const LIST_SEPARATORS = /[、,，;；\s]+/;

/** What reading one rule sheet needs for every row: each column's name and letter, and how an issue is made. */
export interface RuleSheetReader<K extends string> {
  cell(row: readonly unknown[] | undefined, key: K): unknown;
  issue(row: number, key: K, code: RuleIssueCode, params?: Omit<RuleIssueParams, "header">): RuleIssue<K>;
}

export function ruleSheetReader<K extends string>(
  header: HeaderResult<K>,
  columns: readonly RuleColumn<K>[],
  o: { locale: Locale; columnPlaces?: ColumnPlaces },
): RuleSheetReader<K> {
  // Messages name a column as the coordinator's sheet writes it, as the ledger's do.
  const label = (key: K) => {
    const c = header.columns[key];
    if (c !== undefined && header.labels[c]) return header.labels[c].replace(/\s+/g, "");
    const spec = columns.find((x) => x.key === key)!;
    return o.locale === "en" ? spec.headerEn : spec.header;
  };
  return {
    cell: (row, key) => {
      const c = header.columns[key];
      return c === undefined ? undefined : row?.[c];
    },
    issue: (row, key, code, params = {}) => {
      const c = header.columns[key];
      return {
        row, column: c === undefined ? null : sheetColumnLetter(c, o.columnPlaces), key, code,
        severity: RULE_ISSUE_SEVERITY[code],
        message: ruleIssueMessage(code, { header: label(key), ...params }, o.locale),
      };
    },
  };
}
