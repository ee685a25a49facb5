/**
 * What `tiaojie` refuses to read, and how it says so. Each cap is set by what the reader holds or does for it
 * (cli/lib/stream-workbook.ts): any ledger up to 200,000 rows × 40 columns is read in under 400 MB, and a hostile
 * .xlsx of a few kilobytes — describing a sheet of 17 billion cells, one cell of 500 MB, millions of merged areas —
 * is refused before it is held, keeping any reading under 1 GB. A refusal names the cap and how far over the file
 * is. The figures are stated in docs/CLI.md (test/docs/cli-limits.test.ts holds it to them) and SECURITY.md; change them there too.
 */
import type { Locale } from "../../ledger/messages.ts";
import { WorkbookError } from "./workbook-error.ts";

const MiB = 1024 * 1024;

export const LIMITS = {
  /** The .xlsx file, held whole while its parts are read: a 200,000 × 40 ledger is about 50 MB. */
  fileBytes: 256 * MiB,
  /**
   * All its parts once unpacked, as its directory declares them (a part that unpacks to more than it declares is
   * damaged). Parts are read as they unpack, never held whole, so this bounds the time a reading takes: a
   * 200,000 × 40 ledger unpacks to about 300 MB.
   */
  unpackedBytes: 1024 * MiB,
  /**
   * Cells in the whole workbook (each `<c>` and `<row>` of its sheets; its distinct texts — shared strings — and its
   * merged areas are each held to the same number). The reader keeps one 8-byte slot per cell with a value (up to
   * two for a row with gaps) and parses every cell: a 200,000 × 40 ledger has about 8.2 million.
   */
  cells: 10_000_000,
  /**
   * Characters written in all the cells and shared strings together (numbers count their digits): the reader keeps
   * the text. A 200,000 × 40 ledger has about 55 million.
   */
  textChars: 100_000_000,
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
const mb = (bytes: number) => Math.round(bytes / MiB).toLocaleString("en-US");

/** How far past its cap a count is, as a share of the cap: "20%", or "less than 1%" for a count only just over. */
function overBy(count: number, cap: number, en: boolean): string {
  const pct = ((count - cap) / cap) * 100;
  if (pct < 1) return en ? "less than 1%" : "不到 1%";
  return `${n(Math.floor(pct))}%`;
}

/** `count` is what the file holds, when it was counted to the end; a refusal without it says only "more than". */
type Refusal =
  | { kind: "file"; bytes: number }
  | { kind: "unpacked"; bytes: number }
  | { kind: "cells"; count?: number }
  | { kind: "strings"; count: number }
  | { kind: "merges"; count: number }
  | { kind: "textChars"; count: number }
  | { kind: "cellChars"; count: number }
  | { kind: "grid"; sheet: string; rows: number; columns: number }
  | { kind: "outsideExcel"; sheet: string; cell: string };

/** The refusal as the clerk reads it: Chinese, or English with --locale en; what is wrong, then what to do. */
export function tooLarge(file: string, r: Refusal, locale: Locale = "zh-CN"): WorkbookError {
  const en = locale === "en";
  const split = en ? "Split the ledger into several files (for example one per year), or delete unused rows and columns, and try again."
    : "请把台账拆成几个文件（例如每年一个），或删除多余的行和列后再试。";
  let text: string;
  switch (r.kind) {
    case "file":
      text = en
        ? `${file} is ${mb(r.bytes)} MB, ${overBy(r.bytes, LIMITS.fileBytes, en)} over the limit of ${mb(LIMITS.fileBytes)} MB (a ledger is a few dozen MB), so it is not read. Remove pictures and other large objects, or split the ledger into several files, and try again.`
        : `${file} 有 ${mb(r.bytes)} MB，超出上限 ${mb(LIMITS.fileBytes)} MB ${overBy(r.bytes, LIMITS.fileBytes, en)}（台账通常只有几十 MB），不予读取。请删除表中的图片等大对象，或把台账拆成几个文件后再试。`;
      break;
    case "unpacked":
      text = en
        ? `${file} is ${mb(r.bytes)} MB once unpacked, ${overBy(r.bytes, LIMITS.unpackedBytes, en)} over the limit of ${mb(LIMITS.unpackedBytes)} MB (a 200,000-case ledger is about 300 MB), so it is not read. Remove pictures and other large objects, or split the ledger into several files, and try again.`
        : `${file} 解压后有 ${mb(r.bytes)} MB，超出上限 ${mb(LIMITS.unpackedBytes)} MB ${overBy(r.bytes, LIMITS.unpackedBytes, en)}（20 万条案件的台账约 300 MB），不予读取。请删除表中的图片等大对象，或把台账拆成几个文件后再试。`;
      break;
    case "cells":
      text = r.count === undefined
        ? (en ? `${file} has more than ${n(LIMITS.cells)} cells, so it is not read. ${split}` : `${file} 的单元格超过上限 ${n(LIMITS.cells)} 个，不予读取。${split}`)
        : en
          ? `${file} has ${n(r.count)} cells, ${overBy(r.count, LIMITS.cells, en)} over the limit of ${n(LIMITS.cells)}, so it is not read. ${split}`
          : `${file} 有 ${n(r.count)} 个单元格，超出上限 ${n(LIMITS.cells)} 个 ${overBy(r.count, LIMITS.cells, en)}，不予读取。${split}`;
      break;
    case "strings":
      text = en
        ? `${file} has ${n(r.count)} distinct texts (shared strings), ${overBy(r.count, LIMITS.cells, en)} over the limit of ${n(LIMITS.cells)}, so it is not read. ${split}`
        : `${file} 有 ${n(r.count)} 段不同的文字（共享字符串），超出上限 ${n(LIMITS.cells)} 段 ${overBy(r.count, LIMITS.cells, en)}，不予读取。${split}`;
      break;
    case "merges":
      text = en
        ? `${file} has ${n(r.count)} merged areas, ${overBy(r.count, LIMITS.cells, en)} over the limit of ${n(LIMITS.cells)}, so it is not read. Unmerge the cells (Home → Merge & Center), or split the ledger into several files, and try again.`
        : `${file} 有 ${n(r.count)} 个合并单元格区域，超出上限 ${n(LIMITS.cells)} 个 ${overBy(r.count, LIMITS.cells, en)}，不予读取。请取消合并单元格（开始 → 合并后居中），或把台账拆成几个文件后再试。`;
      break;
    case "textChars":
      text = en
        ? `${file} holds ${n(r.count)} characters of text and numbers in its cells, ${overBy(r.count, LIMITS.textChars, en)} over the limit of ${n(LIMITS.textChars)}, so it is not read. ${split}`
        : `${file} 的单元格中共有 ${n(r.count)} 个字符（文字和数字），超出上限 ${n(LIMITS.textChars)} 个 ${overBy(r.count, LIMITS.textChars, en)}，不予读取。${split}`;
      break;
    case "cellChars":
      text = en
        ? `${file} has a cell of ${n(r.count)} characters, ${overBy(r.count, LIMITS.cellChars, en)} over the limit of ${n(LIMITS.cellChars)} (Excel allows 32,767), so it was not saved by Excel and is not read. Open it in Excel (which cuts the cell short), save it, and try again.`
        : `${file} 中有单元格长达 ${n(r.count)} 个字符，超出上限 ${n(LIMITS.cellChars)} 个 ${overBy(r.count, LIMITS.cellChars, en)}（Excel 最多 32,767 个），不是 Excel 保存的文件，不予读取。请用 Excel 打开（Excel 会截断过长的内容）并另存后再试。`;
      break;
    case "grid": {
      const cells = r.rows * r.columns;
      text = en
        ? `Sheet "${r.sheet}" of ${file} spreads over ${n(r.rows)} rows × ${n(r.columns)} columns that hold values (${n(cells)} cells), ${overBy(cells, LIMITS.gridCells, en)} over the limit of ${n(LIMITS.gridCells)}, so it is not read. Delete stray values far below or to the right of the ledger, or split it into several files, and try again.`
        : `${file} 的工作表“${r.sheet}”有内容的区域达 ${n(r.rows)} 行 × ${n(r.columns)} 列（${n(cells)} 格），超出上限 ${n(LIMITS.gridCells)} 格 ${overBy(cells, LIMITS.gridCells, en)}，不予读取。请删除台账下方或右侧远处的零散内容，或把台账拆成几个文件后再试。`;
      break;
    }
    case "outsideExcel":
      text = en
        ? `Sheet "${r.sheet}" of ${file} has a cell at ${r.cell}, outside Excel's 1,048,576 rows × 16,384 columns, so it was not saved by Excel and is not read. Open it in Excel, save it, and try again.`
        : `${file} 的工作表“${r.sheet}”在 ${r.cell} 有单元格，超出 Excel 的范围（1,048,576 行 × 16,384 列），不是 Excel 保存的文件，不予读取。请用 Excel 打开并另存后再试。`;
      break;
  }
  return new WorkbookError("too_large", text);
}
