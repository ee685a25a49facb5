import { FLAG_SEVERITIES, type Flag, type FlagCode, type FlagSeverity } from "../../../ledger/api/flags.ts";

export interface FlagFilter {
  severity?: FlagSeverity;
  code?: FlagCode;
  scope?: "case" | "unit";
}

const SEVERITY_ORDER = Object.fromEntries(FLAG_SEVERITIES.map((s, i) => [s, i])) as Record<FlagSeverity, number>;

/** Filters and orders flags: most severe first, then unit, then case number. */
export function filterFlags(flags: Flag[], f: FlagFilter): Flag[] {
  return flags
    .filter((x) => (!f.severity || x.severity === f.severity) && (!f.code || x.code === f.code) && (!f.scope || x.scope === f.scope))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.unit.localeCompare(b.unit, "zh-CN") || (a.caseNo ?? "").localeCompare(b.caseNo ?? "") || a.code.localeCompare(b.code));
}
