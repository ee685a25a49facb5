import { cleanText } from "../text.ts";
import type { Village } from "./place-sheet.ts";

/** What a case's place text says about its town. */
export type PlaceMatch =
  | { kind: "none" }
  /** A village or community of one town. */
  | { kind: "village"; village: string; town: string }
  /** Only a town is named. */
  | { kind: "town"; town: string }
  /** The text fits places of several towns (the same village name in two towns, or two towns named). */
  | { kind: "ambiguous"; villages: string[]; towns: string[] }
  /** The text names a town, and a village that town does not have. */
  | { kind: "conflict"; village: string; villageTowns: string[]; namedTown: string };

/**
 * What ledgers add to a village's name and clerks leave out: 樟脚村 is written 樟脚 as often as not ("樟脚3组").
 * Longest first, so 村民委员会 goes before 村.
 */
const VILLAGE_SUFFIXES = ["村民委员会", "居民委员会", "村委会", "居委会", "社区", "村", "居"];
/** A stem shorter than this (东村 → 东) would be found in unrelated text. */
const MIN_STEM = 2;

function spellings(name: string): string[] {
  for (const suffix of VILLAGE_SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= MIN_STEM) return [name, name.slice(0, -suffix.length)];
  }
  return [name];
}

/**
 * Finds the town a place text belongs to. Villages are looked for after the towns' own names are taken out of the
 * text (a town's name must not read as a village of another town), and the longest name found wins: in
 * "涂岭镇樟脚新村3组" 樟脚新村, not 樟脚 (the short form of 樟脚村). A town named in the text settles a village name
 * two towns share; a town named that does not have the village found is a conflict for the coordinator.
 * Only configured towns count: routing never names a unit that does not exist.
 */
export function matchPlace(place: unknown, towns: readonly string[], villages: readonly Village[]): PlaceMatch {
  let text = cleanText(place).replaceAll(" ", "");
  if (text === "") return { kind: "none" };
  const townSet = new Set(towns);
  const named: string[] = [];
  // Longest town names first, so a town whose name holds another's is taken out whole.
  for (const town of [...townSet].sort((a, b) => b.length - a.length)) {
    if (town && text.includes(town)) {
      named.push(town);
      text = text.replaceAll(town, "|");
    }
  }
  let best = 0;
  let winners: Village[] = [];
  for (const v of villages) {
    if (!townSet.has(v.town)) continue;
    for (const s of spellings(v.name)) {
      if (s.length < best || !text.includes(s)) continue;
      if (s.length > best) {
        best = s.length;
        winners = [];
      }
      if (!winners.includes(v)) winners.push(v);
    }
  }
  if (winners.length === 0) {
    if (named.length === 1) return { kind: "town", town: named[0] };
    if (named.length > 1) return { kind: "ambiguous", villages: [], towns: named };
    return { kind: "none" };
  }
  const villageTowns = distinct(winners.map((v) => v.town));
  const candidates = named.length > 0 ? villageTowns.filter((t) => named.includes(t)) : villageTowns;
  if (candidates.length === 1) {
    const v = winners.find((w) => w.town === candidates[0])!;
    return { kind: "village", village: v.name, town: v.town };
  }
  if (candidates.length === 0) return { kind: "conflict", village: winners[0].name, villageTowns, namedTown: named[0] };
  return { kind: "ambiguous", villages: distinct(winners.filter((w) => candidates.includes(w.town)).map((w) => w.name)), towns: candidates };
}

function distinct(a: readonly string[]): string[] {
  return [...new Set(a)];
}
