import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";

/** Why a file could not be read, in words a clerk can act on. */
export class WorkbookError extends Error {
  readonly code: "not_found" | "not_xlsx" | "encrypted" | "old_xls" | "corrupt" | "no_sheet";
  constructor(code: WorkbookError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

export interface Sheet {
  name: string;
  /** Values as Excel shows them: numbers, strings, booleans, Dates, null. */
  grid: unknown[][];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => buf[i] === b);
}

/** Recognises what kind of file it is before exceljs tries, so the clerk hears the real reason. */
function checkSignature(buf: Buffer, file: string): void {
  if (startsWith(buf, ZIP)) return;
  if (startsWith(buf, OLE)) {
    // Office wraps password-protected .xlsx files in an OLE container with an "EncryptedPackage" stream.
    if (buf.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      throw new WorkbookError("encrypted", `${file} 设有打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后另存再试。 The workbook is password-protected; remove the password and save it again.`);
    }
    throw new WorkbookError("old_xls", `${file} 是旧版 .xls 格式。请在 Excel 中“另存为” .xlsx 后再试。 This is an old .xls workbook; save it as .xlsx first.`);
  }
  throw new WorkbookError("not_xlsx", `${file} 不是 Excel .xlsx 文件（可能是 CSV 或其他文件改了扩展名）。请用 Excel 打开后另存为 .xlsx。 Not an .xlsx file; open it in Excel and save as .xlsx.`);
}

/** One cell's value as a plain value: formulas give their result, rich text its text, errors nothing. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in v) return (v as ExcelJS.CellHyperlinkValue).text;
  if ("error" in v) return null;
  return null;
}

function sheetGrid(ws: ExcelJS.Worksheet): unknown[][] {
  const grid: unknown[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: unknown[] = new Array(width).fill(null);
    for (let c = 1; c <= width; c++) out[c - 1] = plainValue(row.getCell(c).value);
    grid.push(out);
  }
  return grid;
}

export async function readWorkbook(file: string): Promise<Sheet[]> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    throw new WorkbookError("not_found", `找不到文件 ${file}。 File not found: ${file}`);
  }
  checkSignature(buf, file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new WorkbookError("corrupt", `${file} 已损坏，无法读取。请用 Excel 打开并另存后再试。 The workbook is damaged; open it in Excel and save it again.`);
  }
  return wb.worksheets.map((ws) => ({ name: ws.name, grid: sheetGrid(ws) }));
}
