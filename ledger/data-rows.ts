import type { HeaderResult } from "./header.ts";

/** Text that starts a total row (合计) or a footer/notes row (填表说明, 填报人 …) rather than a case. */
const TOTAL = /^(合\s*计|总\s*计|小\s*计|共\s*计)/;
const FOOTER = /^(填表说明|填报说明|说\s*明|注\s*[:：]|注\s*[0-9一二三１-９]|备注\s*[:：]|填报人|填表人|审核人|制表人|制表|负责人|单位负责人|分管领导|联系人)/;

function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

export type RowKind = "data" | "blank" | "total" | "footer";

/**
 * Tells a case row from what else sits below a ledger's header: blank or template rows (only an unmapped 序号),
 * a 合计 row, notes and signature lines. Anything else is a case and gets validated, however broken it is:
 * a row must never be dropped because it looked odd.
 */
export function classifyRow(row: readonly unknown[] | undefined, mappedColumns: readonly number[]): RowKind {
  if (!row) return "blank";
  let mappedFilled = 0;
  for (const c of mappedColumns) if (text(row[c]) !== "") mappedFilled++;
  if (mappedFilled === 0) return "blank";

  const values: string[] = [];
  for (const v of row) {
    const t = text(v);
    if (t && values[values.length - 1] !== t) values.push(t);
  }
  const first = values[0] ?? "";
  if (TOTAL.test(first)) return "total";
  // A notes line is usually one merged cell, repeated across the row by some readers.
  const distinct = new Set(values);
  if (FOOTER.test(first) && distinct.size <= 3) return "footer";
  if (distinct.size === 1 && first.length > 30) return "footer";
  return "data";
}

/** Indexes (0-based) of the grid rows below the header that hold cases. */
export function dataRowIndexes(grid: readonly (readonly unknown[])[], header: HeaderResult): number[] {
  const mapped = Object.values(header.columns) as number[];
  const out: number[] = [];
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    if (classifyRow(grid[r], mapped) === "data") out.push(r);
  }
  return out;
}
