import { detectHeader, type HeaderResult } from "../../ledger/header.ts";
import type { Sheet } from "./read-workbook.ts";
import { WorkbookError } from "./read-workbook.ts";

/** The sheet asked for, or the first sheet with a ledger header. */
export function findLedgerSheet(sheets: Sheet[], wanted?: string): { sheet: Sheet; header: HeaderResult } {
  if (wanted !== undefined) {
    const sheet = sheets.find((s) => s.name === wanted);
    if (!sheet) {
      throw new WorkbookError("no_sheet", `找不到工作表“${wanted}”，现有：${sheets.map((s) => s.name).join("、")}。 No sheet named "${wanted}".`);
    }
    const header = detectHeader(sheet.grid);
    if (!header) throw noHeader(`工作表“${wanted}”`);
    return { sheet, header };
  }
  for (const sheet of sheets) {
    const header = detectHeader(sheet.grid);
    if (header) return { sheet, header };
  }
  throw noHeader("任何工作表");
}

function noHeader(where: string): WorkbookError {
  return new WorkbookError(
    "no_sheet",
    `${where}中都找不到台账表头（至少需要“案件编号”“收案日期”“申请人”等三列）。请检查表头文字或用 --sheet 指定工作表。 No ledger header found (need at least three known columns such as 案件编号, 收案日期, 申请人).`,
  );
}
