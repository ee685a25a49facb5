/**
 * Which conditional formats are our issue marks. A mark is recognised by its rule, not by an id kept somewhere:
 * the rule is always TRUE, references no cell, and carries a text no clerk would type. So a mark is found even
 * after Excel split or copied it (copying marked cells copies the rule), no bookkeeping write is needed after
 * adding marks, and a clerk's own rules (even "=TRUE") are never taken for ours.
 */

export const MARK_FORMULA = '=N("tiaojie-ledger-mark")=0';

/**
 * What to load to tell our formats apart. `custom/...` fails the whole sync when the sheet also has colour
 * scales, data bars … (office-js#2180); `customOrNullObject` is the documented way for mixed collections.
 */
export const FORMAT_SCAN = "items/id,items/type,items/customOrNullObject/rule/formula";

/** Our rule formula as Excel may give it back (case, spaces, leading "="). */
export function isMarkFormula(formula: unknown): boolean {
  return typeof formula === "string" && normalise(formula) === normalise(MARK_FORMULA);
}

function normalise(formula: string): string {
  return formula.replace(/\s+/g, "").replace(/^=/, "").toUpperCase();
}

/** Queues (does not sync) the load of every conditional format on the sheet with what identifies ours. */
export function queueFormatScan(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const formats = sheet.getRange().conditionalFormats;
  formats.load(FORMAT_SCAN);
  return formats;
}

/** After the sync: the formats of a queued scan that are our marks. */
export function ourMarks(formats: Excel.ConditionalFormatCollection): Excel.ConditionalFormat[] {
  return formats.items.filter((f) => f.type === "Custom" && !f.customOrNullObject.isNullObject && isMarkFormula(f.customOrNullObject.rule.formula));
}

/** Excel's error when a queued operation names an object that no longer exists. */
export function isItemNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ItemNotFound";
}

/** Excel's error when the answer to one sync would exceed its payload limit (5 MB on the web). */
export function isPayloadTooLarge(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ResponsePayloadSizeLimitExceeded";
}
