/**
 * Our issue marks on Excel's side: the rule that recognises them (shared with every host, ../shared/mark-rule.ts)
 * loaded and filtered through Office.js.
 */
import { MARK_FORMULA, isMarkFormula } from "../shared/mark-rule.ts";

export { MARK_FORMULA, isMarkFormula };

/**
 * What to load to tell our formats apart. `custom/...` fails the whole sync when the sheet also has colour
 * scales, data bars … (office-js#2180); `customOrNullObject` is the documented way for mixed collections.
 */
export const FORMAT_SCAN = "items/id,items/type,items/customOrNullObject/rule/formula";

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
