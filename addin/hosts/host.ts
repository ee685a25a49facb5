/**
 * The seam between the pane and the program it runs in. addin/pane/ (pages, their logic, i18n) sees only this; each
 * folder beside it (hosts/excel/, next hosts/wps/) implements it on its own program's globals and is the only code
 * that touches them. Tests run the same pages over each host's double.
 */
import type { LedgerWorkbook } from "./ledger-workbook.ts";
import type { RoutingWorkbook } from "./routing-workbook.ts";

export interface Host {
  /** The program's name as a clerk knows it ("Excel", "WPS 表格"), for the pane's wording. */
  name: string;
  /** null when there is no workbook (the pane opened in a plain browser): pages say so instead of failing. */
  workbook: LedgerWorkbook | null;
  /** The same workbook as routing (分流, 签收) sees it; null exactly when workbook is. */
  routing: RoutingWorkbook | null;
  /** The program's display language (BCP 47), when it says; otherwise the browser's is used. */
  displayLanguage: string | undefined;
  /** The program's theme colours (Office's officeTheme keys), when it gives them. */
  theme: Record<string, string> | undefined;
}
