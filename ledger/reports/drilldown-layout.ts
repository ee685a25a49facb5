/**
 * The drill-down sheet (考评明细) of one unit: a title line, then a section per indicator — a heading with its
 * num/den and what it counts, a header row and its cases, the ones that cost the unit first (the server's order) —
 * so a clerk can find in their ledger the cases behind a rate, and an assessor can count them by hand.
 */
import type { Drilldown } from "../api/drilldown.ts";
import { INDICATORS, type IndicatorKey } from "../api/indicators.ts";
import { COLUMN_KEYS, columnName, type ColumnKey } from "../columns.ts";
import type { Locale } from "../messages.ts";
import { beijingTimeText, dayText, periodText, TIME_ZONE_NOTE } from "./form-text.ts";
import { fitWidths, pct, type Grid, type GridCell, type GridMerge } from "./grid.ts";
import { sectionBreaks } from "./page-breaks.ts";

export function drilldownSheetName(unit: string, period: string): string {
  // Excel sheet names hold at most 31 characters and none of []:*?/\; a unit name is short, but a long one must not break the write.
  return `考评明细 ${unit} ${periodText(period)}`.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

/** Columns of the widest section; the title and headings span them. */
const WIDTH = 7;

/**
 * The sheet holds a table per indicator, each under its own header, so the rows repeated on every printed page are the
 * title (whose unit, which period); each section starts a new page where its heading would otherwise sit at a foot.
 */
export function drilldownLayout(d: Drilldown, locale: Locale): Grid {
  const t = (zh: string, en: string) => (locale === "en" ? en : zh);
  const h = t;
  const sections: { start: number; keep: number }[] = [];
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: WIDTH });
    rows.push([{ v: text, style }]);
  };
  // Sentences (reasons, commitments, messages) read from the left; case numbers, dates and figures are centred.
  const cells = (values: (string | number | null)[], style: GridCell["style"] = "cell"): GridCell[] =>
    values.map((v) => (style === "cell" && typeof v === "string" && v.length > 10 ? { v, style, align: "left" as const } : { v, style }));
  const note = (c: { inLedger: boolean }) => (c.inLedger ? null : t("已不在台账中（仍计入）", "no longer in the ledger (still counted)"));
  const yes = (b: boolean, zh: [string, string], en: [string, string]) => t(b ? zh[0] : zh[1], b ? en[0] : en[1]);

  const section = (k: IndicatorKey, num: number, den: number, headers: string[], body: GridCell[][], empty?: string) => {
    const ind = INDICATORS[k];
    const rate = den === 0 ? t("无数据", "no data") : k === "review" ? `${((num / den) * 100).toFixed(1)}` : pct(num / den);
    const counts = `${Math.round(num * 10) / 10}/${Math.round(den * 10) / 10}`;
    // The heading, its header and its first three rows (or the note saying there are none) stay on one page.
    sections.push({ start: rows.length, keep: 2 + Math.max(1, Math.min(3, body.length)) });
    line(locale === "en" ? `${ind.en} ${counts} = ${rate} — ${ind.definitionEn}` : `${ind.zh} ${counts} = ${rate}　${ind.definitionZh}`, "heading");
    rows.push(cells(headers, "header"));
    if (body.length === 0) line(empty ?? t("本期没有计入的案件", "No cases counted in this period"), "note");
    rows.push(...body);
    rows.push([]);
  };

  const i = d.indicators;
  line(t(`考评明细：${d.unit}（${periodText(d.period)}，统计截至${dayText(d.asOf)}）`, `Assessment detail: ${d.unit} (${periodText(d.period, "en")}, as of ${dayText(d.asOf, "en")})`), "title");
  line(t("每项指标列出计入分母的案件，“计入分子”一列说明是否计入分子；对本单位不利的案件排在前面。",
    "Each indicator lists the cases in its denominator; the numerator column says which count in it. Cases that cost the unit come first."), "subtitle");
  rows.push([]);

  const caseNo = h("案件编号", "Case no.");
  const inNum = h("计入分子", "In numerator");
  const remark = h("备注", "Note");

  section("acceptance", i.acceptance.num, i.acceptance.den,
    [caseNo, h("收案日期", "Received"), h("是否受理", "Accepted"), h("不予受理理由", "Reason not accepted"), h("调解员", "Mediator"), inNum, remark],
    i.acceptance.cases.map((c) => cells([c.caseNo, c.receivedOn, yes(c.accepted, ["是", "否"], ["yes", "no"]), c.rejectReason, c.mediator, yes(c.accepted, ["是", "否"], ["yes", "no"]), note(c)])));

  const outcomeHeaders = [caseNo, h("收案日期", "Received"), h("结案日期", "Closed"), h("办理状态", "Status"), h("所处阶段", "Stage"), inNum, remark];
  section("success", i.success.num, i.success.den, outcomeHeaders, [
    ...i.success.cases.map((c) => cells([c.caseNo, c.receivedOn, c.closedOn, c.status, c.stage, yes(c.inNumerator, ["是", "否"], ["yes", "no"]), note(c)])),
    ...i.success.excluded.map((c) => cells([c.caseNo, c.receivedOn, c.closedOn, c.status, c.stage, t("不计入（撤回、移送裁判不计）", "not counted (withdrawn, referred)"), note(c)])),
  ]);

  section("onTime", i.onTime.num, i.onTime.den,
    [caseNo, h("收案日期", "Received"), h("结案日期", "Closed"), h("办理状态", "Status"), h("用时（天）", "Days taken"), h("期限（天）", "Limit (days)"), h("按期办结", "On time")],
    i.onTime.cases.map((c) => {
      const row = cells([c.caseNo, c.receivedOn, c.closedOn, c.status, c.days, c.limit,
        c.onTime ? t("是", "yes") : t(`否，超期 ${(c.days ?? 0) - c.limit} 天`, `no, ${(c.days ?? 0) - c.limit} days over`)]);
      if (!c.onTime) row[6].style = "miss";
      return row;
    }));

  const STATE = {
    kept: t("按期兑现", "kept"), late: t("逾期兑现", "met late"), overdue: t("逾期未兑现", "overdue, not met"), notYetDue: t("未到期，暂不计入", "not yet due, not counted"),
  } as const;
  section("commitments", i.commitments.num, i.commitments.den,
    [caseNo, h("承诺事项", "Commitment"), h("兑现期限", "Due"), h("兑现日期", "Met on"), h("兑现情况", "State"), inNum, remark],
    [...i.commitments.cases, ...i.commitments.notYetDue].map((c) => {
      const row = cells([c.caseNo, c.commitment, c.commitmentDue, c.commitmentMetOn, STATE[c.state],
        c.state === "notYetDue" ? t("不计入", "not counted") : yes(c.state === "kept", ["是", "否"], ["yes", "no"]), note(c)]);
      if (c.state === "overdue" || c.state === "late") row[4].style = "miss";
      return row;
    }));

  section("preSuit", i.preSuit.num, i.preSuit.den, outcomeHeaders,
    i.preSuit.cases.map((c) => cells([c.caseNo, c.receivedOn, c.closedOn, c.status, c.stage, yes(c.inNumerator, ["是", "否"], ["yes", "no"]), note(c)])));

  const q = i.ledgerQuality;
  const keyName = (key: string) => ((COLUMN_KEYS as readonly string[]).includes(key) ? columnName(key as ColumnKey, locale === "en" ? "en" : "zh-CN") : key);
  // The message says what is wrong in words; the code is the program's, not the clerk's.
  const pushed = q.push === null ? "" : beijingTimeText(q.push.completedAt, locale);
  section("ledgerQuality", q.num, q.den,
    [h("行号", "Row"), h("列", "Column"), h("问题", "Problem")],
    q.rows.flatMap((r) => (r.errors.length === 0 ? [cells([r.row, null, t("该行被退回", "row rejected")])]
      : r.errors.map((e) => cells([r.row, e.column ? `${e.column}（${keyName(e.key)}）` : keyName(e.key), e.message])))),
    q.push === null ? t("本期没有完成的上报", "No completed push in this period")
      : t(`本期最后一次上报（${pushed}）没有退回的行`, `The period's last push (${pushed}) had no rejected rows`));
  if (q.push !== null && q.rows.length > 0) {
    // Which push the row numbers belong to: the clerk's sheet may have moved on since.
    rows.splice(rows.length - 1, 0, [{ v: t(`行号为本期最后一次上报（${pushed}）时工作表中的行。`,
      `Rows as they were in the sheet at the period's last push (${pushed}).`), style: "note" }]);
    merges.push({ row: rows.length - 2, col: 0, rows: 1, cols: WIDTH });
  }

  section("review", i.review.num, i.review.den,
    [caseNo, h("评查日期", "Reviewed on"), h("评查人", "Reviewer"), h("得分", "Score")],
    i.review.cases.map((c) => {
      const row = cells([c.caseNo, c.reviewedOn, c.reviewer, c.score]);
      if (c.score < 60) row[3].style = "miss";
      return row;
    }),
    t("本期没有评查", "No reviews in this period"));

  line(t(TIME_ZONE_NOTE.zh, TIME_ZONE_NOTE.en), "note");
  const grid: Grid = {
    name: locale === "en" ? `Detail ${d.unit} ${periodText(d.period, "en")}`.replace(/[[\]:*?/\\]/g, "-").slice(0, 31) : drilldownSheetName(d.unit, d.period),
    rows, merges, widths: fitWidths(rows, merges, { min: 8, max: 26 }),
    page: { orientation: "landscape" },
    headerRows: { first: 0, last: 0 },
  };
  return { ...grid, breaksBefore: sectionBreaks(grid, sections) };
}
