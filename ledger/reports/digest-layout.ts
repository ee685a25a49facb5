/**
 * The joint-meeting digest (府院联席会议材料) as sheets: a contents sheet (目录) with the period, the as-of day, when it
 * was made and what each sheet holds, then the sections, one table per sheet so each prints on A4 with its header
 * repeated: the figures by unit (with a native chart where people compare them at a glance), and each list of cases
 * to act on on a sheet of its own, its heading saying what it lists and how that relates to the figures. The pane
 * and `tiaojie digest --out` write the same sheets.
 */
import type { Digest, OutcomeCounts, Rate } from "../api/digest.ts";
import { OUTCOME_KEYS } from "../api/digest.ts";
import { LISTED_PER_DISPUTE } from "../api/flags.ts";
import { judge, JUDGMENT_NOTE, JUDGMENT_TEXT } from "../target-judgment.ts";
import { beijingTimeText, dayText, periodText, TIME_ZONE_NOTE } from "./form-text.ts";
import { fitWidths, pct, type Grid, type GridCell, type GridChart, type GridMerge } from "./grid.ts";
import { FILL_IN, type OfficeLetterhead } from "./office-lines.ts";

export type DigestLocale = "zh-CN" | "en";

export const DIGEST_SECTIONS = [
  "court", "success", "confirmation", "confirmationList", "overdue", "overdueList", "commitments", "commitmentList", "repeats", "respondents",
] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

const SECTION_NAMES: Record<DigestSection | "contents", { zh: string; en: string; aboutZh: string; aboutEn: string }> = {
  contents: { zh: "目录", en: "Contents", aboutZh: "", aboutEn: "" },
  court: { zh: "1 法院委派委托案件", en: "1 Court-referred", aboutZh: "本期新收的法院委派、委托及诉讼阶段案件，按单位、按来源列出办理结果（附图）", aboutEn: "Court-referred cases received in the period: outcomes by unit and by source (chart)" },
  success: { zh: "2 调解成功率", en: "2 Success rates", aboutZh: "本期办结案件的调解成功率、95% 区间及达标判定（附图）", aboutEn: "Success rate of the cases concluded in the period, its 95 % interval and judgment (chart)" },
  confirmation: { zh: "3 司法确认", en: "3 Confirmation", aboutZh: "本期达成的调解协议申请司法确认情况，按单位（附图）", aboutEn: "Agreements of the period taken to judicial confirmation, by unit (chart)" },
  confirmationList: { zh: "3-1 待申请司法确认", en: "3-1 Windows open", aboutZh: "申请期限未届满、尚未申请司法确认的协议清单", aboutEn: "Agreements whose confirmation window is still open" },
  overdue: { zh: "4 超期未结案件", en: "4 Overdue cases", aboutZh: "全区在办案件及其中超过办理期限的，按单位（附图）", aboutEn: "Open cases of the district and those past their time limit, by unit (chart)" },
  overdueList: { zh: "4-1 超期案件清单", en: "4-1 Overdue list", aboutZh: "超过办理期限仍未办结的案件清单", aboutEn: "The open cases past their time limit" },
  commitments: { zh: "5 履行承诺", en: "5 Commitments", aboutZh: "行政机关承诺事项到期、按期兑现、逾期情况，按单位（附图）", aboutEn: "Agencies' commitments due, kept and overdue, by unit (chart)" },
  commitmentList: { zh: "5-1 逾期未兑现承诺", en: "5-1 Overdue commitments", aboutZh: "逾期未兑现的承诺清单", aboutEn: "The commitments overdue" },
  repeats: { zh: "6 重复纠纷", en: "6 Repeat disputes", aboutZh: "同一当事人就同一机关再次申请（判后上访风险）", aboutEn: "The same parties again (risk of petitions after judgment)" },
  respondents: { zh: "7 被申请机关", en: "7 Respondent agencies", aboutZh: "本期新收案件最多的被申请行政机关及办理结果（附图）", aboutEn: "Agencies with the most disputes received in the period and how they ended (chart)" },
};

