/**
 * Which unit a coordinator's sheet belongs to. A coordinator's workbook may hold several units' sheets, and a
 * unit's sheet often has no 承办单位 column (every row is that unit's): the coordinator picks the unit, or lets the
 * pane find it in the sheet's title rows or its name. Clerks never pick: their token names their unit.
 */
import type { HeaderResult } from "../../../ledger/header.ts";
import { cleanText } from "../../../ledger/text.ts";

export type UnitSource = "picked" | "title" | "sheet" | "column";

export interface SheetUnit {
  unit: string;
  source: UnitSource;
}

/** The longest configured unit named in the text (区人社局 rather than a shorter name inside it); null when none. */
export function unitNamedIn(text: string, units: readonly string[]): string | null {
  let best: string | null = null;
  for (const u of units) if (u && text.includes(u) && (best === null || u.length > best.length)) best = u;
  return best;
}

/**
 * The unit a sheet names without looking at its rows: the title rows above the header ("泉港区南埔镇…台账",
 * "填报单位：南埔镇"), then the sheet's tab name. Null when neither names a configured unit.
 */
export function unitFromTitle(grid: readonly (readonly unknown[])[], header: HeaderResult | null, sheetName: string, units: readonly string[]): SheetUnit | null {
  const titleRows = grid.slice(0, header ? header.firstRow : Math.min(grid.length, 5));
  const title = titleRows.map((r) => r.map(cleanText).join(" ")).join(" ");
  const fromTitle = unitNamedIn(title, units);
  if (fromTitle) return { unit: fromTitle, source: "title" };
  const fromSheet = unitNamedIn(cleanText(sheetName), units);
  return fromSheet ? { unit: fromSheet, source: "sheet" } : null;
}

/** The unit most data rows name in the unit column, for saying which unit a sheet is mostly about. */
export function mostNamedUnit(grid: readonly (readonly unknown[])[], header: HeaderResult | null): string | null {
  const col = header?.columns.unit;
  if (!header || col === undefined) return null;
  const counts = new Map<string, number>();
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const u = cleanText(grid[r]?.[col]);
    if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [u, c] of counts) if (c > n) (best = u), (n = c);
  return best;
}

/**
 * The unit a coordinator's validation gives rows whose unit cell is empty or missing: the one picked, else the one
 * the sheet's title or name names. Rows that name a unit keep their own (a coordinator's intake sheet mixes units).
 */
export function defaultUnitFor(picked: string, grid: readonly (readonly unknown[])[], header: HeaderResult | null, sheetName: string, units: readonly string[]): SheetUnit | null {
  if (picked) return { unit: picked, source: "picked" };
  return unitFromTitle(grid, header, sheetName, units);
}

/** workbook.settings key of the coordinator's picks: sheet name → unit, so each sheet keeps its own. */
export const SHEET_UNITS_KEY = "sheetUnits";

/**
 * Sheet name → unit, saved in the workbook as a JSON object. Sheet names are the clerk's own ("constructor" and
 * "__proto__" are allowed tab names), so the object has no prototype to collide with, and is read only by pickFor.
 */
export type SheetUnits = Readonly<Record<string, string>>;

function sheetUnits(entries: Iterable<[string, string]> = []): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [sheet, unit] of entries) out[sheet] = unit;
  return out;
}

/** Picks read from a workbook may be anything (hand-edited, older add-in): keep only name → name entries. */
export function readSheetUnits(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return sheetUnits();
  return sheetUnits(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "" && e[0] !== ""));
}

/** The unit picked for `sheet`, or "" (find it): only the sheet's own entry counts. */
export function pickFor(picks: SheetUnits | undefined, sheet: string): string {
  return picks && Object.hasOwn(picks, sheet) ? picks[sheet] : "";
}

/**
 * The unit to use for a sheet: what the coordinator just picked (`pending`, null when the picker was not touched
 * since the last validation; "" = find it), else what was picked for this sheet before. `changed` is the map to
 * save when the pick differs from the remembered one.
 */
export function resolveSheetPick(picks: SheetUnits, sheet: string, pending: string | null): { pick: string; changed: Record<string, string> | null } {
  const remembered = pickFor(picks, sheet);
  if (pending === null || pending === remembered) return { pick: remembered, changed: null };
  const changed = sheetUnits(Object.entries(picks));
  if (pending) changed[sheet] = pending;
  else delete changed[sheet];
  return { pick: pending, changed };
}
