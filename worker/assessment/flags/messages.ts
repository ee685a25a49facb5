import type { Facts, FlagCode } from "../../../ledger/api/flags.ts";

/** A listed flag that stands for more of its dispute (GET /api/flags lists a dispute's latest few): how many more. */
const moreZh = (f: Facts, what: string) => (typeof f.more === "number" && f.more > 0 ? `；本单位同一当事人另有${what} ${f.more} 件，未逐件列出` : "");
const moreEn = (f: Facts, what: string) => (typeof f.more === "number" && f.more > 0 ? `; and ${f.more} more of this unit's ${what} between the same parties, not listed` : "");

const pct = (x: unknown) => (typeof x === "number" ? `${(x * 100).toFixed(1)}%` : "—");

/** zh-CN and English text for each flag, built from its facts. */
export const FLAG_MESSAGES: Record<FlagCode, (f: Facts) => { zh: string; en: string }> = {
  overdue: (f) => ({
    zh: `案件已超期：已办理 ${f.daysOpen} 天，期限 ${f.limitDays} 天（超期 ${f.daysOver} 天）`,
    en: `Overdue: open ${f.daysOpen} days, limit ${f.limitDays} days (${f.daysOver} days over)`,
  }),
  due_soon: (f) => ({
    zh: `案件即将到期：已办理 ${f.daysOpen} 天，期限 ${f.limitDays} 天，剩 ${f.daysLeft} 天`,
    en: `Due soon: open ${f.daysOpen} days, limit ${f.limitDays} days, ${f.daysLeft} days left`,
  }),
  commitment_overdue: (f) => ({
    zh: `承诺逾期未兑现：兑现期限 ${f.commitmentDue}，已逾期 ${f.daysOverdue} 天`,
    en: `Commitment overdue: due ${f.commitmentDue}, ${f.daysOverdue} days late and not met`,
  }),
  confirmation_window_closing: (f) => ({
    zh: `司法确认申请期即将届满：协议于 ${f.closedOn} 生效，须在 ${f.deadline} 前申请，剩 ${f.daysLeft} 天`,
    en: `Judicial confirmation window closing: agreement effective ${f.closedOn}, apply by ${f.deadline}, ${f.daysLeft} days left`,
  }),
  complex_without_mentor: (f) => ({
    zh: `${f.complexity}案件尚未安排金牌调解员导师`,
    en: `${f.complexity === "重大" ? "Major" : "Complex"} case has no gold mentor assigned`,
  }),
  repeat_dispute: (f) => ({
    zh: `重复纠纷：同一申请人与被申请机关在 ${f.previousUnit} 的案件 ${f.previousCaseNo} 已于 ${f.previousClosedOn} 结案，${f.withinMonths} 个月内再次申请${moreZh(f, "重复纠纷")}`,
    en: `Repeat dispute: same parties' case ${f.previousCaseNo} at ${f.previousUnit} concluded ${f.previousClosedOn}; new case within ${f.withinMonths} months${moreEn(f, "repeat cases")}`,
  }),
  same_dispute_two_units: (f) => ({
    zh: `同一纠纷在两个单位台账中：${f.otherUnit} 案件 ${f.otherCaseNo}（同一申请人与被申请机关，办理期间重叠）${moreZh(f, `与 ${f.otherUnit} 重叠的案件`)}`,
    en: `Same dispute in two ledgers: ${f.otherUnit} case ${f.otherCaseNo} (same parties, overlapping dates)${moreEn(f, `cases overlapping ${f.otherUnit}'s`)}`,
  }),
  stale_open_case: (f) => ({
    zh: `在办案件长期未更新：最后更新 ${f.lastChangedOn}，已 ${f.daysSinceChange} 天（阈值 ${f.limitDays} 天）`,
    en: `Open case not updated since ${f.lastChangedOn}: ${f.daysSinceChange} days (threshold ${f.limitDays})`,
  }),
  acceptance_below_target: (f) => ({
    zh: `${f.period} 受理率 ${pct(f.rate)}（${f.num}/${f.den}）低于目标 ${pct(f.target)}`,
    en: `${f.period} acceptance rate ${pct(f.rate)} (${f.num}/${f.den}) below target ${pct(f.target)}`,
  }),
  success_below_target: (f) => ({
    zh: `${f.period} 调解成功率 ${pct(f.rate)}（${f.num}/${f.den}），95% 区间上限 ${pct(f.high)} 仍低于目标 ${pct(f.target)}`,
    en: `${f.period} success rate ${pct(f.rate)} (${f.num}/${f.den}); even the 95% upper bound ${pct(f.high)} is below target ${pct(f.target)}`,
  }),
  ledger_not_pushed: (f) => ({
    zh: f.lastPushedOn == null ? `台账从未上报` : `台账已 ${f.daysSincePush} 天未上报（最后上报 ${f.lastPushedOn}，阈值 ${f.limitDays} 天）`,
    en: f.lastPushedOn == null ? `Ledger never pushed` : `Ledger not pushed for ${f.daysSincePush} days (last ${f.lastPushedOn}, threshold ${f.limitDays})`,
  }),
  low_ledger_quality: (f) => ({
    zh: `台账规范率 ${pct(f.rate)}（无错误行 ${f.cleanRows}/${f.rows}，${f.pushedOn} 上报）低于 ${pct(f.threshold)}`,
    en: `Ledger quality ${pct(f.rate)} (${f.cleanRows}/${f.rows} rows without errors, pushed ${f.pushedOn}) below ${pct(f.threshold)}`,
  }),
  town_not_visited: (f) => ({
    zh: `${f.period} 尚无金牌调解员巡回指导记录（上次到访：${f.lastVisitOn ?? "无记录"}）；请安排导师到访，并在巡回指导记录中登记后推送`,
    en: `No circuit visit by a gold mentor recorded for ${f.period} (last visit: ${f.lastVisitOn ?? "none recorded"}); schedule one and record it in the 巡回指导记录 sheet`,
  }),
  transfer_not_received: (f) => ({
    zh: `转交案件未签收：${f.from}于 ${f.transferredOn} 转交${f.lead}，已 ${f.daysWaiting} 天未签收（时限 ${f.limitDays} 天），请督促${f.lead}签收`,
    en: `Transferred case not received: ${f.from} transferred it to ${f.lead} on ${f.transferredOn}, not signed for after ${f.daysWaiting} days (limit ${f.limitDays}); ask ${f.lead} to receive it`,
  }),
  review_failed: (f) => ({
    zh: `评查不合格，需整改（评查得分 ${f.score} 分，低于 ${f.passMark} 分；${f.reviewedOn} 评查）`,
    en: `Failed case-file review, to be put right (scored ${f.score}, below ${f.passMark}; reviewed ${f.reviewedOn})`,
  }),
};
