/**
 * The mentor programme's assignments (金牌调解员巡回导师团工作安排) as one sheet to print: complex cases, town visits
 * and star pairings, each with its mentor and the reason in words, then what nobody could take, in red. What the
 * solver weighed (its costs, −1000000 for "must cover") is how it chose, not something a bureau reads: no cell
 * shows it. Reasons come in the sheet's language only. CLI and pane write this layout.
 */
import type { MentorAssignments } from "../api/mentors.ts";
import { beijingTimeText, dayText, periodText, TIME_ZONE_NOTE } from "./form-text.ts";
import { fitWidths, type Grid, type GridCell, type GridMerge } from "./grid.ts";
import { FILL_IN, filedByLine, type FormOptions } from "./office-lines.ts";

type Locale = "zh-CN" | "en";
type Kind = MentorAssignments["assignments"][number]["kind"];
const SIGN = FILL_IN;
const KINDS: Kind[] = ["case", "visit", "pairing"];
export const MENTOR_KIND_TEXT: Record<Kind, { zh: string; en: string }> = {
  case: { zh: "复杂案件帮扶", en: "Complex case" },
  visit: { zh: "巡回指导", en: "Town visit" },
  pairing: { zh: "金牌带星牌", en: "Star pairing" },
};

export function mentorsSheetName(period: string, locale: Locale = "zh-CN"): string {
  return locale === "en" ? `Mentor assignments ${periodText(period, "en")}` : `导师安排 ${periodText(period)}`;
}

export type MentorsLayoutOptions = FormOptions;

export function mentorsLayout(m: MentorAssignments, locale: Locale, o: MentorsLayoutOptions): Grid {
  const en = locale === "en";
  const t = (zh: string, eng: string) => (en ? eng : zh);
  const colon = en ? ": " : "：";
  const header = [t("类别", "Kind"), t("导师", "Mentor"), t("导师单位", "Mentor's unit"), t("帮扶对象", "Target"), t("对象单位", "Target's unit"), t("序次", "Which"), t("安排理由", "Reason")];
  const cols = header.length;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"], align?: "center") => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols });
    rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
  };
  const slotText = (kind: Kind, slot: number) => {
    if (kind === "visit") return t(`第 ${slot} 次`, `Visit ${slot}`);
    return slot >= 2 ? t(`团队第 ${slot} 名`, `Team member ${slot}`) : t("主导师", "Lead mentor");
  };
  // A visit's target is a town: its unit is the town itself, said once.
  const targetUnit = (x: { name: string; unit: string | null }) => (x.unit && x.unit !== x.name ? x.unit : null);
  const text = (v: string | null, style: GridCell["style"] = "cell"): GridCell => ({ v: v || null, style, align: "left" });

  // A plan not computed yet has no time to show (computedAt empty): the line leaves it out rather than fail.
  const computed = Number.isFinite(Date.parse(m.computedAt)) ? `　　${t("计算时间", "Computed")}${colon}${beijingTimeText(m.computedAt, locale)}` : "";
  line(t(`金牌调解员巡回导师团工作安排（${periodText(m.period)}）`, `Gold mediator mentor programme: assignments, ${periodText(m.period, "en")}`), "title", "center");
  line(filedByLine(o, locale), "subtitle");
  line(`${t("安排期间", "Period")}${colon}${periodText(m.period, locale)}　　${t("统计截至", "As of")}${colon}${dayText(m.asOf, locale)}${computed}${m.scope ? `　　${t("范围", "Scope")}${colon}${m.scope}` : ""}`, "subtitle");
  line(t(`共安排 ${m.assignments.length} 项，未能安排 ${m.unassigned.length} 项（红色标出，附原因）。`,
    `${m.assignments.length} assignments; ${m.unassigned.length} not covered (in red, with the reason).`), "subtitle");
  const headerRow = rows.length;
  rows.push(header.map((v) => ({ v, style: "header" as const })));
  for (const kind of KINDS) {
    for (const a of m.assignments.filter((x) => x.kind === kind)) {
      rows.push([
        { v: en ? MENTOR_KIND_TEXT[kind].en : MENTOR_KIND_TEXT[kind].zh, style: "cell" }, text(a.mentor.name), text(a.mentor.unit),
        text(a.target.name), text(targetUnit(a.target)), { v: slotText(kind, a.slot), style: "cell" }, text(en ? a.reason.en : a.reason.zh),
      ]);
    }
  }
  for (const kind of KINDS) {
    for (const u of m.unassigned.filter((x) => x.kind === kind)) {
      rows.push([
        { v: en ? MENTOR_KIND_TEXT[kind].en : MENTOR_KIND_TEXT[kind].zh, style: "miss" }, text(t("（未能安排）", "(not covered)"), "miss"), text(null, "miss"),
        text(u.target.name, "miss"), text(targetUnit(u.target), "miss"), { v: null, style: "miss" }, text(en ? u.reason.en : u.reason.zh, "miss"),
      ]);
    }
  }
  if (m.assignments.length + m.unassigned.length === 0) line(t("本期没有安排：名册中没有在岗的金牌调解员，或没有需要帮扶的对象。", "Nothing to assign this period: no active gold mediator on the roster, or nothing that needs a mentor."), "note");
  line(t("安排理由由系统按名册、台账和巡回指导记录生成；同一导师的帮扶对象不超过其本期可承担数量，导师不帮办本单位为被申请人的案件。",
    "Reasons are written from the roster, the ledgers and the visit records; no mentor takes more than their capacity for the period, nor a case against their own unit."), "note");
  line(en ? TIME_ZONE_NOTE.en : TIME_ZONE_NOTE.zh, "note");
  rows.push([]);
  line(t(`协调员（签字）：${SIGN}　　审核人：${SIGN}　　联系电话：${o.office?.phone || SIGN}`, `Coordinator (signature): ${SIGN}　　Reviewed by: ${SIGN}　　Phone: ${o.office?.phone || SIGN}`), "subtitle");

  const widths = fitWidths(rows, merges, { min: 6, max: 18, padding: 3 });
  // The reason takes what is left of A4 landscape (about 150 characters' width in all), wrapping within it.
  const used = widths.slice(0, cols - 1).reduce((a, w) => a + w, 0);
  widths[cols - 1] = Math.max(30, Math.min(60, 140 - used));
  return { name: mentorsSheetName(m.period, locale), rows, merges, widths, page: { orientation: "landscape" }, headerRows: { first: headerRow, last: headerRow } };
}
