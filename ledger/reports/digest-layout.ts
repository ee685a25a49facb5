/**
 * The joint-meeting digest (府院联席会议材料) as sheets: a contents sheet (目录) with the period, the as-of day, when it
 * was made and what each sheet holds, then one sheet per section. Figures people compare at a glance (outcomes by
 * unit, success rates, what became of each agency's cases) get a native chart beside their table; lists of cases
 * to act on stay lists. The pane and `tiaojie digest --out` write the same sheets.
 */
import type { Digest, OutcomeCounts, Rate } from "../api/digest.ts";
import { OUTCOME_KEYS } from "../api/digest.ts";
import { fitWidths, pct, say, type Grid, type GridCell, type GridChart, type GridMerge, type SheetLocale } from "./grid.ts";

export const DIGEST_SECTIONS = ["court", "success", "confirmation", "overdue", "commitments", "repeats", "respondents"] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

const SECTION_NAMES: Record<DigestSection | "contents", { zh: string; en: string; aboutZh: string; aboutEn: string }> = {
  contents: { zh: "目录", en: "Contents", aboutZh: "", aboutEn: "" },
  court: { zh: "1 法院委派委托案件", en: "1 Court-referred", aboutZh: "法院委派、委托及处于立案/审判/执行阶段的案件，按单位列出办理结果（附图）", aboutEn: "Cases referred by the court or before it, outcomes by unit (chart)" },
  success: { zh: "2 调解成功率", en: "2 Success rates", aboutZh: "各单位调解成功率及 95% 区间（附图）", aboutEn: "Success rate of each unit with its 95 % interval (chart)" },
  confirmation: { zh: "3 司法确认", en: "3 Confirmation", aboutZh: "调解协议申请司法确认情况；申请期限将届满的协议", aboutEn: "Agreements taken to judicial confirmation; windows about to close" },
  overdue: { zh: "4 超期未结案件", en: "4 Overdue cases", aboutZh: "超过办理期限仍未办结的案件（附图）", aboutEn: "Open cases past their time limit (chart)" },
  commitments: { zh: "5 履行承诺", en: "5 Commitments", aboutZh: "行政机关承诺事项到期、按期兑现、逾期情况（附图）", aboutEn: "Agencies' commitments due, kept and overdue (chart)" },
  repeats: { zh: "6 重复纠纷", en: "6 Repeat disputes", aboutZh: "同一当事人就同一机关再次申请（判后上访风险）", aboutEn: "The same parties again (risk of petitions after judgment)" },
  respondents: { zh: "7 被申请机关", en: "7 Respondent agencies", aboutZh: "案件最多的被申请行政机关及办理结果（附图）", aboutEn: "Agencies with the most disputes and how they ended (chart)" },
};

