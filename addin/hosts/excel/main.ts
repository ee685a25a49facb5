/** The Excel pane's entry: wait for Office (or find there is none), then start the pane over Excel. */
import "../../pane/zod-without-eval.ts";
import { startPane } from "../../pane/start.ts";
import { createExcelWorkbook } from "./excel-ledger-workbook.ts";
import { lazyRoutingWorkbook } from "../routing-workbook.ts";
import { officeHost } from "./office-host.ts";

// First, before anything can fail: the notice for Excel versions that cannot run the pane (a classic script) looks for
// this mark to know the pane's modules did load and run here.
document.documentElement.dataset.paneStarted = "1";

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
