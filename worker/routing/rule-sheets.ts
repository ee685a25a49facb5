/**
 * Server side of a rule-sheet push (PUT /api/routing/{domains|places}): the pushed cells are read again with
 * ledger/routing/ exactly as the pane and the CLI read the sheet, against the configured units. Pure: the route
 * loads the units and the service stores the result.
 */
import { columnIndex } from "../../ledger/columns.ts";
import type { Domain } from "../../ledger/choices.ts";
import type { HeaderResult } from "../../ledger/header.ts";
import type { Locale } from "../../ledger/messages.ts";
import { DOMAIN_RULE_COLUMNS, validateDomainSheet, type DomainRuleKey } from "../../ledger/routing/domain-sheet.ts";
import { PLACE_RULE_COLUMNS, validatePlaceSheet, type PlaceRuleKey, type Village } from "../../ledger/routing/place-sheet.ts";
import type { RuleIssue } from "../../ledger/routing/rule-issues.ts";
import type { RuleColumn } from "../../ledger/routing/rule-sheet.ts";

interface PushedSheet<K extends string> {
  locale: Locale;
  columns?: Partial<Record<K, string>>;
  rows: { row: number; values: Partial<Record<K, unknown>> }[];
}

/**
 * The pushed rows laid out as the sheet had them: each row at its own Excel row, under a header just above the first
 * one, the columns where the coordinator's letters say (so issues name the coordinator's cells). Rows stay sparse:
 * a row far down the sheet costs one entry, not the rows above it.
 */
function layOut<K extends string>(body: PushedSheet<K>, columns: readonly RuleColumn<K>[], locale: Locale) {
  const grid: unknown[][] = [];
  const first = body.rows.reduce((m, r) => Math.min(m, r.row), Number.POSITIVE_INFINITY);
  const headerRow = Number.isFinite(first) ? first - 2 : 0;
  for (const r of body.rows) grid[r.row - 1] = columns.map((c) => r.values[c.key] ?? null);
  const header: HeaderResult<K> = {
    firstRow: headerRow,
    headerRow,
    columns: Object.fromEntries(columns.map((c, i) => [c.key, i])) as Partial<Record<K, number>>,
    labels: columns.map((c) => (locale === "en" ? c.headerEn : c.header)),
    unmapped: [],
  };
  const columnPlaces = columns.map((c, i) => {
    const letters = body.columns?.[c.key];
    return letters ? columnIndex(letters) : i;
  });
  return { grid, header, columnPlaces };
}

export interface CheckedSheet<R> {
  rows: number;
  issues: RuleIssue[];
  /** null when the sheet has an error: nothing may be stored. */
  rules: R | null;
  ruleCount: number;
}

export function checkDomainSheet(body: PushedSheet<DomainRuleKey>, departments: readonly string[]): CheckedSheet<Partial<Record<Domain, string>>> {
  const { grid, header, columnPlaces } = layOut(body, DOMAIN_RULE_COLUMNS, body.locale);
  const res = validateDomainSheet(grid, { locale: body.locale, departments, header, columnPlaces })!;
  return { rows: res.rows.length, issues: res.issues, rules: res.map, ruleCount: res.map ? Object.keys(res.map).length : 0 };
}

export function checkPlaceSheet(body: PushedSheet<PlaceRuleKey>, towns: readonly string[]): CheckedSheet<Village[]> {
  const { grid, header, columnPlaces } = layOut(body, PLACE_RULE_COLUMNS, body.locale);
  const res = validatePlaceSheet(grid, { locale: body.locale, towns, header, columnPlaces })!;
  return { rows: res.rows.length, issues: res.issues, rules: res.villages, ruleCount: res.villages?.length ?? 0 };
}
