// `tiaojie mentors --period 2026-Q3 [--compute] [--json] [--out FILE.xlsx]`: the mentor programme's assignments
// (金牌调解员巡回导师团): complex cases, town visits and star pairings, each with its reason.
import type { MentorAssignments } from "../../ledger/api/mentors.ts";
import ExcelJS from "exceljs";
import { connection, createClient } from "../lib/client.ts";
import { parseOptions } from "../lib/options.ts";
import { periodOption } from "../lib/period-options.ts";
import { commandFailed } from "../lib/command-error.ts";
import { wrappedRowHeight } from "../lib/sheet-fit.ts";
import { THIN, headerRow } from "../lib/sheet-style.ts";
import { footerCodes, PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";

export const USAGE = `用法 Usage: tiaojie mentors --period 2026-Q3 [--compute] [--json] [--out mentors.xlsx] [--locale zh-CN|en]
  --compute  先按当前名册和台账重新计算本期安排（仅协调员） recompute the period first (coordinator only)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; a coordinator token sees all, a clerk token their unit)`;

type Kind = MentorAssignments["assignments"][number]["kind"];
type Target = MentorAssignments["assignments"][number]["target"];
/** GET/POST /api/mentors/assignments as the contract describes it. */
export type MentorsResponse = MentorAssignments;

const KIND_TEXT: Record<Kind, { zh: string; en: string }> = {
  case: { zh: "复杂案件帮办", en: "Complex cases" },
  visit: { zh: "巡回指导", en: "Town visits" },
  pairing: { zh: "金牌带星牌", en: "Star pairings" },
};
const KINDS: Kind[] = ["case", "visit", "pairing"];

const targetText = (kind: Kind, t: Target, en: boolean) =>
  kind === "case" ? `${t.unit ?? ""} ${t.caseNo}` : kind === "visit" ? t.name : `${t.name}${t.unit ? (en ? ` (${t.unit})` : `（${t.unit}）`) : ""}`;

const MISS_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };

/** A printable sheet: one table of assignments by kind, then what could not be covered, in red. */
export function mentorsWorkbook(r: MentorsResponse): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`导师安排 ${r.period}`, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
  const widths = [14, 26, 8, 12, 16, 70];
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, 6);
  ws.getCell(1, 1).value = `金牌调解员巡回导师团工作安排（${r.period}） Mentor assignments ${r.period}${r.scope ? ` — ${r.scope}` : ""}`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, 6);
  ws.getCell(2, 1).value = `统计截至 As of：${r.asOf}　计算时间 Computed：${r.computedAt.slice(0, 16).replace("T", " ")} UTC　安排 ${r.assignments.length} 项，未安排 ${r.unassigned.length} 项`;
  ws.getCell(2, 1).alignment = { horizontal: "center" };
  headerRow(ws, 4, ["类别 Kind", "对象 Target", "次序 Slot", "导师 Mentor", "导师单位\nMentor's unit", "理由 Reason"], { height: 32, center: false });
  ws.views = [{ state: "frozen", ySplit: 4 }];
  ws.pageSetup.printTitlesRow = "4:4";
  let n = 5;
  for (const kind of KINDS) {
    for (const a of r.assignments.filter((x) => x.kind === kind)) {
      const row = ws.getRow(n++);
      row.values = [KIND_TEXT[kind].zh, targetText(kind, a.target, false), a.slot, a.mentor.name, a.mentor.unit ?? "", `${a.reason.zh}\n${a.reason.en}`];
      row.height = wrappedRowHeight(row.values.slice(1).map(String), widths);
      row.eachCell({ includeEmpty: true }, (c) => {
        c.border = THIN;
        c.alignment = { vertical: "top", wrapText: true };
      });
    }
  }
  for (const u of r.unassigned) {
    const row = ws.getRow(n++);
    row.values = [`${KIND_TEXT[u.kind].zh}（未安排）`, targetText(u.kind, u.target, false), "", "—", "", `${u.reason.zh}\n${u.reason.en}`];
    row.height = wrappedRowHeight(row.values.slice(1).map(String), widths);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = THIN;
      c.fill = MISS_FILL;
      c.alignment = { vertical: "top", wrapText: true };
    });
  }
  return wb;
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseOptions(args, {
      period: { type: "string" },
      compute: { type: "boolean" },
      json: { type: "boolean" },
      out: { type: "string" },
      locale: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
    });
    const period = periodOption(values.period).label;
    const en = (values.locale ?? process.env.LANG ?? "").toLowerCase().startsWith("en");
    const c = connection(values);
    const client = createClient(c.url, c.token);
    const q = `/api/mentors/assignments?period=${encodeURIComponent(period)}`;
    const r = values.compute ? await client.request<MentorsResponse>("POST", q) : await client.request<MentorsResponse>("GET", q);
    if (values.out) {
      await mentorsWorkbook(r).xlsx.writeFile(values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${r.assignments.length} 项安排 assignments）\n`);
    }
    if (values.json) {
      process.stdout.write(JSON.stringify(r) + "\n");
      return 0;
    }
    if (values.out) return 0;
    process.stdout.write(en
      ? `Mentor assignments ${r.period}${r.scope ? ` (${r.scope})` : ""}, as of ${r.asOf}\n`
      : `导师安排 ${r.period}${r.scope ? `（${r.scope}）` : ""}，统计截至 ${r.asOf}\n`);
    for (const kind of KINDS) {
      const list = r.assignments.filter((a) => a.kind === kind);
      if (list.length === 0) continue;
      process.stdout.write(`\n${KIND_TEXT[kind].zh} ${KIND_TEXT[kind].en}\n`);
      for (const a of list) {
        process.stdout.write(`  ${targetText(kind, a.target, en)}${kind === "visit" ? ` #${a.slot}` : ""} ← ${a.mentor.name}${a.mentor.unit ? `（${a.mentor.unit}）` : ""}  ${en ? a.reason.en : a.reason.zh}\n`);
      }
    }
    if (r.unassigned.length > 0) {
      process.stdout.write(en ? "\nNot covered\n" : "\n未能安排 Not covered\n");
      for (const u of r.unassigned) process.stdout.write(`  ✗ ${KIND_TEXT[u.kind][en ? "en" : "zh"]} ${targetText(u.kind, u.target, en)}  ${en ? u.reason.en : u.reason.zh}\n`);
    }
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
