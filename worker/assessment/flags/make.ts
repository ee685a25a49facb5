import { FLAG_SEVERITY, type Facts, type Flag, type FlagCode } from "../../../ledger/api/flags.ts";
import { FLAG_MESSAGES } from "./messages.ts";

export function makeFlag(code: FlagCode, unit: string, caseNo: string | null, facts: Facts): Flag {
  return { code, severity: FLAG_SEVERITY[code], scope: caseNo == null ? "unit" : "case", unit, caseNo, facts, message: FLAG_MESSAGES[code](facts) };
}
