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
  /**
   * What this version of the program cannot do that a current one can (the pane words them in one line, via i18n).
   * Only the host folder decides them, from what the program says it supports; absent or empty: nothing is missing.
   */
  limits?: readonly HostLimit[];
}

/**
 * Things a pane feature needs from the program that an older version may lack. Each is a fact about the program,
 * not a page: the pages still run, with that part left out or done another way.
 * - workbook: it cannot read or write the workbook at all (the pane then opens as outside Excel);
 * - marks: it cannot colour the cells with issues (the issues are still listed in the pane);
 * - multiAreaSelection: "selected rows" sees only the first area of a Ctrl-click selection;
 * - charts: report sheets come without their charts;
 * - chartNumberFormat: chart axes keep Excel's own number format;
 * - pageNumbers: report sheets print without the page number in the footer;
 * - mergedCells: merged cells are read as stored (value in the first row only), so a heading in merged cells is
 *   known by its words only.
 */
export type HostLimit = "workbook" | "marks" | "multiAreaSelection" | "charts" | "chartNumberFormat" | "pageNumbers" | "mergedCells";
