/**
 * Which conditional formats are our issue marks, for every host. A mark is recognised by its rule, not by an id kept
 * somewhere: the rule is always TRUE, references no cell, and carries a text no clerk would type. So a mark is found
 * even after the program split or copied it (copying marked cells copies the rule), no bookkeeping write is needed
 * after adding marks, and a clerk's own rules (even "=TRUE") are never taken for ours. Excel and WPS 表格 both keep
 * this rule in their files, so marks made in one are found and removed in the other.
 */

export const MARK_FORMULA = '=N("tiaojie-ledger-mark")=0';

/** Our rule formula as the program may give it back (case, spaces, leading "="). */
export function isMarkFormula(formula: unknown): boolean {
  return typeof formula === "string" && normalise(formula) === normalise(MARK_FORMULA);
}

function normalise(formula: string): string {
  return formula.replace(/\s+/g, "").replace(/^=/, "").toUpperCase();
}
