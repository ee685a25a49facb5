import { FLAG_SEVERITIES, type Flag, type FlagCode, type FlagSeverity } from "../../../ledger/api/flags.ts";

export interface FlagFilter {
  severity?: FlagSeverity;
  code?: FlagCode;
  scope?: "case" | "unit";
  /**
   * Only the flags of cases whose 调解期限 falls within this many days of today (0 = today). The due_soon flag
   * carries the days left; the caller widens the due_soon window to at least this many days (caseFlags'
   * dueWithinDays) so every such open case has one. Overdue cases are past their deadline and not included.
   */
  dueWithinDays?: number;
}

// One collator for every comparison (what localeCompare(…, "zh-CN") builds per call), and none for the same unit: a
// push receipt's 1,000-odd flags are nearly all of one unit.
const ZH = new Intl.Collator("zh-CN");
const byUnit = (a: string, b: string) => (a === b ? 0 : ZH.compare(a, b));

const SEVERITY_ORDER = Object.fromEntries(FLAG_SEVERITIES.map((s, i) => [s, i])) as Record<FlagSeverity, number>;

/** Filters and orders flags: most severe first, then unit, then case number. */
export function filterFlags(flags: Flag[], f: FlagFilter): Flag[] {
  const due = f.dueWithinDays === undefined ? null : casesDueWithin(flags, f.dueWithinDays);
  return flags
    .filter((x) => (!f.severity || x.severity === f.severity) && (!f.code || x.code === f.code) && (!f.scope || x.scope === f.scope))
    .filter((x) => due === null || (x.caseNo !== null && due.has(caseKey(x))))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || byUnit(a.unit, b.unit) || (a.caseNo ?? "").localeCompare(b.caseNo ?? "") || a.code.localeCompare(b.code));
}

/** A case as flags name it: unit and case number. */
export const caseKey = (x: Pick<Flag, "unit" | "caseNo">) => `${x.unit}\u0000${x.caseNo}`;

/** The cases (unit + case number) whose due_soon flag says their time limit runs out within `days` days. */
export function casesDueWithin(flags: readonly Flag[], days: number): Set<string> {
  const out = new Set<string>();
  for (const x of flags) {
    const left = x.facts.daysLeft;
    if (x.code === "due_soon" && x.caseNo !== null && typeof left === "number" && left >= 0 && left <= days) out.add(caseKey(x));
  }
  return out;
}
