/**
 * A routing rule sheet (领域表 or 村居表) as its push carries it: the raw cells of its data rows by key and the
 * columns' letters. One reading for the pane and `tiaojie push`; the Worker reads the cells again and stores the
 * sheet only if it is whole.
 */
import { dataRowIndexes } from "../data-rows.ts";
import type { Locale } from "../messages.ts";
import { validateDomainSheet, type DomainRuleKey } from "../routing/domain-sheet.ts";
import { validatePlaceSheet, type PlaceRuleKey } from "../routing/place-sheet.ts";
import type { RuleSheetKind } from "../routing/rule-sheet-kind.ts";
import type { ColumnPlaces } from "../sheet-columns.ts";
import { columnLetters, sheetRows } from "./push-rows.ts";
import type { DomainSheetPush, PlaceSheetPush } from "./routing.ts";

export type RuleSheetBody = { kind: "domains"; body: DomainSheetPush } | { kind: "places"; body: PlaceSheetPush };

/** The push of a grid already recognised as `kind` (ruleSheetKind); null when its header is not found after all. */
export function ruleSheetBody(
  grid: readonly (readonly unknown[])[],
  kind: RuleSheetKind,
  o: { locale: Locale; columnPlaces?: ColumnPlaces },
): (RuleSheetBody & { rows: number }) | null {
  if (kind === "domains") {
    const local = validateDomainSheet(grid, o);
    if (!local) return null;
    const rows = sheetRows<DomainRuleKey>(grid, local.header.columns, dataRowIndexes(grid, local.header).map((r) => r + 1));
    return { kind, rows: rows.length, body: { locale: o.locale, columns: columnLetters<DomainRuleKey>(local.header.columns, o.columnPlaces), rows } };
  }
  const local = validatePlaceSheet(grid, o);
  if (!local) return null;
  const rows = sheetRows<PlaceRuleKey>(grid, local.header.columns, dataRowIndexes(grid, local.header).map((r) => r + 1));
  return { kind, rows: rows.length, body: { locale: o.locale, columns: columnLetters<PlaceRuleKey>(local.header.columns, o.columnPlaces), rows } };
}
