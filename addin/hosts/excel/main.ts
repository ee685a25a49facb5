/** The Excel pane's entry: wait for Office (or find there is none), then start the pane over Excel. */
import "../../pane/zod-without-eval.ts";
import { startPane } from "../../pane/start.ts";
import { createExcelWorkbook } from "./excel-ledger-workbook.ts";
import { lazyRoutingWorkbook } from "../routing-workbook.ts";
import { officeHost } from "./office-host.ts";

// The bundle ran: unsupported.js (the notice for Excel that cannot run the pane) looks for this when the page loads.
document.documentElement.dataset.pane = "started";

async function main(): Promise<void> {
  const { inExcel, displayLanguage, officeTheme } = await officeHost();
  await startPane({
    name: "Excel",
    workbook: inExcel ? createExcelWorkbook() : null,
    routing: inExcel ? lazyRoutingWorkbook(() => import("./excel-routing-workbook.ts").then((m) => m.createRoutingWorkbook())) : null,
    displayLanguage,
    theme: inExcel ? officeTheme : undefined,
  });
}

void main();
