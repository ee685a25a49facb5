/**
 * 诉源分析 for a period and a group of units: resolves the units (as the rankings count them: towns/streets and
 * departments), loads the grouped counts in one batch and builds the tables (tables.ts).
 */
import type { Stats } from "../../ledger/api/stats.ts";
import type { Period } from "../../ledger/period.ts";
import type { Principal } from "../auth/principal.ts";
import { loadStatsRows } from "../db/stats.ts";
import { listUnits } from "../db/units.ts";
import { getZones } from "../db/zones.ts";
import { buildStats, type StatsScope } from "./tables.ts";

export class StatsGroupError extends Error {
  readonly zones: string[];
  constructor(zone: string, zones: string[]) {
    const known = zones.length === 0 ? "尚未划分片区 no zones are set" : `已有片区 zones: ${zones.join("、")}`;
    super(`没有片区“${zone}”（${known}） No such zone: ${zone}`);
    this.name = "StatsGroupError";
    this.zones = zones;
  }
}

/** The months of the trend: a quarter's or a year's own months; a month with the 11 before it, for context. */
export function trendMonths(period: Period): { months: string[]; monthEnds: string[]; start: string } {
  const count = period.kind === "month" ? 12 : period.kind === "quarter" ? 3 : 12;
  const endIndex = Number(period.end.slice(0, 4)) * 12 + Number(period.end.slice(5, 7)) - 1;
  const label = (i: number) => `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
  const months = Array.from({ length: count }, (_, k) => label(endIndex - count + k));
  const monthEnds = Array.from({ length: count }, (_, k) => `${label(endIndex - count + k + 1)}-01`);
  return { months, monthEnds, start: `${months[0]}-01` };
}

async function resolveScope(db: D1Database, who: Principal, group: string | undefined): Promise<StatsScope> {
  const units = (await listUnits(db)).filter((u) => u.kind === "town" || u.kind === "department");
  // Towns first, then departments, each in the order they were configured (as the rankings list them).
  units.sort((a, b) => (a.kind === b.kind ? a.id - b.id : a.kind === "town" ? -1 : 1));
  if (who.role === "clerk") return { group: { kind: "unit", name: who.unit }, units: [{ id: who.unitId!, name: who.unit!, kind: units.find((u) => u.id === who.unitId)?.kind }] };
  if (group === undefined) return { group: { kind: "district", name: null }, units };
  if (group === "town" || group === "department") return { group: { kind: group, name: null }, units: units.filter((u) => u.kind === group) };
  const zone = group.slice("zone:".length).trim();
  const zones = await getZones(db);
  const members = zones.get(zone);
  if (!members) throw new StatsGroupError(zone, [...zones.keys()]);
  return { group: { kind: "zone", name: zone }, units: units.filter((u) => members.includes(u.name)) };
}

export async function periodStats(db: D1Database, who: Principal, period: Period, group: string | undefined): Promise<Stats> {
  const scope = await resolveScope(db, who, group);
  const t = trendMonths(period);
  const rows = await loadStatsRows(db, period, t.start, t.monthEnds, scope.units.map((u) => u.id));
  return buildStats({ label: period.label, months: t.months, monthEnds: t.monthEnds }, scope, rows);
}
