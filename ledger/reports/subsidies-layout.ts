/**
 * The subsidy statements (办案补贴, DOMAIN §7) as payment documents: the district summary by unit and mediator, and
 * each mediator's cases. A document a 财务 office pays from carries the period, the unit of money, a total in
 * capitals (大写) and the 经办人 / 审核 lines; the same layout is written by the CLI and the pane.
 */
import { COMPLEXITIES } from "../choices.ts";
import type { Subsidies } from "../api/subsidies.ts";
import { dayText, periodText, yuanInCapitals } from "./form-text.ts";
import { FILL_IN, filedByLine, type FormOptions } from "./office-lines.ts";
import { fitWidths, type Grid, type GridCell, type GridMerge } from "./grid.ts";

type Locale = "zh-CN" | "en";
const YUAN = "#,##0.00";
const SIGN = FILL_IN;

export function subsidySheetNames(period: string, locale: Locale = "zh-CN"): { summary: string; detail: string } {
  const p = periodText(period, locale);
  return locale === "en" ? { summary: `Subsidy summary ${p}`, detail: `Subsidy statements ${p}` } : { summary: `补贴汇总 ${p}`, detail: `补贴明细 ${p}` };
}

export type SubsidiesLayoutOptions = FormOptions;

const yuanCell = (v: number, style: GridCell["style"] = "cell"): GridCell => ({ v, style, format: YUAN, shown: v.toFixed(2) });
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Builds one sheet: title, the form's lines, a table with its header repeated on every page, the total in capitals, signatures. */
function sheet(o: { name: string; title: string; cols: number; formLines: string[]; header: string[]; body: GridCell[][]; capitals: string; after: string[]; signature: string[]; minWidth: number }): Grid {
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"], align?: "center") => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: o.cols });
    rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
  };
  line(o.title, "title", "center");
  for (const l of o.formLines) line(l, "subtitle");
  const headerRow = rows.length;
  rows.push(o.header.map((v) => ({ v, style: "header" as const })));
  rows.push(...o.body);
  line(o.capitals, "subtitle");
  for (const l of o.after) line(l, "note");
  rows.push([]);
  for (const l of o.signature) line(l, "subtitle");
  const widths = fitWidths(rows, merges, { min: o.minWidth, max: 36, padding: 2 });
  return { name: o.name, rows, merges, widths, page: { orientation: "portrait" }, headerRows: { first: headerRow, last: headerRow } };
}

