/**
 * The routing rules: a pushed rule sheet is checked (rule-sheets.ts) and stored as the next version when whole; the
 * rules in force are the latest versions, with DOMAIN §6's map until a domain sheet is pushed.
 */
import type { Domain } from "../../ledger/choices.ts";
import { MAX_RULES_BYTES, MAX_VILLAGES, type DomainSheetPush, type PlaceSheetPush, type RoutingRulesView, type RuleSheetReceipt } from "../../ledger/api/routing.ts";
import { utf8Length } from "../../ledger/utf8-length.ts";
import { DEFAULT_DOMAIN_DEPARTMENTS } from "../../ledger/routing/default-departments.ts";
import type { Village } from "../../ledger/routing/place-sheet.ts";
import { loadRouting, storeSheet } from "../db/routing.ts";
import { ApiError } from "../errors.ts";
import { contentHash } from "../push/content-hash.ts";
import { checkDomainSheet, checkPlaceSheet, type CheckedSheet } from "./rule-sheets.ts";
import { nowIso } from "../../ledger/clock.ts";

const n = (v: number) => v.toLocaleString("en-US");
/** How far past its cap a count is: "20%", or "<1%". */
const overBy = (count: number, cap: number) => {
  const pct = ((count - cap) / cap) * 100;
  return pct < 1 ? "<1%" : `${Math.floor(pct)}%`;
};

const names = (units: { name: string; kind: string }[], kind: string) => units.filter((u) => u.kind === kind).map((u) => u.name);

export async function routingRulesInForce(db: D1Database): Promise<RoutingRulesView> {
  const { domains, places, units } = await loadRouting(db);
  return {
    towns: names(units, "town"),
    departments: names(units, "department"),
    centres: names(units, "centre"),
    domains: domains
      ? { source: "sheet", version: domains.version, pushedAt: domains.pushedAt, map: JSON.parse(domains.rules) as Partial<Record<Domain, string>> }
      : { source: "default", version: null, pushedAt: null, map: { ...DEFAULT_DOMAIN_DEPARTMENTS } },
    places: places
      ? { version: places.version, pushedAt: places.pushedAt, villages: JSON.parse(places.rules) as Village[] }
      : { version: null, pushedAt: null, villages: [] },
  };
}

type Pushed = { kind: "domains"; body: DomainSheetPush } | { kind: "places"; body: PlaceSheetPush };

/**
 * A sheet with an error stores nothing (it would replace the rules in force whole, so it must be whole); an empty
 * sheet is refused outright: pushed by mistake, it would leave every domain without its department.
 */
export async function pushRuleSheet(db: D1Database, p: Pushed, tokenId: number | null): Promise<RuleSheetReceipt> {
  if (p.body.rows.length === 0) {
    throw new ApiError(422, "invalid_request",
      p.kind === "domains"
        ? "领域表没有数据行：推送的表会整体替换现行对照，不能为空 The domain sheet has no rows; a pushed sheet replaces the rules whole, so it cannot be empty"
        : "村居表没有数据行：推送的表会整体替换现行名单，不能为空 The place sheet has no rows; a pushed sheet replaces the list whole, so it cannot be empty",
      { issues: [{ path: "rows", message: "empty", code: "too_small" }] });
  }
  const { units, domains, places } = await loadRouting(db);
  const checked: CheckedSheet<unknown> = p.kind === "domains"
    ? checkDomainSheet(p.body, names(units, "department"))
    : checkPlaceSheet(p.body, names(units, "town"));
  const current = p.kind === "domains" ? domains : places;
  if (checked.rules === null) {
    return { kind: p.kind, stored: false, changed: false, version: current?.version ?? null, rows: checked.rows, rules: current?.ruleCount ?? 0, issues: checked.issues };
  }
  if (p.kind === "places" && checked.ruleCount > MAX_VILLAGES) {
    throw new ApiError(422, "invalid_request",
      `村居表列出 ${n(checked.ruleCount)} 个村（社区），超出上限 ${n(MAX_VILLAGES)} 个 ${overBy(checked.ruleCount, MAX_VILLAGES)}，未保存，现行名单不变。请只列本区的村（社区），或删去重复的行后再推送 `
      + `The place sheet lists ${n(checked.ruleCount)} villages/communities, ${overBy(checked.ruleCount, MAX_VILLAGES)} over the limit of ${n(MAX_VILLAGES)}; nothing was stored. List only the district's own villages and push again`,
      { villages: checked.ruleCount, max: MAX_VILLAGES });
  }
  const rules = JSON.stringify(checked.rules);
  // D1 refuses a row over 2 MB in production only: checked here, so the sheet is refused in words, not a 500.
  const bytes = utf8Length(rules);
  if (bytes > MAX_RULES_BYTES) {
    const what = p.kind === "domains" ? ["领域表", "domain sheet"] : ["村居表", "place sheet"];
    throw new ApiError(422, "invalid_request",
      `${what[0]}保存后有 ${n(bytes)} 字节，超出上限 ${n(MAX_RULES_BYTES)} 字节 ${overBy(bytes, MAX_RULES_BYTES)}，未保存，现行规则不变。请缩短过长的名称，或删去不属于本区的行后再推送 `
      + `The ${what[1]} would take ${n(bytes)} bytes, ${overBy(bytes, MAX_RULES_BYTES)} over the limit of ${n(MAX_RULES_BYTES)}; nothing was stored. Shorten overlong names or remove rows outside the district and push again`,
      { bytes, max: MAX_RULES_BYTES });
  }
  const stored = await storeSheet(db, {
    kind: p.kind, rules, hash: contentHash(rules), ruleCount: checked.ruleCount, rows: checked.rows, tokenId, now: nowIso(),
  });
  return { kind: p.kind, stored: true, changed: stored.changed, version: stored.version, rows: checked.rows, rules: checked.ruleCount, issues: checked.issues };
}
