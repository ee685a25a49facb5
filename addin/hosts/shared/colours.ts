import type { Severity } from "../../../ledger/issue-codes.ts";

/** Cell fills for issue marks and flag severities: Excel's own "bad" and "neutral" styles, readable in both themes. */
export const SEVERITY_FILL: Readonly<Record<Severity, string>> = { error: "#FFC7CE", warning: "#FFEB9C" };
export const TARGET_MISS_FILL = "#FFC7CE";
