import { COLUMN_KEYS } from "../columns.ts";
import type { CaseCells } from "../api/routing.ts";
import type { CaseRow } from "../schema.ts";

/**
 * A stored case as the cells of a ledger row, by column key (what the receiving clerk's pane appends on 签收): dates
 * stay YYYY-MM-DD, yes/no becomes 是/否 as ledgers write it, numbers stay numbers; empty values are left out so no
 * blank is ever written over anything. Read back through the ledger's own reader, the cells give the same case.
 */
export function caseCells(c: CaseRow): CaseCells {
  const out: CaseCells = {};
  for (const key of COLUMN_KEYS) {
    const v = (c as Record<string, unknown>)[key];
    if (v === null || v === undefined || v === "") continue;
    if (typeof v === "boolean") out[key] = v ? "是" : "否";
    else if (typeof v === "number") out[key] = v;
    else out[key] = String(v);
  }
  return out;
}
