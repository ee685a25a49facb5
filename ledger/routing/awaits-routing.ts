import { cleanText } from "../text.ts";

/**
 * Whether a case still waits to be routed: the centre registered it (收案登记) and it has no unit yet, or its unit is
 * the centre itself. A case in a town's or a department's own ledger is already theirs.
 */
export function awaitsRouting(unit: string | null | undefined, centres: readonly string[]): boolean {
  const u = cleanText(unit);
  return u === "" || centres.includes(u);
}
