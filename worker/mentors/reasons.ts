/** Reasons in words (zh-CN first, English second) built from an assignment's cost terms and its target. */
import { periodText } from "../../ledger/reports/form-text.ts";
import type { Network, Row } from "./build-network.ts";
import type { Bilingual, CostConfig, CostTerm, Mentor, Ratio } from "./types.ts";

function percent(rate: Ratio): number {
  return Math.round((100 * rate.num) / rate.den);
}

/** subjectEn is a noun ("the town"): "the town has no closed cases yet", "the town's success rate 62% is below 80%". */
function rateText(rate: Ratio, overdue: number, config: CostConfig, subjectZh: string, subjectEn: string): Bilingual {
  let zh: string;
  let en: string;
  if (rate.den === 0) {
    zh = `${subjectZh}暂无结案数据`;
    en = `${subjectEn} has no closed cases yet`;
  } else {
    const p = percent(rate);
    const below = p < config.weakRatePercent;
    zh = `${subjectZh}调解成功率 ${p}%${below ? ` 低于 ${config.weakRatePercent}%` : ""}`;
    en = `${subjectEn}'s success rate ${p}%${below ? ` is below ${config.weakRatePercent}%` : ""}`;
  }
  if (overdue > 0) {
    zh += `，超期 ${overdue} 件`;
    en += `, ${overdue} overdue case${overdue === 1 ? "" : "s"}`;
  }
  return { zh, en };
}

function has(terms: readonly CostTerm[], name: string): boolean {
  return terms.some((t) => t.name === name);
}

export function assignmentReason(net: Network, row: Row, mentor: Mentor, terms: readonly CostTerm[], config: CostConfig, teamPartner?: Mentor): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (teamPartner) {
    zh.push(`团队帮带（多带一）：与${teamPartner.name}共同指导`);
    en.push(`Team mentoring: together with ${teamPartner.name}`);
  }
  if (row.kind === "case") {
    const c = net.cases[row.target];
    zh.push(`领域匹配：${c.domain}`);
    en.push(`Domain match: ${c.domain}`);
    zh.push(`${c.complexity}案件`);
    en.push(c.complexity === "重大" ? "major case" : "complex case");
    zh.push(`导师单位（${mentor.unit}）不是被申请人`);
    en.push(`the mentor's unit (${mentor.unit}) is not the respondent`);
    if (has(terms, "stability")) {
      zh.push("延续原承办导师");
      en.push("keeps the mentor already on the case");
    }
  } else if (row.kind === "pairing") {
    const s = net.stars[row.target];
    const rate = rateText(s.successRate, s.overdueCases, config, "该星牌调解员", "the star mediator");
    zh.push(`金牌带星牌：${rate.zh}`);
    en.push(`Gold mentors star: ${rate.en}`);
    if (has(terms, "stability")) {
      zh.push("延续上期结对");
      en.push("keeps last period's pairing");
    }
  } else {
    const t = net.towns[row.target];
    const rate = rateText(t.successRate, t.overdueCases, config, "该镇", "the town");
    const required = row.slot <= t.minVisits;
    zh.push(`巡回指导（本期第 ${row.slot} 次${required ? "，必访" : "，薄弱加访"}）：${rate.zh}`);
    en.push(`Circuit visit ${row.slot} this period (${required ? "required" : "extra, for weak spots"}): ${rate.en}`);
    if (has(terms, "unvisited")) {
      zh.push(`上期（${periodText(net.visitPeriod!)}）无巡回指导记录，优先安排`);
      en.push(`no circuit visit recorded last period (${periodText(net.visitPeriod!, "en")}), so it comes first`);
    }
    if (has(terms, "rotation")) {
      zh.push("上期同一导师已安排或到访，轮换扣分，但无更优人选");
      en.push("the same mentor visited last period (rotation penalty), but no better choice was left");
    }
  }
  return { zh: zh.join("；"), en: en.join("; ") };
}

export type UnassignedCause = "noExpert" | "conflict" | "capacity" | "noMentor";

export function unassignedReason(net: Network, row: Row, cause: UnassignedCause, candidates: number, respondent: string): Bilingual {
  if (row.kind === "case") {
    const c = net.cases[row.target];
    if (cause === "noExpert") {
      return { zh: `没有擅长「${c.domain}」领域的在岗金牌调解员`, en: `No active gold mentor has expertise in ${c.domain}` };
    }
    if (cause === "conflict") {
      return {
        zh: `擅长「${c.domain}」领域的金牌调解员均在被申请人单位「${respondent}」工作，须回避（利益冲突）`,
        en: `Every gold mentor with expertise in ${c.domain} works at the respondent ${respondent} (conflict of interest)`,
      };
    }
    return {
      zh: `擅长「${c.domain}」领域且无利益冲突的 ${candidates} 名金牌调解员本期容量已用完`,
      en: `The ${candidates} conflict-free gold mentor(s) with expertise in ${c.domain} have no capacity left this period`,
    };
  }
  if (row.kind === "pairing") {
    if (cause === "noExpert") {
      return { zh: "没有与该星牌调解员领域相同的在岗金牌调解员", en: "No active gold mentor shares the star mediator's domains" };
    }
    return { zh: "本期金牌调解员容量已优先用于复杂案件、必访乡镇和更薄弱的星牌调解员", en: "Mentor capacity this period went to complex cases, required town visits and weaker stars first" };
  }
  if (cause === "noMentor") {
    return { zh: `本期没有在岗金牌调解员，第 ${row.slot} 次必访未安排`, en: `No active gold mentor this period; required visit ${row.slot} is not scheduled` };
  }
  return {
    zh: `本期金牌调解员容量已用完，第 ${row.slot} 次必访未安排`,
    en: `Mentor capacity this period is used up; required visit ${row.slot} is not scheduled`,
  };
}
