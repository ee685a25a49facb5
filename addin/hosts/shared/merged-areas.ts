/**
 * Excel keeps a merged area's value in its top-left cell only, while a clerk reads it as every cell's value (a
 * 承办单位 or 被申请行政机关 merged down a block of rows). exceljs, which the CLI reads with, repeats it in every cell;
 * the pane does the same from the merged areas Excel lists, so a ledger reads the same in both. The areas themselves go
 * to ledger/ beside the values, as the CLI's do: a row merged across the table is a heading or a note, not a case.
 */
import type { MergedArea } from "../../../ledger/merged-areas.ts";
import { parseA1Range } from "./cells.ts";

/**
 * The merged areas in `addresses` as RangeAreas.address gives them ("Sheet1!B5:B8,'My sheet'!C2:D2"), in 0-based grid
 * coordinates from A1 (the pane reads every sheet from A1). What is not an A1 reference is left out.
 */
export function mergedAreas(addresses: readonly string[]): MergedArea[] {
  const out: MergedArea[] = [];
  for (const list of addresses) {
    for (const part of list.split(",")) {
      const rect = parseA1Range(part.slice(part.lastIndexOf("!") + 1));
      if (rect) out.push({ top: rect.r1, left: rect.c1, bottom: rect.r2, right: rect.c2 });
    }
  }
  return out;
}

/** Copies each merged area's top-left value into its other cells (those within the values read). */
export function fillMergedAreas(values: unknown[][], areas: readonly MergedArea[]): void {
  for (const a of areas) {
    const top = values[a.top]?.[a.left];
    for (let r = a.top; r <= a.bottom && r < values.length; r++) {
      const row = values[r];
      for (let c = a.left; c <= a.right && c < row.length; c++) row[c] = top;
    }
  }
}
