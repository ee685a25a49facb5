/** The drill-down service: loads one unit's rows for a period through db/ and sorts them by the pure rule. */
import type { Drilldown } from "../../ledger/api/drilldown.ts";
import type { Period } from "../../ledger/period.ts";
import type { UnitRef } from "../auth/unit-access.ts";
import { loadDrilldownRows } from "../db/drilldown.ts";
import { findUnitByName } from "../db/units.ts";
import { ApiError } from "../errors.ts";
import { buildDrilldown } from "./drilldown.ts";

export async function unitDrilldown(db: D1Database, unit: UnitRef, period: Period, asOf: string): Promise<Drilldown> {
  const found = await findUnitByName(db, unit.name);
  // The centre and other unranked units have no indicators to explain (the same answer as GET /api/assessments/{unit}).
  if (!found || (found.kind !== "town" && found.kind !== "department")) {
    throw new ApiError(404, "not_found", `“${unit.name}”不是参与考评的镇街或部门 ${unit.name} is not an assessed town or department`);
  }
  const rows = await loadDrilldownRows(db, unit.id, period);
  return buildDrilldown({ name: found.name, kind: found.kind }, period.label, asOf, rows);
}
