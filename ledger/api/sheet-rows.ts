/** How a push carries a sheet's rows, for case ledgers and rosters alike: raw cells by column key. */
import { z } from "zod";
import { keyedRecord } from "./keyed-record.ts";

/** A row's number in the clerk's sheet (1-based, as Excel shows it), and its cells by key. */
export const sheetRowSchema = <K extends string, C extends z.ZodType>(keys: readonly [K, ...K[]], cell: C) =>
  z.object({ row: z.number().int().min(1).max(1_048_576), values: keyedRecord(keys, cell) });

/** The refusal of a row number sent twice, in both languages: it names the row. */
export function duplicateRowMessage(row: number): string {
  return `第 ${row} 行出现了两次：表中每一行只能推送一次，请重新读取工作表后再推送 Row ${row} is sent twice; each row of the sheet may be sent once — read the sheet again and push it again`;
}

/** The first row number that `rows` carries twice, or null. */
export function firstDuplicateRow(rows: readonly { row: number }[]): { index: number; row: number } | null {
  const seen = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const n = rows[i].row;
    if (seen.has(n)) return { index: i, row: n };
    seen.add(n);
  }
  return null;
}

/**
 * A push's rows: at most `max`, each row number once. The server reads rows by their number (issues, refusals, the
 * grid a rule sheet is laid out on), so two rows under one number would be read as one and the other lost; such a
 * push is refused whole, naming the row.
 */
export const sheetRowsSchema = <R extends z.ZodType<{ row: number }>>(row: R, max: number) =>
  z.array(row).max(max).superRefine((rows, ctx) => {
    const dup = firstDuplicateRow(rows);
    if (dup) ctx.addIssue({ code: "custom", path: [dup.index, "row"], message: duplicateRowMessage(dup.row) });
  });

/** Column letters of the clerk's sheet by key, so the server's issues point at the right cells. */
export const columnLettersSchema = <K extends string>(keys: readonly [K, ...K[]]) =>
  keyedRecord(keys, z.string().regex(/^[A-Z]{1,3}$/));
