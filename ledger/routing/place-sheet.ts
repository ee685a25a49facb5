import { dataRowIndexes } from "../data-rows.ts";
import { detectHeader, type Catalogue, type HeaderResult } from "../header.ts";
import type { Locale } from "../messages.ts";
import { cleanText } from "../text.ts";
import type { ColumnPlaces } from "../sheet-columns.ts";
import type { RuleIssue } from "./rule-issues.ts";
import { LIST_SEPARATORS, RULE_SHEET_MIN_MATCHES, ruleSheetReader, type RuleColumn } from "./rule-sheet.ts";

/**
 * The coordinator's place sheet (村（社区） | 所属镇（街道）): the villages and communities of each town, which routing
 * finds in a case's place. The product keeps no district's villages of its own.
 */
export type PlaceRuleKey = "village" | "town";

export const PLACE_RULE_COLUMNS: readonly RuleColumn<PlaceRuleKey>[] = [
  { key: "village", header: "村（社区）", headerEn: "Village / community", synonyms: ["村居", "社区", "村名", "村（居）", "村居名称", "村（社区）名称", "行政村", "村社区"] },
  { key: "town", header: "所属镇（街道）", headerEn: "Town / street", synonyms: ["镇街", "所属镇", "乡镇", "镇（街道）", "所属镇街", "乡镇（街道）", "所属乡镇"] },
];

export const PLACE_RULE_CATALOGUE: Catalogue<PlaceRuleKey> = { columns: PLACE_RULE_COLUMNS };

/** Names of villages and towns are unit-sized. */
const MAX_NAME = 100;

/** A village or community (村/社区) and the town or street it belongs to. */
export interface Village {
  name: string;
  town: string;
}

export interface PlaceSheetResult {
  header: HeaderResult<PlaceRuleKey>;
  rows: { row: number; villages: Village[]; issues: RuleIssue<PlaceRuleKey>[] }[];
  issues: RuleIssue<PlaceRuleKey>[];
  /** Every village listed once, or null when the sheet has an error (it replaces the list whole). */
  villages: Village[] | null;
}

export interface PlaceSheetOptions {
  locale?: Locale;
  /** The configured towns; when given, a town outside them is unknown_unit. */
  towns?: readonly string[];
  header?: HeaderResult<PlaceRuleKey>;
  columnPlaces?: ColumnPlaces;
}

/**
 * Reads a place sheet row by row; null when the grid has no 村（社区） | 所属镇（街道） header. One row may list several
 * villages of its town ("樟脚村、樟脚新村"). The same name under two towns is allowed: districts have such villages,
 * and routing then leaves the choice to the coordinator.
 */
export function validatePlaceSheet(grid: readonly (readonly unknown[])[], options: PlaceSheetOptions = {}): PlaceSheetResult | null {
  const header = options.header ?? detectHeader(grid, { catalogue: PLACE_RULE_CATALOGUE, minMatches: RULE_SHEET_MIN_MATCHES });
  if (!header) return null;
  const read = ruleSheetReader(header, PLACE_RULE_COLUMNS, { locale: options.locale ?? "zh-CN", columnPlaces: options.columnPlaces });
  const known = options.towns ? new Set(options.towns) : null;
  // town + "\u0000" + village → the row it was first listed on
  const firstRowOf = new Map<string, number>();
  const rows: PlaceSheetResult["rows"] = [];
  const all: RuleIssue<PlaceRuleKey>[] = [];
  const villages: Village[] = [];
  for (const r of dataRowIndexes(grid, header)) {
    const row = r + 1;
    const cells = grid[r];
    const issues: RuleIssue<PlaceRuleKey>[] = [];
    const town = cleanText(read.cell(cells, "town"));
    if (town === "") issues.push(read.issue(row, "town", "required"));
    else if (town.length > MAX_NAME) issues.push(read.issue(row, "town", "too_long", { length: town.length, max: MAX_NAME }));
    else if (known && !known.has(town)) issues.push(read.issue(row, "town", "unknown_unit", { value: town, allowed: [...known] }));
    const names: string[] = [];
    const text = cleanText(read.cell(cells, "village"));
    if (text === "") issues.push(read.issue(row, "village", "required"));
    for (const name of text.split(LIST_SEPARATORS)) {
      if (!name) continue;
      if (name.length > MAX_NAME) {
        issues.push(read.issue(row, "village", "too_long", { length: name.length, max: MAX_NAME }));
        continue;
      }
      const key = `${town}\u0000${name}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) issues.push(read.issue(row, "village", "duplicate_place", { value: name, firstRow: first, other: town }));
      else {
        firstRowOf.set(key, row);
        names.push(name);
      }
    }
    const ok = !issues.some((i) => i.severity === "error");
    const listed = ok ? names.map((name) => ({ name, town })) : [];
    villages.push(...listed);
    rows.push({ row, villages: listed, issues });
    all.push(...issues);
  }
  return { header, rows, issues: all, villages: all.some((i) => i.severity === "error") ? null : villages };
}