export function subsidiesLayout(r: Subsidies, locale: Locale, o: SubsidiesLayoutOptions): Grid[] {
  const en = locale === "en";
  const t = (zh: string, eng: string) => (en ? eng : zh);
  const c = en ? ": " : "：";
  const names = subsidySheetNames(r.period, locale);
  const period = periodText(r.period, locale);
  const tiers = COMPLEXITIES.map((k) => `${k} ${r.tiers[k]} ${t("元", "yuan")}`).join(t("、", ", "));
  const source = r.tiersSource === "period" ? t("本期设定", "set for the period") : t("默认标准", "default");
  const formLines = [
    filedByLine(o, locale),
    `${t("补贴期间", "Period")}${c}${period}　　${t("单位：元", "Amounts in yuan")}`,
    t(`补贴标准（${source}）：${tiers}。调解成功且协议已履行的案件计发补贴，同一纠纷只补一次，多名调解员平分。`,
      `Tiers (${source}): ${tiers}. Paid for cases mediated successfully whose agreement was performed; one dispute is paid once, shared equally among its mediators.`),
  ];
  const casesText = (n: number) => (en ? `${n} cases` : `${n} 件`);
  const capitals = (amount: number) => (en ? `Total in words (Chinese capitals): 人民币${yuanInCapitals(amount)}` : `合计金额（大写）：人民币${yuanInCapitals(amount)}`);
  const signature = en
    ? [`Prepared by: ${SIGN}　　Checked by: ${SIGN}`, `Head of office: ${SIGN}　(seal)　　Phone: ${o.office?.phone || SIGN}`]
    : [`经办人：${SIGN}　　审核：${SIGN}`, `单位负责人：${SIGN}　（盖章）　　联系电话：${o.office?.phone || SIGN}`];
  const casesTotal = r.mediators.reduce((s, m) => s + m.cases, 0);

  // The summary: each unit's mediators, the unit's subtotal, the district's total.
  const summary: GridCell[][] = [];
  const units = [...new Set(r.mediators.map((m) => m.unit))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  for (const unit of units) {
    const ms = r.mediators.filter((m) => m.unit === unit);
    for (const m of ms) summary.push([{ v: m.unit, style: "cell", align: "left" }, { v: m.mediator, style: "cell", align: "left" }, { v: m.cases, style: "cell" }, yuanCell(m.amount)]);
    summary.push([{ v: t(`${unit} 小计`, `${unit} subtotal`), style: "header", align: "left" }, { v: null, style: "header" }, { v: ms.reduce((s, m) => s + m.cases, 0), style: "header" },
      yuanCell(round2(ms.reduce((s, m) => s + m.amount, 0)), "header")]);
  }
  summary.push([{ v: t("全区合计", "District total"), style: "header", align: "left" }, { v: null, style: "header" }, { v: casesTotal, style: "header" }, yuanCell(r.total, "header")]);
  const unpriced = r.unpriced.length === 0 ? [] : [
    t(`未计补贴的案件（${r.unpriced.length} 件）：`, `Cases not paid (${r.unpriced.length}):`),
    ...r.unpriced.map((u) => `${u.unit} ${u.caseNo}（${u.payableOn}）${c}${en ? u.reason.en : u.reason.zh}`),
  ];
  const summaryGrid = sheet({
    name: names.summary, title: t(`办案补贴汇总表（${period}）`, `Case subsidy summary, ${period}`), cols: 4, formLines,
    header: [t("单位", "Unit"), t("调解员", "Mediator"), t("案件数（件）", "Cases"), t("金额（元）", "Amount (yuan)")],
    body: summary, capitals: capitals(r.total), after: unpriced, signature, minWidth: 14,
  });

  // Each mediator's cases, then the mediator's total.
  const detail: GridCell[][] = [];
  for (const m of r.mediators) {
    for (const l of r.lines.filter((x) => x.mediator === m.mediator && x.unit === m.unit)) {
      detail.push([
        { v: l.mediator, style: "cell", align: "left" }, { v: l.unit, style: "cell", align: "left" }, { v: l.caseNo, style: "cell" }, { v: l.tier, style: "cell" },
        yuanCell(l.caseAmount), yuanCell(l.amount), { v: l.payableOn, style: "cell" },
        { v: l.sharedBy > 1 ? t(`${l.sharedBy} 人平分`, `shared by ${l.sharedBy}`) : null, style: "cell" },
      ]);
    }
    detail.push([{ v: t(`${m.mediator} 合计`, `${m.mediator} total`), style: "header", align: "left" }, { v: m.unit, style: "header", align: "left" }, { v: casesText(m.cases), style: "header" },
      { v: null, style: "header" }, { v: null, style: "header" }, yuanCell(m.amount, "header"), { v: null, style: "header" }, { v: null, style: "header" }]);
  }
  detail.push([{ v: t("全区合计", "District total"), style: "header", align: "left" }, { v: null, style: "header" }, { v: casesText(casesTotal), style: "header" },
    { v: null, style: "header" }, { v: null, style: "header" }, yuanCell(r.total, "header"), { v: null, style: "header" }, { v: null, style: "header" }]);
  const detailGrid = sheet({
    name: names.detail, title: t(`调解员办案补贴明细表（${period}）`, `Mediators' subsidy statements, ${period}`), cols: 8, formLines,
    header: [t("调解员", "Mediator"), t("单位", "Unit"), t("案件编号", "Case no."), t("难易程度", "Tier"), t("案件金额（元）", "Case (yuan)"), t("本人应得（元）", "Share (yuan)"), t("应付日期", "Payable on"), t("备注", "Note")],
    body: detail, capitals: capitals(r.total), after: [], signature, minWidth: 8,
  });
  return [summaryGrid, detailGrid];
}
