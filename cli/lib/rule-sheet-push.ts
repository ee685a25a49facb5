/** `tiaojie push rules.xlsx`: a routing rule sheet (领域表 or 村居表) goes to PUT /api/routing/{domains|places}. */
import { detectHeader } from "../../ledger/header.ts";
import type { Locale } from "../../ledger/messages.ts";
import { ruleSheetBody } from "../../ledger/api/rule-sheet-rows.ts";
import type { RuleSheetReceipt } from "../../ledger/api/routing.ts";
import { looksLikeRoster } from "../../ledger/roster.ts";
import { ruleSheetKind, type RuleSheetKind } from "../../ledger/routing/rule-sheet-kind.ts";
import type { Client } from "./client.ts";
import type { Sheet } from "./read-workbook.ts";

/**
 * The rule sheet of a workbook, if the sheet the push would use is one: the sheet named with --sheet, else the first
 * sheet with a rule-sheet, roster or ledger header (as the roster is found: a workbook led by a ledger is a ledger).
 */
export function findRuleSheet(sheets: Sheet[], wanted?: string): { sheet: Sheet; kind: RuleSheetKind } | null {
  const candidate = wanted !== undefined
    ? sheets.find((s) => s.name === wanted)
    : sheets.find((s) => ruleSheetKind(s.grid) !== null || looksLikeRoster(s.grid) || detectHeader(s.grid) !== null);
  const kind = candidate ? ruleSheetKind(candidate.grid) : null;
  return candidate && kind ? { sheet: candidate, kind } : null;
}

/** Sends the raw cells; the Worker reads them again against the configured units and stores the sheet only if whole. */
export async function pushRuleSheet(client: Client, sheet: Sheet, kind: RuleSheetKind, locale: Locale): Promise<{ receipt: RuleSheetReceipt; rows: number }> {
  const push = ruleSheetBody(sheet.grid, kind, { locale, columnPlaces: sheet.columns })!;
  const receipt = push.kind === "domains" ? await client.putDomainSheet(push.body) : await client.putPlaceSheet(push.body);
  return { receipt, rows: push.rows };
}
