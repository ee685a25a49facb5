/** Any failure the pane can meet, in words a clerk can act on. */
import type { Locale } from "../../../ledger/messages.ts";
import { ApiError } from "../../../ledger/api/client.ts";
import { MAX_SHEET_CELLS, SheetTooLargeError } from "../../hosts/ledger-workbook.ts";
import { t, type MessageKey } from "../i18n.ts";
import { ModuleLoadError } from "../../hosts/on-demand.ts";

/** `hostName`: the program the pane runs in ("Excel", "WPS 表格"), named when it refused what the pane asked. */
export function describeError(e: unknown, locale: Locale, hostName = "Excel"): string {
  if (e instanceof ApiError) {
    const key = `error.${e.kind}` as MessageKey;
    return t(locale, key, { detail: e.message });
  }
  if (e instanceof SheetTooLargeError) {
    return t(locale, "error.sheetTooLarge", { cells: e.cells.toLocaleString(), max: MAX_SHEET_CELLS.toLocaleString() });
  }
  if (e instanceof ModuleLoadError) return t(locale, "error.moduleLoad");
  const message = e instanceof Error ? e.message : String(e);
  return t(locale, "error.host", { host: hostName, detail: message });
}
