/** The Excel pane's entry: wait for Office (or find there is none), then start the pane over Excel. */
import "../../pane/zod-without-eval.ts";
import { startPane } from "../../pane/start.ts";
import { excelLimits, officeCapabilities } from "./capabilities.ts";
import { createExcelWorkbook } from "./excel-ledger-workbook.ts";
import { lazyRoutingWorkbook } from "../routing-workbook.ts";
import { officeHost } from "./office-host.ts";

// The bundle ran: unsupported.js (the notice for Excel that cannot run the pane) looks for this when the page loads.
document.documentElement.dataset.pane = "started";

async function main(): Promise<void> {
  const { inExcel, displayLanguage, officeTheme } = await officeHost();
  // Below ExcelApi 1.4 (no settings, no null objects) the pane does not touch the workbook and says why.
  const limits = inExcel ? excelLimits(officeCapabilities()) : [];
  const usable = inExcel && !limits.includes("workbook");
  await startPane({
    name: "Excel",
    workbook: usable ? createExcelWorkbook() : null,
    routing: usable ? lazyRoutingWorkbook(() => import("./excel-routing-workbook.ts").then((m) => m.createRoutingWorkbook())) : null,
    displayLanguage,
    theme: inExcel ? officeTheme : undefined,
    limits,
  });
}

void main();
