import { issueMessage, type IssueParams, type Locale } from "../messages.ts";
import type { RuleIssueCode, SharedRuleIssueCode } from "./rule-issues.ts";

/** What a rule sheet's message may mention: the ledger's parameters (`other` names the town for duplicate_place). */
export type RuleIssueParams = IssueParams;

type Wording = (p: RuleIssueParams) => string;
type OwnCode = Exclude<RuleIssueCode, SharedRuleIssueCode>;

const ZH: Record<OwnCode, Wording> = {
  duplicate_domain: (p) =>
    `「${p.header}」“${p.value ?? ""}”已在第${p.firstRow}行指定了主管部门，同一领域只能有一个主管部门，请删去或合并其中一行。`,
  duplicate_place: (p) => `「${p.header}」“${p.value ?? ""}”已在第${p.firstRow}行列入${p.other ?? ""}，这里重复列出，可删去。`,
};

const EN: Record<OwnCode, Wording> = {
  duplicate_domain: (p) =>
    `"${p.header}" "${p.value ?? ""}" already has a department in charge on row ${p.firstRow}; a domain has one department. Remove or merge one of the rows.`,
  duplicate_place: (p) => `"${p.header}" "${p.value ?? ""}" is already listed under ${p.other ?? ""} on row ${p.firstRow}; this entry can go.`,
};

const SHARED = new Set<RuleIssueCode>(["required", "invalid_choice", "unknown_unit", "too_long"]);

export function ruleIssueMessage(code: RuleIssueCode, params: RuleIssueParams, locale: Locale = "zh-CN"): string {
  if (SHARED.has(code)) return issueMessage(code as SharedRuleIssueCode, params, locale);
  return (locale === "en" ? EN : ZH)[code as OwnCode](params);
}
