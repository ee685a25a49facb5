import type { HeaderResult } from "./header.ts";

/** Text that starts a total row (合计) or a footer/notes row (填表说明, 填报人 …) rather than a case. */
const TOTAL = /^(合\s*计|总\s*计|小\s*计|共\s*计)/;
const FOOTER = /^(填表说明|填报说明|说\s*明|注\s*[:：]|注\s*[0-9一二三１-９]|备注\s*[:：]|填报人|填表人|审核人|制表人|制表|负责人|单位负责人|分管领导|联系人)/;
/** A merged note repeated across the row is longer than any single case cell we expect at the row's start. */
const LONG_NOTE = 30;
/**
 * …but no note under a ledger runs to pages: text longer than this alone on a row is a case cell that is too long
 * (validation says so, too_long), not a note to skip. A row is never dropped for looking odd.
 */
const MAX_NOTE = 500;
/** Notes are prose: they have spaces or non-ASCII text. One long run of letters, digits and dashes is a code. */
const CODE_LIKE = /^[\x21-\x7e]+$/;

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return true;
  return typeof v === "string" && v.trim() === "";
}

export type RowKind = "data" | "blank" | "total" | "footer";

/**
 * Tells a case row from what else sits below a ledger's header: blank or template rows (only an unmapped 序号),
 * a 合计 row, notes and signature lines. Anything else is a case and gets validated, however broken it is:
 * a row must never be dropped because it looked odd.
 */
export function classifyRow(row: readonly unknown[] | undefined, mappedColumns: readonly number[]): RowKind {
  if (!row) return "blank";
  let anyMapped = false;
  for (let i = 0; i < mappedColumns.length; i++) {
    if (!isEmpty(row[mappedColumns[i]])) {
      anyMapped = true;
      break;
    }
  }
  if (!anyMapped) return "blank";

  let firstAt = 0;
  while (firstAt < row.length && isEmpty(row[firstAt])) firstAt++;
  const first = row[firstAt];
  // Cases start with a number or a short code; only text can open a total or a note.
  if (typeof first !== "string") return "data";
  const text = first.trim();
  if (TOTAL.test(text)) return "total";
  if (FOOTER.test(text) && distinctValues(row, 4) <= 3) return "footer";
  if (text.length > LONG_NOTE && text.length <= MAX_NOTE && !CODE_LIKE.test(text) && distinctValues(row, 2) === 1) return "footer";
  return "data";
}

/** How many different non-empty values the row holds, counting up to `stop` at most. */
function distinctValues(row: readonly unknown[], stop: number): number {
  const seen: unknown[] = [];
  for (const v of row) {
    if (isEmpty(v)) continue;
    const t = typeof v === "string" ? v.trim() : v;
    if (!seen.includes(t)) {
      seen.push(t);
      if (seen.length >= stop) break;
    }
  }
  return seen.length;
}

/** Indexes (0-based) of the grid rows below the header that hold cases. */
export function dataRowIndexes(grid: readonly (readonly unknown[])[], header: Pick<HeaderResult<string>, "headerRow" | "columns">): number[] {
  const mapped = Object.values(header.columns) as number[];
  const out: number[] = [];
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    if (classifyRow(grid[r], mapped) === "data") out.push(r);
  }
  return out;
}
