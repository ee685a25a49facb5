/** The Excel pane's entry: wait for Office (or find there is none), then start the pane over Excel. */
import "../../pane/zod-without-eval.ts";
import { startPane } from "../../pane/start.ts";
import { createExcelWorkbook } from "./excel-ledger-workbook.ts";
import { createRoutingWorkbook } from "./excel-routing-workbook.ts";
import { officeHost } from "./office-host.ts";

async function main(): Promise<void> {
  const { inExcel, displayLanguage, officeTheme } = await officeHost();
  await startPane({
    name: "Excel",
    workbook: inExcel ? createExcelWorkbook() : null,
    routing: inExcel ? createRoutingWorkbook() : null,
    displayLanguage,
    theme: inExcel ? officeTheme : undefined,
  });
}

void main();
