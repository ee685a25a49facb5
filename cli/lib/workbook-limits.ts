/**
 * What `tiaojie` refuses to read, and how it says so. A hostile .xlsx of a few kilobytes can describe a sheet of
 * 17 billion cells or one cell of 500 MB; each limit below keeps reading it under 1 GB of memory, far above what a
 * mediation ledger holds. The figures are stated in README.md and SECURITY.md; change them there too.
 */
import type { Locale } from "../../ledger/messages.ts";
import { WorkbookError } from "./workbook-error.ts";

export const LIMITS = {
  /**
   * The .xlsx file, and all its parts once unpacked, together. Parts are read as they unpack, but the file itself
   * is held whole; a 100,000-case ledger unpacks to about 40 MB.
   */
  unpackedBytes: 256 * 1024 * 1024,
  /**
   * Cells in the whole workbook (a `<row>` counts as one too; the streaming reader counts each merged area too).
   * Set when exceljs's whole-workbook reader held about 500 bytes per cell; the streaming reader keeps 50–100.
   * 100,000 cases of 24 columns fit, of 26 (about 2.04 million) do not.
   */
  cells: 2_000_000,
  /**
   * Characters in one cell (or any other stretch of text in the file). Excel itself stops at 32,767; longer cells
   * are still read up to here so that a generated ledger's long cell gets its row-level `too_long` issue.
   */
  cellChars: 1_000_000,
  /** Rows that hold a value × columns that hold a value (empty ones are left out of the grid): 160 MB of slots. */
  gridCells: 20_000_000,
  /** Excel's own sheet size: a cell beyond it can only come from a hand-made file. */
  excelRows: 1_048_576,
  excelColumns: 16_384,
} as const;

const n = (v: number) => v.toLocaleString("en-US");
const MB = LIMITS.unpackedBytes / 1024 / 1024;

type Refusal =
  | { kind: "unpacked" }
  | { kind: "cells" }
  | { kind: "cellChars" }
  | { kind: "grid"; sheet: string; rows: number; columns: number }
  | { kind: "outsideExcel"; sheet: string; cell: string };

/** The refusal as the clerk reads it: Chinese, or English with --locale en; what is wrong, then what to do. */
export function tooLarge(file: string, r: Refusal, locale: Locale = "zh-CN"): WorkbookError {
  const en = locale === "en";
  let text: string;
  switch (r.kind) {
    case "unpacked":
      text = en
        ? `${file} is larger than ${MB} MB once unpacked (a ledger is a few MB), so it is not read. Remove pictures and other large objects, or split the ledger into several files, and try again.`
        : `${file} 解压后超过 ${MB} MB（台账通常只有几 MB），不予读取。请删除表中的图片等大对象，或把台账拆成几个文件后再试。`;
      break;
    case "cells":
      text = en
        ? `${file} has more than ${n(LIMITS.cells)} cells, so it is not read. Split the ledger into several files (for example one per year), or delete unused rows and columns, and try again.`
        : `${file} 的单元格超过 ${n(LIMITS.cells)} 个，不予读取。请把台账拆成几个文件（例如每年一个），或删除多余的行和列后再试。`;
      break;
    case "cellChars":
      text = en
        ? `${file} has a cell longer than ${n(LIMITS.cellChars)} characters (Excel allows 32,767), so it was not saved by Excel and is not read. Open it in Excel (which cuts the cell short), save it, and try again.`
        : `${file} 中有单元格超过 ${n(LIMITS.cellChars)} 个字符（Excel 最多 32,767 个），不是 Excel 保存的文件，不予读取。请用 Excel 打开（Excel 会截断过长的内容）并另存后再试。`;
      break;
    case "grid":
      text = en
        ? `Sheet "${r.sheet}" of ${file} spreads over ${n(r.rows)} rows × ${n(r.columns)} columns that hold values, more than ${n(LIMITS.gridCells)} cells, so it is not read. Delete stray values far below or to the right of the ledger, or split it into several files, and try again.`
        : `${file} 的工作表“${r.sheet}”有内容的区域达 ${n(r.rows)} 行 × ${n(r.columns)} 列，超过 ${n(LIMITS.gridCells)} 格，不予读取。请删除台账下方或右侧远处的零散内容，或把台账拆成几个文件后再试。`;
      break;
    case "outsideExcel":
      text = en
        ? `Sheet "${r.sheet}" of ${file} has a cell at ${r.cell}, outside Excel's 1,048,576 rows × 16,384 columns, so it was not saved by Excel and is not read. Open it in Excel, save it, and try again.`
        : `${file} 的工作表“${r.sheet}”在 ${r.cell} 有单元格，超出 Excel 的范围（1,048,576 行 × 16,384 列），不是 Excel 保存的文件，不予读取。请用 Excel 打开并另存后再试。`;
      break;
  }
  return new WorkbookError("too_large", text);
}
