import type { PlaceMatch } from "./place-match.ts";
import type { RoutingFacts } from "./route-case.ts";

/**
 * The words of a routing decision, in Chinese and English, apart from the decision itself (route-case.ts): what
 * matched, who leads and assists, and, when no one leads, what the coordinator has to decide.
 */
export function routingReason(f: RoutingFacts): { zh: string; en: string } {
  return { zh: zh(f), en: en(f) };
}

function zh(f: RoutingFacts): string {
  const domain = zhDomain(f);
  const place = zhPlace(f.place, f.placeMatch);
  switch (f.basis) {
    case "respondent":
      return `被申请人“${f.respondent}”是${f.lead}的政府机关，由${f.lead}承办` + (f.assist ? `；${domain}，${f.assist}协办。` : "。");
    case "domain":
      return `${domain}，${f.lead}承办；${place}，` + (f.assist ? `${f.assist}协办。` : zhNoAssist(f.placeMatch));
    case "place":
      return `${domain}；${place}，由${f.lead}承办。`;
    default:
      return `${domain}；${place}。请协调员指定承办单位。`;
  }
}

function zhDomain(f: RoutingFacts): string {
  if (f.domain === null) return "未填纠纷领域";
  if (f.department === null) return `领域“${f.domain}”没有主管部门`;
  if (!f.departmentConfigured) return `领域“${f.domain}”的主管部门${f.department}不是已登记的单位`;
  return `领域“${f.domain}”由${f.department}主管`;
}

function zhPlace(place: string | null, m: PlaceMatch): string {
  if (place === null) return "未填纠纷发生地";
  switch (m.kind) {
    case "none": return `发生地“${place}”中没有已登记的村（社区）或镇街`;
    case "village": return `发生地${m.village}属${m.town}`;
    case "town": return `发生地在${m.town}`;
    case "ambiguous":
      return m.villages.length > 0
        ? `发生地“${place}”中的${m.villages.join("、")}在${m.towns.join("、")}都有，不能确定属哪个镇街`
        : `发生地“${place}”同时写了${m.towns.join("、")}`;
    case "conflict": return `发生地写明${m.namedTown}，但${m.village}属${m.villageTowns.join("、")}`;
  }
}

function zhNoAssist(m: PlaceMatch): string {
  return m.kind === "ambiguous" || m.kind === "conflict" ? "协办镇街请协调员确定。" : "无协办单位。";
}

function en(f: RoutingFacts): string {
  const domain = enDomain(f);
  const place = enPlace(f.place, f.placeMatch);
  switch (f.basis) {
    case "respondent":
      return `The respondent "${f.respondent}" is ${f.lead}'s government, so ${f.lead} leads` + (f.assist ? `; ${domain}, so ${f.assist} assists.` : ".");
    case "domain":
      return `${cap(domain)}, so ${f.lead} leads; ${place}, ` + (f.assist ? `so ${f.assist} assists.` : enNoAssist(f.placeMatch));
    case "place":
      return `${cap(domain)}; ${place}, so ${f.lead} leads.`;
    default:
      return `${cap(domain)}; ${place}. The coordinator must choose the lead unit.`;
  }
}

function enDomain(f: RoutingFacts): string {
  if (f.domain === null) return "no domain is given";
  if (f.department === null) return `domain "${f.domain}" has no department in charge`;
  if (!f.departmentConfigured) return `domain "${f.domain}" is in the charge of ${f.department}, which is not a configured unit`;
  return `domain "${f.domain}" is in the charge of ${f.department}`;
}

function enPlace(place: string | null, m: PlaceMatch): string {
  if (place === null) return "no place is given";
  switch (m.kind) {
    case "none": return `the place "${place}" names no listed village, community or town`;
    case "village": return `the place ${m.village} belongs to ${m.town}`;
    case "town": return `the place is in ${m.town}`;
    case "ambiguous":
      return m.villages.length > 0
        ? `${m.villages.join(", ")} in the place "${place}" exists in ${m.towns.join(" and ")}, so its town is unclear`
        : `the place "${place}" names both ${m.towns.join(" and ")}`;
    case "conflict": return `the place names ${m.namedTown}, but ${m.village} belongs to ${m.villageTowns.join(" and ")}`;
  }
}

function enNoAssist(m: PlaceMatch): string {
  return m.kind === "ambiguous" || m.kind === "conflict" ? "so the coordinator must choose the assisting town." : "so no unit assists.";
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
