/**
 * The sheet a page's button will read, in words, for the line each page opens with: the clerk sees which sheet
 * Validate, Columns or Push will use before clicking (they all read the active sheet).
 */
import type { Locale } from "../../../ledger/messages.ts";
import { t } from "../i18n.ts";

/** "当前工作表“南埔镇台账”", or "当前工作表" when the host could not say its name. */
export function activeSheetText(locale: Locale, name: string | null): string {
  return name ? t(locale, "sheet.active", { name }) : t(locale, "sheet.activeUnknown");
}
