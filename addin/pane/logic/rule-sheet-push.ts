/** The 分流 page's rule-sheet push: recognise the active sheet as a 领域表 or 村居表 and send it (as `tiaojie push`). */
import type { ApiClient } from "../../../ledger/api/client.ts";
import type { RuleSheetReceipt } from "../../../ledger/api/routing.ts";
import { ruleSheetBody } from "../../../ledger/api/rule-sheet-rows.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { ruleSheetKind, type RuleSheetKind } from "../../../ledger/routing/rule-sheet-kind.ts";

export interface RuleSheetPushed {
  kind: RuleSheetKind;
  rows: number;
  receipt: RuleSheetReceipt;
}

/** Null when the grid is no rule sheet (nothing is sent). */
export async function pushRuleSheetGrid(
  client: Pick<ApiClient, "putDomainSheet" | "putPlaceSheet">,
  grid: readonly (readonly unknown[])[],
  locale: Locale,
): Promise<RuleSheetPushed | null> {
  const kind = ruleSheetKind(grid);
  const push = kind ? ruleSheetBody(grid, kind, { locale }) : null;
  if (!push) return null;
  const receipt = push.kind === "domains" ? await client.putDomainSheet(push.body) : await client.putPlaceSheet(push.body);
  return { kind: push.kind, rows: push.rows, receipt };
}