/** A sheet's name: the section and the period, ≤ 31 characters and none of []:*?/\ (Excel's rules). */
export function digestSheetName(section: DigestSection | "contents", period: string, locale: SheetLocale): string {
  const n = SECTION_NAMES[section];
  return `${locale === "en" ? n.en : n.zh} ${period}`.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

const OUTCOME_LABEL: Record<keyof OutcomeCounts, [string, string]> = {
  received: ["收案", "Received"], notAccepted: ["不予受理", "Not accepted"], open: ["调解中", "Open"], success: ["调解成功", "Success"],
  failed: ["调解不成", "Failed"], withdrawn: ["撤回", "Withdrawn"], terminated: ["终止", "Terminated"], referredToTrial: ["移送裁判", "To trial"],
};
const KIND: Record<string, [string, string]> = { town: ["镇（街道）", "Town/street"], department: ["区直部门", "Department"], centre: ["调解中心", "Centre"] };

/** The generation time as people in China read it: "2026-10-15 09:30". */
export function chinaTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

class Sheet {
  rows: GridCell[][] = [];
  merges: GridMerge[] = [];
  charts: GridChart[] = [];
  readonly locale: SheetLocale;
  readonly width: number;
  constructor(locale: SheetLocale, width: number) {
    this.locale = locale;
    this.width = width;
  }
  t = (zh: string, en: string) => say(this.locale, zh, en);
  h = (zh: string, en: string) => say(this.locale, zh, en, "\n");
  line(text: string, style: GridCell["style"], cols = this.width): void {
    this.merges.push({ row: this.rows.length, col: 0, rows: 1, cols });
    this.rows.push([{ v: text, style }]);
  }
  header(cells: string[]): number {
    this.rows.push(cells.map((v) => ({ v, style: "header" })));
    return this.rows.length - 1;
  }
  row(values: (GridCell | string | number | null)[], style: GridCell["style"] = "cell"): number {
    this.rows.push(values.map((v) => (v !== null && typeof v === "object" ? { style, ...v } : typeof v === "string" && v.length > 8 ? { v, style, align: "left" as const } : { v, style })));
    return this.rows.length - 1;
  }
  blank(): void {
    this.rows.push([]);
  }
  grid(name: string, o: { max?: number } = {}): Grid {
    return { name, rows: this.rows, merges: this.merges, widths: fitWidths(this.rows, this.merges, { min: 6, max: o.max ?? 36, padding: 1.5 }), charts: this.charts, page: { orientation: "landscape" } };
  }
}

const rateCell = (r: Rate): GridCell => (r.rate === null ? { v: "—" } : { v: r.rate, format: "0.0%", shown: pct(r.rate), style: r.belowTarget ? "miss" : "cell" });
const interval = (r: Rate): string => (r.low === null || r.high === null ? "—" : `${pct(r.low)}–${pct(r.high)}`);

/** A chart to the right of a table: from its header row down as far as the figures need. */
function chartBeside(top: number, width: number, bars: number): GridChart["at"] {
  return { row: top, col: width + 1, rows: Math.max(14, Math.min(30, bars * 2 + 6)), cols: 8 };
}

export function digestLayout(d: Digest, locale: SheetLocale): Grid[] {
  // The court liaison's lists name court cases only: an empty list must not read as "none in the district".
  const court = d.caseLists === "court";
  const name = (s: DigestSection | "contents") => digestSheetName(s, d.period, locale === "both" ? "zh-CN" : locale);
  const out: Grid[] = [];
  const title = (s: Sheet, zh: string, en: string) => {
    s.line(s.t(`${zh}（${d.period}）`, `${en} (${d.period})`), "title");
    s.line(s.t(`统计期间：${d.period}　统计截至：${d.asOf}`, `Period: ${d.period}  As of: ${d.asOf}`), "subtitle");
    s.blank();
  };
  const unitLabel = (s: Sheet, kind: string) => s.t(...(KIND[kind] ?? [kind, kind]));
  const outcomeHeaders = (s: Sheet, first: [string, string]) => [s.h(...first), ...OUTCOME_KEYS.map((k) => s.h(...OUTCOME_LABEL[k]))];
  const outcomeValues = (o: OutcomeCounts) => OUTCOME_KEYS.map((k) => o[k]);
  const empty = (s: Sheet, zh: string, en: string) => s.line(s.t(zh, en), "note");

  // 目录
  {
    const s = new Sheet(locale, 3);
    s.line(s.t(`府院联席会议材料（${d.period}）`, `Joint court–government meeting digest (${d.period})`), "title");
    s.row([s.t("统计期间", "Period"), { v: d.period, align: "left" }, null]);
    s.row([s.t("统计截至", "As of"), { v: d.asOf, align: "left" }, null]);
    s.row([s.t("生成时间", "Generated"), { v: chinaTime(d.generatedAt), align: "left" }, null]);
    s.blank();
    s.header([s.h("序号", "No."), s.h("工作表", "Sheet"), s.h("内容", "Contents")]);
    DIGEST_SECTIONS.forEach((k, i) => s.row([i + 1, { v: name(k), align: "left" }, { v: s.t(SECTION_NAMES[k].aboutZh, SECTION_NAMES[k].aboutEn), align: "left" }]));
    s.blank();
    for (const [zh, en] of [
      ["口径：收案按收案日期、办结与调解成功率按结案日期、承诺按兑现期限计入本期（与考评排名相同）；超期案件和司法确认申请期限按统计截至日列出，不限本期。",
        "Counting: received by the day received, concluded and success by the day closed, commitments by their due date (as the rankings count); overdue cases and confirmation windows are as of the as-of day, whatever the period."],
      [`调解成功率 = 调解成功 ÷（调解成功 + 调解不成 + 终止），撤回、移送裁判不计；红色表示 95% 区间整体低于目标 ${pct(d.settings.successTarget)}。`,
        `Success = success ÷ (success + failed + terminated); withdrawn and to-trial are left out. Red: the whole 95 % interval is below the ${pct(d.settings.successTarget)} target.`],
      [`司法确认申请期限为协议生效（结案）后 ${d.settings.confirmationWindowDays} 日（人民调解法第三十三条），司法调解不需申请；重复纠纷指前案办结后 ${d.settings.repeatWithinMonths} 个月内同一申请人就同一机关再次申请。`,
        `Judicial confirmation may be applied for within ${d.settings.confirmationWindowDays} days of the agreement (People's Mediation Law art. 33); a court's own mediation needs none. A repeat dispute: the same applicant against the same agency within ${d.settings.repeatWithinMonths} months of a concluded case.`],
      ["当事人为个人的，姓名只写姓氏加“某”；不含证件号码、联系电话和备注。", "A person is named by surname + 某; no ID numbers, phones or notes."],
      ...(d.caseLists === "court"
        ? [["本材料供法院联络员使用：各单位数字为全区口径，案件清单只列法院委派、委托、诉讼阶段及司法确认案件。",
          "For the court liaison: the figures by unit cover the district; the case lists name only court-referred cases, cases at a court stage and cases with judicial confirmation."]]
        : []),
    ] as const) s.line(s.t(zh, en), "note");
    const g = s.grid(name("contents"), { max: 60 });
    // The sentences of the contents column need room; the note lines wrap across all three columns.
    g.widths = [locale === "zh-CN" ? 12 : 14, Math.max(g.widths[1] ?? 20, 24), 60];
    out.push(g);
  }

  // 1 法院委派委托案件
  {
    const c = d.courtReferred;
    const width = 1 + OUTCOME_KEYS.length;
    const s = new Sheet(locale, width);
    title(s, "法院委派、委托案件及办理结果", "Cases referred by the court and their outcomes");
    s.line(s.t("本期收案中，来源为法院委派（诉前）、法院委托（诉中），或处于立案、审判、执行阶段的案件；结果为统计截至日的状态。",
      "Cases received in the period that the court referred (before or during suit) or that are at filing, trial or enforcement; outcomes as of the as-of day."), "note");
    const top = s.header(outcomeHeaders(s, ["单位", "Unit"]));
    if (c.units.length === 0) empty(s, "本期没有法院委派、委托的案件。", "No court-referred cases in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, ...outcomeValues(u)]);
    s.row([{ v: s.t("合计", "Total"), style: "header" }, ...outcomeValues(c.total)]);
    if (c.units.length > 0) {
      // Outcomes only (not 收案): the bars then add up to what became of each unit's referrals.
      s.charts.push({ kind: "bar", title: s.t("各单位法院委派委托案件办理结果", "Court-referred cases: outcomes by unit"), headerRow: top, firstRow: top + 1, lastRow: top + c.units.length,
        labelCol: 0, firstValueCol: 2, lastValueCol: width - 1, seriesIn: "columns", at: chartBeside(top, width, c.units.length) });
    }
    s.blank();
    s.line(s.t("按来源", "By source"), "heading");
    s.header(outcomeHeaders(s, ["来源", "Source"]));
    for (const b of c.bySource) s.row([{ v: b.source ?? s.t("其他来源（立案/审判/执行阶段）", "Other sources at a court stage"), align: "left" }, ...outcomeValues(b)]);
    out.push(s.grid(name("court")));
  }

  // 2 调解成功率
  {
    const c = d.success;
    const width = 7;
    const s = new Sheet(locale, width);
    title(s, "调解成功率", "Mediation success rates");
    s.line(s.t(`本期办结案件：调解成功 ÷（调解成功 + 调解不成 + 终止）。目标约 ${pct(d.settings.successTarget)}；案件少的单位区间宽，看区间再下结论。`,
      `Cases concluded in the period: success ÷ (success + failed + terminated). Target about ${pct(d.settings.successTarget)}; few cases make a wide interval.`), "note");
    const top = s.header([s.h("单位", "Unit"), s.h("类别", "Kind"), s.h("调解成功", "Success"), s.h("计入分母", "Counted"), s.h("成功率", "Rate"), s.h("95%区间", "95% interval"), s.h("判断", "Reading")]);
    const reading = (r: Rate) => (r.rate === null ? "—" : r.belowTarget ? s.t("明显低于目标", "clearly below target") : r.low !== null && r.low >= d.settings.successTarget ? s.t("达到目标", "meets target") : s.t("与目标无明显差别", "not clearly off target"));
    if (c.units.length === 0) empty(s, "本期没有办结的案件。", "No cases concluded in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, unitLabel(s, u.kind), u.num, u.den, rateCell(u), interval(u), reading(u)]);
    if (c.units.length > 0) {
      s.charts.push({ kind: "bar", title: s.t("各单位调解成功率", "Success rate by unit"), headerRow: top, firstRow: top + 1, lastRow: top + c.units.length,
        labelCol: 0, firstValueCol: 4, lastValueCol: 4, seriesIn: "columns", valueFormat: "0%", at: chartBeside(top, width, c.units.length) });
    }
    s.row([{ v: s.t("全区", "District"), style: "header" }, null, c.district.num, c.district.den, rateCell(c.district), interval(c.district), reading(c.district)]);
    s.row([{ v: s.t("其中：法院委派委托", "of which court-referred"), style: "header" }, null, c.courtReferred.num, c.courtReferred.den, rateCell(c.courtReferred), interval(c.courtReferred), reading(c.courtReferred)]);
    out.push(s.grid(name("success")));
  }

  // 3 司法确认
  {
    const c = d.confirmation;
    const width = 8;
    const s = new Sheet(locale, width);
    title(s, "司法确认", "Judicial confirmation");
    s.line(s.t(`本期达成的调解协议（调解成功，不含司法调解）：已申请司法确认、仍在 ${d.settings.confirmationWindowDays} 日申请期限内、已过期限未申请。`,
      `Agreements reached in the period (success, not court mediation): applied, still within the ${d.settings.confirmationWindowDays}-day window, window passed.`), "note");
    const top = s.header([s.h("单位", "Unit"), s.h("达成协议", "Agreements"), s.h("已申请", "Applied"), s.h("期限内未申请", "Window open"), s.h("逾期未申请", "Lapsed"), s.h("申请率", "Applied share")]);
    if (c.units.length === 0) empty(s, "本期没有达成调解协议。", "No agreements in this period.");
    const share = (a: number, n: number): GridCell => (n === 0 ? { v: "—" } : { v: a / n, format: "0.0%", shown: pct(a / n) });
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, u.agreements, u.applied, u.windowOpen, u.lapsed, share(u.applied, u.agreements)]);
    s.row([{ v: s.t("合计", "Total"), style: "header" }, c.total.agreements, c.total.applied, c.total.windowOpen, c.total.lapsed, share(c.total.applied, c.total.agreements)]);
    if (c.units.length > 0) {
      s.charts.push({ kind: "bar", title: s.t("各单位调解协议司法确认情况", "Agreements and judicial confirmation by unit"), headerRow: top, firstRow: top + 1, lastRow: top + c.units.length,
        labelCol: 0, firstValueCol: 2, lastValueCol: 4, seriesIn: "columns", at: chartBeside(top, width, c.units.length) });
    }
    s.blank();
    s.line(s.t(`申请期限未届满、尚未申请司法确认的协议（截至 ${d.asOf}，不限本期；红色为剩余不足 ${d.settings.confirmationWarnDays} 日）`,
      `Agreements not yet taken to confirmation whose window is open on ${d.asOf} (any period; red: ${d.settings.confirmationWarnDays} days or fewer left)`), "heading");
    s.header([s.h("单位", "Unit"), s.h("案件编号", "Case no."), s.h("结案日期", "Closed"), s.h("申请截止日", "Deadline"), s.h("剩余天数", "Days left"), s.h("被申请人", "Respondent"), s.h("纠纷领域", "Domain"), s.h("法院委派委托", "Court-referred")]);
    if (c.closing.length === 0) {
      if (court) empty(s, "没有申请期限未届满的法院案件协议（本表只列法院案件）。", "No court case's agreement has an open window (court cases only).");
      else empty(s, "没有申请期限未届满的协议。", "No agreement has an open window.");
    }
    for (const x of c.closing) s.row([{ v: x.unit, align: "left" }, x.caseNo, x.closedOn, x.deadline, x.daysLeft, { v: x.respondent, align: "left" }, x.domain, x.courtReferred ? s.t("是", "yes") : s.t("否", "no")], x.urgent ? "miss" : "cell");
    out.push(s.grid(name("confirmation")));
  }

  // 4 超期未结案件
  {
    const c = d.overdue;
    const width = 10;
    const s = new Sheet(locale, width);
    title(s, "超期未结案件", "Overdue open cases");
    s.line(s.t(`截至 ${d.asOf} 仍在调解、已超过办理期限的案件（不限本期收案），超期最久的在前。`, `Cases still open on ${d.asOf} past their time limit (received in any period), longest overdue first.`), "note");
    const top = s.header([s.h("单位", "Unit"), s.h("在办案件", "Open"), s.h("其中超期", "Overdue")]);
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, u.open, u.overdue]);
    if (c.units.length === 0) empty(s, "没有在办案件。", "No open cases.");
    else s.charts.push({ kind: "bar", title: s.t("各单位在办及超期案件", "Open and overdue cases by unit"), headerRow: top, firstRow: top + 1, lastRow: top + c.units.length,
      labelCol: 0, firstValueCol: 1, lastValueCol: 2, seriesIn: "columns", at: { row: top, col: 4, rows: Math.max(12, c.units.length * 2 + 6), cols: 6 } });
    // The list goes below the chart, whose height is at least 12 rows.
    const chartEnd = c.units.length === 0 ? s.rows.length : top + Math.max(12, c.units.length * 2 + 6);
    while (s.rows.length <= chartEnd) s.blank();
    s.line(s.t(`超期案件（${c.cases.length} 件）`, `Overdue cases (${c.cases.length})`), "heading");
    s.header([s.h("单位", "Unit"), s.h("案件编号", "Case no."), s.h("收案日期", "Received"), s.h("案件来源", "Source"), s.h("所处阶段", "Stage"), s.h("纠纷领域", "Domain"), s.h("被申请人", "Respondent"), s.h("期限（天）", "Limit (days)"), s.h("应结日期", "Due"), s.h("超期天数", "Days over")]);
    if (c.cases.length === 0) {
      const all = c.units.reduce((n, u) => n + u.overdue, 0);
      if (court && all > 0) empty(s, `全区超期未结 ${all} 件，均不是法院案件，本表不列出。`, `${all} overdue cases in the district, none of them court cases: not listed here.`);
      else empty(s, "没有超期案件。", "No overdue cases.");
    }
    for (const x of c.cases) s.row([{ v: x.unit, align: "left" }, x.caseNo, x.receivedOn, x.source, x.stage, x.domain, { v: x.respondent, align: "left" }, x.limitDays, x.dueOn, { v: x.daysOver, style: "miss" }]);
    out.push(s.grid(name("overdue")));
  }

  // 5 履行承诺
  {
    const c = d.commitments;
    const width = 6;
    const s = new Sheet(locale, width);
    title(s, "行政机关履行承诺情况", "Agencies' commitments");
    const kr = c.keptRate;
    s.line(s.t(`兑现期限在本期的承诺 ${c.total.due} 项：按期兑现 ${c.total.kept} 项${kr.rate === null ? "" : `（${pct(kr.rate)}，95%区间 ${interval(kr)}）`}，逾期兑现 ${c.total.keptLate} 项，逾期未兑现 ${c.total.overdue} 项，未到期 ${c.total.pending} 项。`,
      `${c.total.due} commitments due in the period: ${c.total.kept} kept on time${kr.rate === null ? "" : ` (${pct(kr.rate)}, 95 % interval ${interval(kr)})`}, ${c.total.keptLate} kept late, ${c.total.overdue} overdue, ${c.total.pending} not yet due.`), "note");
    const top = s.header([s.h("单位", "Unit"), s.h("到期承诺", "Due"), s.h("按期兑现", "Kept"), s.h("逾期兑现", "Kept late"), s.h("逾期未兑现", "Overdue"), s.h("未到期", "Not yet due")]);
    if (c.units.length === 0) empty(s, "本期没有到期的承诺。", "No commitments due in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, u.due, u.kept, u.keptLate, u.overdue, u.pending]);
    s.row([{ v: s.t("合计", "Total"), style: "header" }, c.total.due, c.total.kept, c.total.keptLate, c.total.overdue, c.total.pending]);
    if (c.units.length > 0) {
      s.charts.push({ kind: "bar", title: s.t("各单位承诺兑现情况", "Commitments by unit"), headerRow: top, firstRow: top + 1, lastRow: top + c.units.length,
        labelCol: 0, firstValueCol: 2, lastValueCol: 5, seriesIn: "columns", at: chartBeside(top, width, c.units.length) });
    }
    s.blank();
    const listTop = Math.max(s.rows.length, c.units.length > 0 ? top + chartBeside(top, width, c.units.length).rows + 1 : 0);
    while (s.rows.length < listTop) s.blank();
    s.line(s.t(`逾期未兑现的承诺（${c.overdueCases.length} 项）`, `Overdue commitments (${c.overdueCases.length})`), "heading");
    s.header([s.h("单位", "Unit"), s.h("案件编号", "Case no."), s.h("被申请人", "Respondent"), s.h("承诺事项", "Commitment"), s.h("兑现期限", "Due"), s.h("逾期天数", "Days overdue")]);
    if (c.overdueCases.length === 0) {
      if (court && c.total.overdue > 0) empty(s, `逾期未兑现的承诺 ${c.total.overdue} 件，均不是法院案件，本表不列出。`, `${c.total.overdue} overdue commitments, none of them court cases: not listed here.`);
      else empty(s, "没有逾期未兑现的承诺。", "No overdue commitments.");
    }
    for (const x of c.overdueCases) s.row([{ v: x.unit, align: "left" }, x.caseNo, { v: x.respondent, align: "left" }, { v: x.commitment, align: "left" }, x.commitmentDue, { v: x.daysOverdue, style: "miss" }]);
    out.push(s.grid(name("commitments")));
  }

  // 6 重复纠纷
  {
    const c = d.repeats;
    const width = 12;
    const s = new Sheet(locale, width);
    title(s, "重复纠纷（判后上访风险）", "Repeat disputes (risk of petitions after judgment)");
    s.line(s.t(`本期收案中，同一申请人在前案办结后 ${d.settings.repeatWithinMonths} 个月内就同一机关再次申请的 ${c.total} 件，其中前案为法院委派委托、诉讼阶段或司法确认案件的 ${c.afterCourt} 件（红色，排在前面）。`,
      `${c.total} cases received in the period repeat a dispute concluded within ${d.settings.repeatWithinMonths} months; ${c.afterCourt} follow a case of the court (red, listed first).`), "note");
    s.header([s.h("单位", "Unit"), s.h("案件编号", "Case no."), s.h("收案日期", "Received"), s.h("申请人", "Applicant"), s.h("被申请人", "Respondent"), s.h("纠纷领域", "Domain"), s.h("本案状态", "Status"),
      s.h("前案单位", "Earlier unit"), s.h("前案编号", "Earlier case"), s.h("前案结案", "Earlier closed"), s.h("前案结果", "Earlier outcome"), s.h("前案为法院案件", "Earlier was the court's")]);
    if (c.cases.length === 0) {
      if (court && c.total > 0) empty(s, `本期重复纠纷 ${c.total} 件，均不涉及法院案件，本表不列出。`, `${c.total} repeat disputes this period, none involving a court case: not listed here.`);
      else empty(s, "本期没有重复纠纷。", "No repeat disputes in this period.");
    }
    for (const x of c.cases) {
      const p = x.previous;
      // The court liaison is not given an earlier case that was no court case, only that there was one.
      const previous = p
        ? [{ v: p.unit, align: "left" as const }, p.caseNo, p.closedOn, p.status, p.courtCase ? s.t("是", "yes") : s.t("否", "no")]
        : [{ v: s.t("前案非法院案件", "Earlier case not the court's"), align: "left" as const }, null, null, null, s.t("否", "no")];
      s.row([{ v: x.unit, align: "left" }, x.caseNo, x.receivedOn, x.applicant, { v: x.respondent, align: "left" }, x.domain, x.status, ...previous],
        p?.courtCase ? "miss" : "cell");
    }
    out.push(s.grid(name("repeats")));
  }

  // 7 被申请机关
  {
    const c = d.respondents;
    const width = 1 + OUTCOME_KEYS.length;
    const s = new Sheet(locale, width);
    title(s, "被申请行政机关", "Respondent agencies");
    s.line(s.t(`本期收案涉及 ${c.agencies} 个被申请机关，按收案数列出前 ${c.top.length} 个，其余合并。`, `Cases received in the period name ${c.agencies} agencies; the ${c.top.length} with most cases are listed, the rest summed.`), "note");
    const top = s.header(outcomeHeaders(s, ["被申请机关", "Agency"]));
    if (c.top.length === 0) empty(s, "本期没有收案。", "No cases received in this period.");
    for (const a of c.top) s.row([{ v: a.respondent, align: "left" }, ...outcomeValues(a)]);
    if (c.others.received > 0) s.row([{ v: s.t("其他机关", "Other agencies"), style: "header" }, ...outcomeValues(c.others)]);
    if (c.top.length > 0) {
      s.charts.push({ kind: "bar", title: s.t("被申请机关案件及办理结果", "Disputes by agency and how they ended"), headerRow: top, firstRow: top + 1, lastRow: top + c.top.length,
        labelCol: 0, firstValueCol: 2, lastValueCol: width - 1, seriesIn: "columns", at: chartBeside(top, width, c.top.length) });
    }
    out.push(s.grid(name("respondents")));
  }
  return out;
}
