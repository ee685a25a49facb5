import { detectHeader, type Catalogue } from "../header.ts";
import { ROSTER_CATALOGUE } from "../roster.ts";
import { DOMAIN_RULE_CATALOGUE } from "./domain-sheet.ts";
import { PLACE_RULE_CATALOGUE } from "./place-sheet.ts";
import { RULE_SHEET_MIN_MATCHES } from "./rule-sheet.ts";

/** The two routing rule sheets a coordinator keeps in Excel. */
export type RuleSheetKind = "domains" | "places";

const KINDS: readonly [RuleSheetKind, Catalogue<string>][] = [
  ["domains", DOMAIN_RULE_CATALOGUE],
  ["places", PLACE_RULE_CATALOGUE],
];

const mapped = (h: { columns: object } | null) => (h ? Object.keys(h.columns).length : 0);

/**
 * Which rule sheet a grid is, by its header, or null. A rule sheet must name both its columns, and more of them
 * than the case ledger's or the roster's header detection finds: a ledger has 纠纷领域 and 所属镇（街道） too, but
 * with many more columns around them. A sheet that would be both kinds at once is neither: one table per sheet.
 */
export function ruleSheetKind(grid: readonly (readonly unknown[])[]): RuleSheetKind | null {
  const found = KINDS.filter(([, catalogue]) => {
    const h = detectHeader(grid, { catalogue, minMatches: RULE_SHEET_MIN_MATCHES });
    return h !== null && mapped(h) === catalogue.columns.length;
  });
  if (found.length !== 1) return null;
  const [kind, catalogue] = found[0];
  const others = Math.max(mapped(detectHeader(grid)), mapped(detectHeader(grid, { catalogue: ROSTER_CATALOGUE })));
  return catalogue.columns.length > others ? kind : null;
}
