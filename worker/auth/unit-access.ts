import { findUnitByName } from "../db/units.ts";
import { ApiError } from "../errors.ts";
import type { Principal } from "./principal.ts";

export interface UnitRef {
  id: number;
  name: string;
}

/**
 * The unit a request works on. A clerk always works on their own unit: naming another is 403. A coordinator must
 * name one. (Only clerks and coordinators reach case routes; requireRole sees to that.)
 */
export async function unitInScope(db: D1Database, p: Principal, requested: string | undefined): Promise<UnitRef> {
  if (p.role === "clerk") {
    if (p.unitId === null || p.unit === null) throw new Error("clerk token without unit");
    if (requested !== undefined && requested !== p.unit) {
      throw new ApiError(403, "forbidden", `此令牌只能访问“${p.unit}”的台账 This token may only access the ledger of ${p.unit}`);
    }
    return { id: p.unitId, name: p.unit };
  }
  if (requested === undefined) {
    throw new ApiError(422, "invalid_request", "请指定单位（unit） Name the unit (unit)", { issues: [{ path: "unit", message: "required", code: "invalid_type" }] });
  }
  const unit = await findUnitByName(db, requested);
  if (!unit) throw new ApiError(404, "not_found", `没有单位“${requested}” No such unit: ${requested}`);
  return { id: unit.id, name: unit.name };
}

/**
 * For routes that address one case or push: a clerk asking about another unit gets the same 404 as for something
 * that does not exist, so nothing about other units leaks.
 */
export async function unitVisible(db: D1Database, p: Principal, name: string, notFound: () => ApiError): Promise<UnitRef> {
  if (p.role === "clerk") {
    if (name !== p.unit || p.unitId === null) throw notFound();
    return { id: p.unitId, name };
  }
  const unit = await findUnitByName(db, name);
  if (!unit) throw notFound();
  return { id: unit.id, name: unit.name };
}

/**
 * Whether the caller's flags may compare their cases with other units' cases. A clerk's may not: a flag citing
 * another unit's case ("the same dispute at 南埔镇, NP-2026-00007, received 3 May") — or even saying that one
 * exists — would answer a probe row "does this person have a dispute with this agency anywhere in the district?".
 * The coordinator sees those flags with their details and follows them up.
 */
export function flagsCompareAcrossUnits(p: Principal): boolean {
  return p.role !== "clerk";
}
