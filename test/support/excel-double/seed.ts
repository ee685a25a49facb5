// Node side: an .xlsx fixture (exceljs) turned into the Excel double's seed, the values Excel's API would give.
import ExcelJS from "exceljs";
import { plainValue } from "../exceljs-workbook.ts";
import type { CellScalar, WorkbookSeed } from "./model.ts";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel's `values` give dates as serial numbers (days since 1899-12-30). */
export function excelValue(v: unknown): CellScalar {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH) / 86_400_000;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

export function seedFromWorkbook(wb: ExcelJS.Workbook, activeSheet?: string): WorkbookSeed {
  const sheets = wb.worksheets.map((ws) => {
    const values: CellScalar[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const out: CellScalar[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        // Excel keeps a merged area's value in its top-left cell only; exceljs repeats it in every cell.
        const hidden = cell.isMerged && cell.master.address !== cell.address;
        out.push(hidden ? null : excelValue(plainValue(cell.value)));
      }
      values.push(out);
    }
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    return { name: ws.name, values, merges };
  });
  return { sheets, activeSheet: activeSheet ?? sheets[0]?.name };
}

export async function seedFromXlsx(file: string, activeSheet?: string): Promise<WorkbookSeed> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return seedFromWorkbook(wb, activeSheet);
}

/** Round-trips through an .xlsx buffer, so generated fixtures are read exactly as a saved workbook would be. */
export async function seedFromBuilt(build: (wb: ExcelJS.Workbook) => void): Promise<WorkbookSeed> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as ExcelJS.Buffer);
  return seedFromWorkbook(back);
}
