import type { Domain } from "../choices.ts";
import { cleanText } from "../text.ts";
import { matchPlace, type PlaceMatch } from "./place-match.ts";
import type { Village } from "./place-sheet.ts";
import { routingReason } from "./reasons.ts";

/** What routing reads of a case: the agency complained of, the domain and where it happened. */
export interface RoutingCase {
  respondent: string | null;
  domain: Domain | null;
  place: string | null;
}

/** The district as configured: its units by kind, and the coordinator's two rule sheets (or the default map). */
export interface RoutingRules {
  /** Names of the units of kind town. */
  towns: readonly string[];
  /** Names of the units of kind department. */
  departments: readonly string[];
  /** Domain → department in charge (domainDepartments(): the pushed sheet, else the default). */
  domainDepartments: Readonly<Partial<Record<Domain, string>>>;
  villages: readonly Village[];
}

export type RoutingBasis = "respondent" | "domain" | "place";

export interface Routing {
  /** The unit that handles the case (承办), or null when the coordinator must decide. */
  lead: string | null;
  /** The unit that assists (协办), if any. */
  assist: string | null;
  basis: RoutingBasis | null;
  reason: { zh: string; en: string };
}

/** Everything routing found, for the reason to say. */
export interface RoutingFacts {
  basis: RoutingBasis | null;
  lead: string | null;
  assist: string | null;
  respondent: string | null;
  /** The town whose government is the respondent. */
  respondentTown: string | null;
  domain: Domain | null;
  /** The domain's department in charge by the map, configured as a unit or not. */
  department: string | null;
  departmentConfigured: boolean;
  place: string | null;
  placeMatch: PlaceMatch;
}

/**
 * Routes one incoming case (分流, DOMAIN §6: 属地管理、归口负责、谁主管谁负责), in this order:
 * 1. the respondent is a town's government (its name holds a configured town: 涂岭镇人民政府) → that town leads,
 *    the domain's department assists;
 * 2. the domain has a configured department in charge → it leads, the town of the place assists;
 * 3. the place names a village or community of one town, or a town → that town leads;
 * 4. otherwise no lead: the coordinator decides, and the reason says what is missing or unclear.
 * A place that fits villages of two towns names no town, so it neither leads (3) nor assists (2).
 */
export function routeCase(c: RoutingCase, rules: RoutingRules): Routing {
  const respondent = cleanText(c.respondent) || null;
  const place = cleanText(c.place) || null;
  const department = c.domain ? rules.domainDepartments[c.domain] ?? null : null;
  const departmentConfigured = department !== null && rules.departments.includes(department);
  const placeMatch = matchPlace(place, rules.towns, rules.villages);
  const placeTown = placeMatch.kind === "village" || placeMatch.kind === "town" ? placeMatch.town : null;
  const respondentTown = respondent ? townOfRespondent(respondent, rules.towns) : null;

  let basis: RoutingBasis | null = null;
  let lead: string | null = null;
  let assist: string | null = null;
  if (respondentTown) {
    basis = "respondent";
    lead = respondentTown;
    assist = departmentConfigured ? department : null;
  } else if (departmentConfigured) {
    basis = "domain";
    lead = department;
    assist = placeTown;
  } else if (placeTown) {
    basis = "place";
    lead = placeTown;
  }
  if (assist === lead) assist = null;
  const facts: RoutingFacts = {
    basis, lead, assist, respondent, respondentTown, domain: c.domain, department, departmentConfigured, place, placeMatch,
  };
  return { lead, assist, basis, reason: routingReason(facts) };
}

/**
 * The town whose government the respondent is: the one configured town its name holds (longest first, so a town
 * whose name holds another's wins). Two different towns in one name say nothing certain, so none.
 */
function townOfRespondent(respondent: string, towns: readonly string[]): string | null {
  let text = respondent.replaceAll(" ", "");
  const found: string[] = [];
  for (const town of [...towns].sort((a, b) => b.length - a.length)) {
    if (town && text.includes(town)) {
      found.push(town);
      text = text.replaceAll(town, "|");
    }
  }
  return found.length === 1 ? found[0] : null;
}