/** A sheet's name: the section and the period, ≤ 31 characters and none of []:*?/\ (Excel's rules). */
export function digestSheetName(section: DigestSection | "contents", period: string, locale: DigestLocale): string {
  const n = SECTION_NAMES[section];
  return `${locale === "en" ? n.en : n.zh} ${period}`.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

const OUTCOME_LABEL: Record<keyof OutcomeCounts, [string, string]> = {
  received: ["本期新收", "Received"], notAccepted: ["不予受理", "Not accepted"], open: ["调解中", "Open"], success: ["调解成功", "Success"],
  failed: ["调解不成", "Failed"], withdrawn: ["撤回", "Withdrawn"], terminated: ["终止", "Terminated"], referredToTrial: ["移送裁判", "To trial"],
};
const KIND: Record<string, [string, string]> = { town: ["镇（街道）", "Town/street"], department: ["区直部门", "Department"], centre: ["调解中心", "Centre"] };

/** Rows of a landscape A4 page at full scale (11 pt rows, less title, margins and footer), for page breaks. */
const ROWS_PER_PAGE = 30;
/** Width units across landscape A4 at full scale: a chart goes beside its table only when both fit. */
const PAGE_UNITS = 145;
const CHART_COLS = 8;
const CHART_COL_WIDTH = 9;

export interface DigestOptions {
  /** The office the papers come from (填报单位, 联系人, 联系电话); lines to fill in when absent. */
  office?: OfficeLetterhead;
}

class Sheet {
  rows: GridCell[][] = [];
  merges: GridMerge[] = [];
  charts: GridChart[] = [];
  headerRow: number | null = null;
  breaks: number[] = [];
  readonly locale: DigestLocale;
  readonly width: number;
  constructor(locale: DigestLocale, width: number) {
    this.locale = locale;
    this.width = width;
  }
  t = (zh: string, en: string) => (this.locale === "en" ? en : zh);
  line(text: string, style: GridCell["style"], cols = this.width): number {
    this.merges.push({ row: this.rows.length, col: 0, rows: 1, cols });
    this.rows.push([{ v: text, style, ...(style === "title" ? { align: "center" as const } : {}) }]);
    return this.rows.length - 1;
  }
  /** The sheet's one table header: repeated on every printed page and frozen on screen. */
  header(cells: string[]): number {
    this.rows.push(cells.map((v) => ({ v, style: "header" })));
    this.headerRow = this.rows.length - 1;
    return this.headerRow;
  }
  row(values: (GridCell | string | number | null)[], style: GridCell["style"] = "cell"): number {
    this.rows.push(values.map((v) => (v !== null && typeof v === "object" ? { style, ...v } : typeof v === "string" && v.length > 8 ? { v, style, align: "left" as const } : { v, style })));
    return this.rows.length - 1;
  }
  blank(): void {
    this.rows.push([]);
  }
  /**
   * A bar chart of rows [first, last] and value columns [firstCol, lastCol] (contiguous, every one with data):
   * beside the table when both fit across the page, else below it, on a page of its own when the table is long.
   * Parts of a whole (how a unit's cases ended) are stacked, so each bar is the unit's total.
   */
  chart(title: string, first: number, last: number, firstCol: number, lastCol: number, o: { valueFormat?: string; tableUnits: number; parts?: boolean }): void {
    const bars = last - first + 1;
    const besideFits = o.tableUnits + 2 + CHART_COLS * CHART_COL_WIDTH <= PAGE_UNITS;
    const base = { kind: o.parts ? ("stackedBar" as const) : ("bar" as const), title, headerRow: this.headerRow!, firstRow: first, lastRow: last, labelCol: 0, firstValueCol: firstCol, lastValueCol: lastCol, seriesIn: "columns" as const, ...(o.valueFormat ? { valueFormat: o.valueFormat } : {}) };
    if (besideFits) {
      this.charts.push({ ...base, at: { row: this.headerRow!, col: this.width + 1, rows: Math.max(14, Math.min(30, bars * 2 + 6)), cols: CHART_COLS } });
      return;
    }
    this.blank();
    const top = this.rows.length;
    const rows = Math.max(14, Math.min(ROWS_PER_PAGE - 4, bars + 8));
    if (top + rows > ROWS_PER_PAGE) this.breaks.push(top);
    this.charts.push({ ...base, at: { row: top, col: 0, rows, cols: this.width } });
    while (this.rows.length < top + rows) this.blank();
  }
  grid(name: string, o: { max?: number; widths?: (w: number[]) => number[]; frozenCols?: number } = {}): Grid {
    let widths = fitWidths(this.rows, this.merges, { min: 6, max: o.max ?? 36, padding: 1.5 });
    while (widths.length < this.width) widths.push(8);
    if (o.widths) widths = o.widths(widths);
    if (this.charts.some((c) => c.at.col > 0)) {
      // A chart beside the table prints with it: its columns are part of the page's width, and the title and notes
      // read across both rather than wrapping inside a narrow table.
      widths = [...widths.slice(0, this.width), 2, ...Array.from({ length: CHART_COLS }, () => CHART_COL_WIDTH)];
      for (const m of this.merges) if (m.col === 0 && m.cols === this.width) m.cols = widths.length;
    }
    return {
      name, rows: this.rows, merges: this.merges, widths, charts: this.charts, page: { orientation: "landscape" },
      ...(this.headerRow !== null ? { headerRows: { first: this.headerRow, last: this.headerRow } } : {}),
      ...(this.breaks.length > 0 ? { breaksBefore: this.breaks } : {}),
      frozenCols: o.frozenCols ?? 1,
    };
  }
}

/** Printed width of the first `cols` columns once fitted, for deciding where a chart goes. */
const unitsOf = (s: Sheet, cols: number) => fitWidths(s.rows, s.merges, { min: 6, max: 36, padding: 1.5 }).slice(0, cols).reduce((a, b) => a + b + 0.7, 0);

/** Keys with at least one non-zero count in `rows`: a column of zeros is left out (and said so), no empty series. */
function withData<K extends string>(keys: readonly K[], rows: readonly Record<K, number>[]): K[] {
  return keys.filter((k) => rows.some((r) => r[k] !== 0));
}

export function digestLayout(d: Digest, locale: DigestLocale, o: DigestOptions = {}): Grid[] {
  // The court liaison's lists name court cases only: each list says so and how many the district has.
  const court = d.caseLists === "court";
  const name = (s: DigestSection | "contents") => digestSheetName(s, d.period, locale);
  // A sheet as cells refer to it: the section's name, without the period label the tab carries.
  const ref = (s: DigestSection) => (locale === "en" ? SECTION_NAMES[s].en : SECTION_NAMES[s].zh);
  const period = periodText(d.period, locale);
  const asOf = dayText(d.asOf, locale);
  const target = d.settings.successTarget;
  const en = locale === "en";
  const out: Grid[] = [];
  const title = (s: Sheet, zh: string, en_: string) => {
    s.line(s.t(`${zh}（${period}）`, `${en_} (${period})`), "title");
    s.line(s.t(`统计期间：${period}　　统计截至：${asOf}　　单位：件`, `Period: ${period}    As of: ${asOf}    Figures: cases`), "subtitle");
  };
  const unitLabel = (s: Sheet, kind: string) => s.t(...(KIND[kind] ?? [kind, kind]));
  const empty = (s: Sheet, zh: string, en_: string) => s.line(s.t(zh, en_), "note");
  const yes = (s: Sheet, v: boolean) => (v ? s.t("是", "Yes") : s.t("否", "No"));
  const list = (s: Sheet, names: string[]) => names.join(s.t("、", ", "));
  const leftOut = (s: Sheet, labels: [string, string][]) => {
    if (labels.length > 0) s.line(s.t(`${list(s, labels.map((l) => l[0]))}本期均为 0 件，未列出。`, `${list(s, labels.map((l) => l[1]))}: none in the period, not shown.`), "note");
  };

  // 目录
  {
    const s = new Sheet(locale, 3);
    s.line(s.t(`府院联席会议材料（${period}）`, `Joint court–government meeting digest (${period})`), "title");
    const field = (label: string, value: string) => {
      s.merges.push({ row: s.rows.length, col: 1, rows: 1, cols: 2 });
      s.row([label, { v: value, align: "left" }, null]);
    };
    field(s.t("填报单位", "Filed by"), o.office?.filingUnit || `${FILL_IN}${s.t("（盖章）", " (seal)")}`);
    field(s.t("统计期间", "Period"), period);
    field(s.t("统计截至", "As of"), asOf);
    field(s.t("生成时间", "Generated"), beijingTimeText(d.generatedAt, locale));
    field(s.t("联系人", "Contact"), o.office?.contact || FILL_IN);
    field(s.t("联系电话", "Phone"), o.office?.phone || FILL_IN);
    s.blank();
    s.header([s.t("序号", "No."), s.t("工作表", "Sheet"), s.t("内容", "Contents")]);
    DIGEST_SECTIONS.forEach((k, i) => s.row([i + 1, { v: ref(k), align: "left" }, { v: s.t(SECTION_NAMES[k].aboutZh, SECTION_NAMES[k].aboutEn), align: "left" }]));
    s.blank();
    for (const [zh, en_] of [
      ["口径：收案按收案日期、办结与调解成功率按结案日期、承诺按兑现期限计入本期（与考评排名相同）；超期案件和司法确认申请期限按统计截至日列出，不限本期。",
        "Counting: received by the day received, concluded and success by the day closed, commitments by their due date (as the rankings count); overdue cases and confirmation windows are as of the as-of day, whatever the period."],
      [`调解成功率 = 调解成功 ÷（调解成功 + 调解不成 + 终止），撤回、移送裁判不计；目标 ${pct(target)}，达标判定见“${ref("success")}”表下说明。`,
        `Success = success ÷ (success + failed + terminated); withdrawn and to-trial are left out. Target ${pct(target)}; how it is judged is under the table of “${ref("success")}”.`],
      [`司法确认申请期限为协议生效（结案）后 ${d.settings.confirmationWindowDays} 日（人民调解法第三十三条），司法调解不需申请；重复纠纷指前案办结后 ${d.settings.repeatWithinMonths} 个月内同一申请人就同一机关再次申请。`,
        `Judicial confirmation may be applied for within ${d.settings.confirmationWindowDays} days of the agreement (People's Mediation Law art. 33); a court's own mediation needs none. A repeat dispute: the same applicant against the same agency within ${d.settings.repeatWithinMonths} months of a concluded case.`],
      ["当事人为个人的，姓名只写姓氏加“某”；不含证件号码、联系电话和备注。", "A person is named by surname + 某; no ID numbers, phones or notes."],
      ...(court
        ? [["本材料供法院联络员使用：各单位数字为全区全部案件；案件清单（3-1、4-1、5-1、6）只列法院委派、委托、诉讼阶段及司法确认案件，每份清单的标题写明列出件数和全区件数。",
          "For the court liaison: the figures by unit cover every case of the district; the case lists (3-1, 4-1, 5-1, 6) name only court-referred cases, cases at a court stage and cases with judicial confirmation, and each list's heading says how many it lists and how many the district has."]]
        : []),
      [TIME_ZONE_NOTE.zh, TIME_ZONE_NOTE.en],
    ] as const) s.line(s.t(zh, en_), "note");
    // The sentences of the contents column need room; the note lines wrap across all three columns.
    out.push(s.grid(name("contents"), { max: 100, frozenCols: 0, widths: (w) => [en ? 14 : 10, Math.max(w[1] ?? 20, 26), w[2] ?? 60] }));
  }

  // 1 法院委派委托案件: the units, the total, then the same total by source (其中), one table.
  {
    const c = d.courtReferred;
    const keys = ["received", ...withData(OUTCOME_KEYS.filter((k) => k !== "received"), [c.total, ...c.units, ...c.bySource])] as (keyof OutcomeCounts)[];
    const width = 1 + keys.length;
    const s = new Sheet(locale, width);
    title(s, "法院委派、委托案件及办理结果", "Cases referred by the court and their outcomes");
    s.line(s.t(`本期新收的法院相关案件 ${c.total.received} 件：来源为法院委派（诉前）、法院委托（诉中），或处于立案、审判、执行阶段，按收案日期计入本期；不含仅申请司法确认的案件（法院案件表列出这类案件，还列出本期结案的，件数因此多于本表）。办理结果为统计截至日的状态。`,
      `${c.total.received} court cases received in the period: referred by the court (before or during suit) or at filing, trial or enforcement, counted by the day received; cases only taken to judicial confirmation are not counted (the court case sheet lists them, and the cases closed in the period, so it counts more). Outcomes as of the as-of day.`), "note");
    const top = s.header([s.t("单位", "Unit"), ...keys.map((k) => s.t(...OUTCOME_LABEL[k]))]);
    const values = (x: OutcomeCounts) => keys.map((k) => x[k]);
    if (c.units.length === 0) empty(s, "本期没有新收的法院委派、委托案件。", "No court-referred cases received in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, ...values(u)]);
    s.row([{ v: s.t("合计", "Total"), style: "header" }, ...values(c.total)]);
    const sourceLabel = (src: string | null) => src === "法院委派（诉前）" ? s.t("其中：法院委派（诉前）", "of which referred before suit")
      : src === "法院委托（诉中）" ? s.t("其中：法院委托（诉中）", "of which entrusted during suit") : s.t("其中：其他来源（立案/审判/执行阶段）", "of which other sources at a court stage");
    for (const b of c.bySource) s.row([{ v: sourceLabel(b.source), align: "left" }, ...values(b)]);
    leftOut(s, OUTCOME_KEYS.filter((k) => !keys.includes(k)).map((k) => OUTCOME_LABEL[k]));
    // Outcomes only (not 本期新收): the bars then add up to what became of each unit's referrals.
    if (c.units.length > 0 && keys.length > 1) {
      s.chart(s.t("各单位法院委派委托案件办理结果", "Court-referred cases: outcomes by unit"), top + 1, top + c.units.length, 2, width - 1, { tableUnits: unitsOf(s, width), parts: true });
    }
    out.push(s.grid(name("court")));
  }

  // 2 调解成功率: one judgment per rate (ledger/target-judgment.ts), the words the rankings use.
  {
    const c = d.success;
    const width = 8;
    const s = new Sheet(locale, width);
    title(s, "调解成功率", "Mediation success rates");
    s.line(s.t(`本期办结案件：调解成功 ÷（调解成功 + 调解不成 + 终止），撤回、移送裁判不计。目标 ${pct(target)}；案件少的单位区间宽，看区间再下结论。`,
      `Cases concluded in the period: success ÷ (success + failed + terminated); withdrawn and to-trial are left out. Target ${pct(target)}; few cases make a wide interval.`), "note");
    const top = s.header([s.t("单位", "Unit"), s.t("类别", "Kind"), s.t("调解成功", "Success"), s.t("计入分母", "Counted"), s.t("成功率", "Rate"), s.t("95%区间下限", "95% low"), s.t("95%区间上限", "95% high"), s.t("判定", "Judgment")]);
    const figures = (r: Rate): (GridCell | string | number | null)[] => {
      const j = judge(r, target);
      const style = j === "missed" ? "miss" : "cell";
      const p = (x: number | null): GridCell => (x === null ? { v: null } : { v: x, format: "0.0%", shown: pct(x) });
      return [r.num, r.den, { ...p(r.rate), style }, p(r.low), p(r.high), { v: j === "none" ? s.t("本期无办结案件", "No cases concluded") : en ? JUDGMENT_TEXT[j].en : JUDGMENT_TEXT[j].zh, style, align: "left" }];
    };
    if (c.units.length === 0) empty(s, "本期没有办结的案件。", "No cases concluded in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, unitLabel(s, u.kind), ...figures(u)]);
    const unitsEnd = s.rows.length - 1;
    s.row([{ v: s.t("全区", "District"), style: "header" }, null, ...figures(c.district)]);
    s.row([{ v: s.t("其中：本期办结的法院委派委托案件", "of which court-referred cases concluded"), style: "header", align: "left" }, null, ...figures(c.courtReferred)]);
    s.line(s.t(JUDGMENT_NOTE.zh, JUDGMENT_NOTE.en), "note");
    if (c.units.some((u) => u.rate !== null)) {
      s.chart(s.t("各单位调解成功率", "Success rate by unit"), top + 1, unitsEnd, 4, 4, { valueFormat: "0%", tableUnits: unitsOf(s, width) });
    }
    out.push(s.grid(name("success")));
  }

  // 3 司法确认 by unit
  {
    const c = d.confirmation;
    const keys = withData(["applied", "windowOpen", "lapsed"] as const, [c.total, ...c.units]);
    const labels: Record<(typeof keys)[number], [string, string]> = { applied: ["已申请", "Applied"], windowOpen: ["期限内未申请", "Window open"], lapsed: ["逾期未申请", "Lapsed"] };
    const width = 3 + keys.length;
    const s = new Sheet(locale, width);
    title(s, "司法确认", "Judicial confirmation");
    s.line(s.t(`本期达成的调解协议（本期调解成功结案，不含司法调解）：已申请司法确认、仍在 ${d.settings.confirmationWindowDays} 日申请期限内、已过期限未申请。全区全部案件。`,
      `Agreements reached in the period (concluded with success, not court mediation): applied, still within the ${d.settings.confirmationWindowDays}-day window, window passed. Every case of the district.`), "note");
    const top = s.header([s.t("单位", "Unit"), s.t("达成协议", "Agreements"), ...keys.map((k) => s.t(...labels[k])), s.t("申请率", "Applied share")]);
    const share = (a: number, n: number): GridCell => (n === 0 ? { v: null } : { v: a / n, format: "0.0%", shown: pct(a / n) });
    if (c.units.length === 0) empty(s, "本期没有达成调解协议。", "No agreements in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, u.agreements, ...keys.map((k) => u[k]), share(u.applied, u.agreements)]);
    s.row([{ v: s.t("合计", "Total"), style: "header" }, c.total.agreements, ...keys.map((k) => c.total[k]), share(c.total.applied, c.total.agreements)]);
    leftOut(s, (["applied", "windowOpen", "lapsed"] as const).filter((k) => !keys.includes(k)).map((k) => labels[k]));
    if (c.units.length > 0 && keys.length > 0) {
      s.chart(s.t("各单位调解协议司法确认情况", "Agreements and judicial confirmation by unit"), top + 1, top + c.units.length, 2, 1 + keys.length, { tableUnits: unitsOf(s, width), parts: true });
    }
    out.push(s.grid(name("confirmation")));
  }

  // 3-1 the windows still open
  {
    const c = d.confirmation;
    const s = new Sheet(locale, 8);
    title(s, "待申请司法确认的调解协议", "Agreements whose confirmation window is open");
    s.line(court
      ? s.t(`申请期限未届满、尚未申请司法确认的协议（截至 ${asOf}，不限本期结案）：仅列出法院相关案件 ${c.closing.length} 件。剩余天数为红色的，不足 ${d.settings.confirmationWarnDays} 日。`,
        `Agreements not yet taken to confirmation whose window is open on ${asOf} (closed in any period): court cases only, ${c.closing.length} listed. Days left in red: ${d.settings.confirmationWarnDays} or fewer.`)
      : s.t(`申请期限未届满、尚未申请司法确认的协议（截至 ${asOf}，不限本期结案），共 ${c.closing.length} 件。剩余天数为红色的，不足 ${d.settings.confirmationWarnDays} 日。`,
        `Agreements not yet taken to confirmation whose window is open on ${asOf} (closed in any period): ${c.closing.length}. Days left in red: ${d.settings.confirmationWarnDays} or fewer.`), "note");
    s.header([s.t("单位", "Unit"), s.t("案件编号", "Case no."), s.t("结案日期", "Closed"), s.t("申请截止日", "Deadline"), s.t("剩余天数", "Days left"), s.t("被申请人", "Respondent"), s.t("纠纷领域", "Domain"), s.t("法院委派委托", "Court-referred")]);
    if (c.closing.length === 0) {
      if (court) empty(s, "没有申请期限未届满的法院案件协议（本表只列法院相关案件）。", "No court case's agreement has an open window (court cases only).");
      else empty(s, "没有申请期限未届满的协议。", "No agreement has an open window.");
    }
    for (const x of c.closing) s.row([{ v: x.unit, align: "left" }, x.caseNo, dayText(x.closedOn, locale), dayText(x.deadline, locale), { v: x.daysLeft, style: x.urgent ? "miss" : "cell" }, { v: x.respondent, align: "left" }, x.domain, yes(s, x.courtReferred)]);
    out.push(s.grid(name("confirmationList")));
  }

  // 4 超期未结案件 by unit (every case), 4-1 the list (court cases only for the court liaison)
  const overdueAll = d.overdue.units.reduce((n, u) => n + u.overdue, 0);
  {
    const c = d.overdue;
    const width = 3;
    const s = new Sheet(locale, width);
    title(s, "超期未结案件", "Overdue open cases");
    const listed = c.cases.length;
    s.line(s.t(`全区全部案件：截至 ${asOf} 仍在调解的 ${c.units.reduce((n, u) => n + u.open, 0)} 件，其中已超过办理期限的 ${overdueAll} 件（不限本期收案）。${court ? `“${ref("overdueList")}”仅列出其中的法院相关案件 ${listed} 件。` : `清单见“${ref("overdueList")}”。`}`,
      `Every case of the district: ${c.units.reduce((n, u) => n + u.open, 0)} still open on ${asOf}, ${overdueAll} of them past their time limit (received in any period). ${court ? `“${ref("overdueList")}” lists only the ${listed} court cases among them.` : `They are listed in “${ref("overdueList")}”.`}`), "note");
    const top = s.header([s.t("单位", "Unit"), s.t("在办案件", "Open"), s.t("其中超期", "Overdue")]);
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, u.open, u.overdue]);
    if (c.units.length === 0) empty(s, "没有在办案件。", "No open cases.");
    else s.row([{ v: s.t("合计", "Total"), style: "header" }, c.units.reduce((n, u) => n + u.open, 0), overdueAll]);
    if (c.units.length > 0) {
      s.chart(s.t("各单位在办及超期案件", "Open and overdue cases by unit"), top + 1, top + c.units.length, 1, overdueAll > 0 ? 2 : 1, { tableUnits: unitsOf(s, width) });
    }
    out.push(s.grid(name("overdue"), { widths: (w) => [Math.max(w[0], 14), Math.max(w[1], 10), Math.max(w[2], 10)] }));
  }
  {
    const c = d.overdue;
    const s = new Sheet(locale, 10);
    const heading = court
      ? s.t(`超期案件清单：仅列出法院相关案件 ${c.cases.length} 件；全区超期未结 ${overdueAll} 件（见“${ref("overdue")}”）。`,
        `Overdue cases: court cases only, ${c.cases.length} listed; ${overdueAll} overdue in the district (see “${ref("overdue")}”).`)
      : c.cases.length === overdueAll
        ? s.t(`超期案件清单：全区超期未结 ${overdueAll} 件，全部列出，超期最久的在前。`, `Overdue cases: all ${overdueAll} of the district, longest overdue first.`)
        : s.t(`超期案件清单：列出 ${c.cases.length} 件；全区超期未结 ${overdueAll} 件。`, `Overdue cases: ${c.cases.length} listed; ${overdueAll} overdue in the district.`);
    title(s, "超期未结案件清单", "Overdue open cases: the list");
    s.line(heading, "note");
    s.header([s.t("单位", "Unit"), s.t("案件编号", "Case no."), s.t("收案日期", "Received"), s.t("案件来源", "Source"), s.t("所处阶段", "Stage"), s.t("纠纷领域", "Domain"), s.t("被申请人", "Respondent"), s.t("期限（天）", "Limit (days)"), s.t("应结日期", "Due"), s.t("超期天数", "Days over")]);
    if (c.cases.length === 0) {
      if (court && overdueAll > 0) empty(s, `全区超期未结 ${overdueAll} 件，均不是法院相关案件，本表不列出。`, `${overdueAll} overdue cases in the district, none of them court cases: not listed here.`);
      else empty(s, "没有超期案件。", "No overdue cases.");
    }
    for (const x of c.cases) s.row([{ v: x.unit, align: "left" }, x.caseNo, dayText(x.receivedOn, locale), x.source, x.stage, x.domain, { v: x.respondent, align: "left" }, x.limitDays, dayText(x.dueOn, locale), { v: x.daysOver, style: "miss" }]);
    out.push(s.grid(name("overdueList")));
  }

  // 5 履行承诺 by unit, 5-1 the overdue ones
  {
    const c = d.commitments;
    const all = ["kept", "keptLate", "overdue", "pending"] as const;
    const labels: Record<(typeof all)[number], [string, string]> = { kept: ["按期兑现", "Kept"], keptLate: ["逾期兑现", "Kept late"], overdue: ["逾期未兑现", "Overdue"], pending: ["未到期", "Not yet due"] };
    const keys = withData(all, [c.total, ...c.units]);
    const width = 2 + keys.length;
    const s = new Sheet(locale, width);
    title(s, "行政机关履行承诺情况", "Agencies' commitments");
    const kr = c.keptRate;
    const range = kr.low === null || kr.high === null ? "" : s.t(`，95%区间 ${pct(kr.low)}–${pct(kr.high)}`, `, 95 % interval ${pct(kr.low)}–${pct(kr.high)}`);
    s.line(s.t(`兑现期限在本期的承诺 ${c.total.due} 项（全区全部案件）：按期兑现 ${c.total.kept} 项${kr.rate === null ? "" : `（${pct(kr.rate)}${range}）`}，逾期兑现 ${c.total.keptLate} 项，逾期未兑现 ${c.total.overdue} 项，未到期 ${c.total.pending} 项。`,
      `${c.total.due} commitments due in the period (every case of the district): ${c.total.kept} kept on time${kr.rate === null ? "" : ` (${pct(kr.rate)}${range})`}, ${c.total.keptLate} kept late, ${c.total.overdue} overdue, ${c.total.pending} not yet due.`), "note");
    const top = s.header([s.t("单位", "Unit"), s.t("到期承诺", "Due"), ...keys.map((k) => s.t(...labels[k]))]);
    if (c.units.length === 0) empty(s, "本期没有到期的承诺。", "No commitments due in this period.");
    for (const u of c.units) s.row([{ v: u.unit, align: "left" }, u.due, ...keys.map((k) => u[k])]);
    s.row([{ v: s.t("合计", "Total"), style: "header" }, c.total.due, ...keys.map((k) => c.total[k])]);
    leftOut(s, all.filter((k) => !keys.includes(k)).map((k) => labels[k]));
    if (c.units.length > 0 && keys.length > 0) {
      s.chart(s.t("各单位承诺兑现情况", "Commitments by unit"), top + 1, top + c.units.length, 2, width - 1, { tableUnits: unitsOf(s, width), parts: true });
    }
    out.push(s.grid(name("commitments")));
  }
  {
    const c = d.commitments;
    const s = new Sheet(locale, 6);
    title(s, "逾期未兑现的承诺", "Overdue commitments");
    s.line(court
      ? s.t(`兑现期限在本期、截至 ${asOf} 逾期未兑现的承诺：仅列出法院相关案件 ${c.overdueCases.length} 项；全区逾期未兑现 ${c.total.overdue} 项（见“${ref("commitments")}”）。`,
        `Commitments due in the period and overdue on ${asOf}: court cases only, ${c.overdueCases.length} listed; ${c.total.overdue} overdue in the district (see “${ref("commitments")}”).`)
      : s.t(`兑现期限在本期、截至 ${asOf} 逾期未兑现的承诺，共 ${c.total.overdue} 项${c.overdueCases.length === c.total.overdue ? "，全部列出" : `，列出 ${c.overdueCases.length} 项`}，逾期最久的在前。`,
        `Commitments due in the period and overdue on ${asOf}: ${c.total.overdue}${c.overdueCases.length === c.total.overdue ? ", all listed" : `, ${c.overdueCases.length} listed`}, longest overdue first.`), "note");
    s.header([s.t("单位", "Unit"), s.t("案件编号", "Case no."), s.t("被申请人", "Respondent"), s.t("承诺事项", "Commitment"), s.t("兑现期限", "Due"), s.t("逾期天数", "Days overdue")]);
    if (c.overdueCases.length === 0) {
      if (court && c.total.overdue > 0) empty(s, `逾期未兑现的承诺 ${c.total.overdue} 项，均不是法院相关案件，本表不列出。`, `${c.total.overdue} overdue commitments, none of them court cases: not listed here.`);
      else empty(s, "没有逾期未兑现的承诺。", "No overdue commitments.");
    }
    for (const x of c.overdueCases) s.row([{ v: x.unit, align: "left" }, x.caseNo, { v: x.respondent, align: "left" }, { v: x.commitment, align: "left" }, dayText(x.commitmentDue, locale), { v: x.daysOverdue, style: "miss" }]);
    out.push(s.grid(name("commitmentList"), { widths: (w) => w.map((x, i) => (i === 3 ? Math.max(x, 30) : x)) }));
  }

  // 6 重复纠纷
  {
    const c = d.repeats;
    const width = 12;
    const s = new Sheet(locale, width);
    title(s, "重复纠纷（判后上访风险）", "Repeat disputes (risk of petitions after judgment)");
    const listed = c.cases.length + c.cases.reduce((n, x) => n + x.more, 0);
    s.line(s.t(`本期新收案件中，同一申请人在前案办结后 ${d.settings.repeatWithinMonths} 个月内就同一机关再次申请的，全区 ${c.total} 件，其中前案为法院委派委托、诉讼阶段或司法确认案件的 ${c.afterCourt} 件（红色，排在前面）。${court ? `本表仅列出本案或前案为法院相关案件的 ${listed} 件。` : ""}同一纠纷多次重复的，列出最近 ${LISTED_PER_DISPUTE} 件，其余注明件数。`,
      `${c.total} cases received in the period repeat a dispute concluded within ${d.settings.repeatWithinMonths} months (the district); ${c.afterCourt} follow a case of the court (red, listed first).${court ? ` Only the ${listed} where this case or the earlier one is a court case are listed.` : ""} A dispute repeated more often is listed by its latest ${LISTED_PER_DISPUTE}, with how many more.`), "note");
    s.header([s.t("单位", "Unit"), s.t("案件编号", "Case no."), s.t("收案日期", "Received"), s.t("申请人", "Applicant"), s.t("被申请人", "Respondent"), s.t("纠纷领域", "Domain"), s.t("本案状态", "Status"),
      s.t("前案单位", "Earlier unit"), s.t("前案编号", "Earlier case"), s.t("前案结案", "Earlier closed"), s.t("前案结果", "Earlier outcome"), s.t("前案为法院案件", "Earlier was the court's")]);
    if (c.cases.length === 0) {
      if (court && c.total > 0) empty(s, `本期重复纠纷 ${c.total} 件，均不涉及法院相关案件，本表不列出。`, `${c.total} repeat disputes this period, none involving a court case: not listed here.`);
      else empty(s, "本期没有重复纠纷。", "No repeat disputes in this period.");
    }
    for (const x of c.cases) {
      const p = x.previous;
      // The court liaison is not given an earlier case that was no court case, only that there was one.
      const previous = p
        ? [{ v: p.unit, align: "left" as const }, p.caseNo, dayText(p.closedOn, locale), p.status, yes(s, p.courtCase)]
        : [{ v: s.t("前案非法院案件", "Earlier case not the court's"), align: "left" as const }, null, null, null, yes(s, false)];
      s.row([{ v: x.unit, align: "left" }, x.caseNo, dayText(x.receivedOn, locale), x.applicant, { v: x.respondent, align: "left" }, x.domain, x.status, ...previous],
        p?.courtCase ? "miss" : "cell");
      if (x.more > 0) {
        s.line(s.t(`${x.applicant} 与 ${x.respondent}：本期另有重复纠纷 ${x.more} 件，未逐件列出。`,
          `${x.applicant} v ${x.respondent}: ${x.more} more repeat cases this period, not listed.`), "note");
      }
    }
    out.push(s.grid(name("repeats"), { max: 20 }));
  }

  // 7 被申请机关
  {
    const c = d.respondents;
    const keys = ["received", ...withData(OUTCOME_KEYS.filter((k) => k !== "received"), [...c.top, c.others])] as (keyof OutcomeCounts)[];
    const width = 1 + keys.length;
    const s = new Sheet(locale, width);
    title(s, "被申请行政机关", "Respondent agencies");
    s.line(s.t(`本期新收案件（全区全部案件）涉及 ${c.agencies} 个被申请机关，按新收件数列出前 ${c.top.length} 个，其余合并为“其他机关”。办理结果为统计截至日的状态。`,
      `Cases received in the period (every case of the district) name ${c.agencies} agencies; the ${c.top.length} with most cases are listed, the rest summed as other agencies. Outcomes as of the as-of day.`), "note");
    const top = s.header([s.t("被申请机关", "Agency"), ...keys.map((k) => s.t(...OUTCOME_LABEL[k]))]);
    const values = (x: OutcomeCounts) => keys.map((k) => x[k]);
    if (c.top.length === 0) empty(s, "本期没有新收案件。", "No cases received in this period.");
    for (const a of c.top) s.row([{ v: a.respondent, align: "left" }, ...values(a)]);
    if (c.others.received > 0) s.row([{ v: s.t("其他机关", "Other agencies"), style: "header" }, ...values(c.others)]);
    leftOut(s, OUTCOME_KEYS.filter((k) => !keys.includes(k)).map((k) => OUTCOME_LABEL[k]));
    if (c.top.length > 0 && keys.length > 1) {
      s.chart(s.t("被申请机关案件及办理结果", "Disputes by agency and how they ended"), top + 1, top + c.top.length, 2, width - 1, { tableUnits: unitsOf(s, width), parts: true });
    }
    out.push(s.grid(name("respondents")));
  }
  return out;
}
