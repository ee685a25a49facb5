import { CHOICE_VARIANTS, DOMAINS, type Domain } from "../choices.ts";
import type { ColumnKey } from "../columns.ts";
import { normaliseChoice } from "../normalise/choice.ts";
import { cleanText } from "../text.ts";
import type { SheetRow } from "../api/push-rows.ts";
import type { RoutingSuggestion } from "../api/routing.ts";
import { awaitsRouting } from "./awaits-routing.ts";
import { routeCase, type RoutingCase, type RoutingRules } from "./route-case.ts";

/**
 * What routing reads of an intake row: the respondent, the domain (through the ledger's variants: 劳动争议 is
 * 劳动人事争议) and the place. A domain that is not one reads as none, so routing says "no domain" rather than guess.
 */
export function routingCaseOf(values: Partial<Record<ColumnKey, unknown>>): RoutingCase {
  const d = normaliseChoice(values.domain, DOMAINS, CHOICE_VARIANTS.domain);
  return {
    respondent: cleanText(values.respondent) || null,
    domain: d.ok && d.value !== null ? (d.value as Domain) : null,
    place: cleanText(values.place) || null,
  };
}

/** The rows of an intake sheet that still wait to be routed: no unit, or one of the centre's own. */
export function intakeRows<R extends SheetRow<ColumnKey>>(rows: readonly R[], centres: readonly string[]): R[] {
  return rows.filter((r) => awaitsRouting(cleanText(r.values.unit), centres));
}

/** One suggestion per row, in the rows' order (the pane and `tiaojie route` share it). */
export function suggestRoutes(rows: readonly SheetRow<ColumnKey>[], rules: RoutingRules): RoutingSuggestion[] {
  return rows.map((r) => {
    const routing = routeCase(routingCaseOf(r.values), rules);
    return { row: r.row, caseNo: cleanText(r.values.caseNo) || null, ...routing };
  });
}
