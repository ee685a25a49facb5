// `tiaojie reviews --period 2026-Q3 [--json] [--out FILE.xlsx]`: 案件质量评查 results per unit — the mean total with
// n and its interval, and per dimension the mean score, the maximum and the points lost (assessor or coordinator:
// every unit; a clerk: the own unit). The dimensions and their maxima: ledger/review-sheet.ts.
import ExcelJS from "exceljs";
import type { ReviewDimensions } from "../../ledger/api/reviews.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { parseOptions } from "../lib/options.ts";
import { periodOption } from "../lib/period-options.ts";
import { fitColumnWidths, widenForTitle } from "../lib/sheet-fit.ts";

export const USAGE = `用法 Usage: tiaojie reviews --period 2026-Q3 [--json] [--out reviews.xlsx]
  案件质量评查：各单位评查得分（平均、件数、95% 区间）及八个方面的平均得分、满分和失分
  case-file review results per unit: mean total with n and interval, and per dimension the mean, the max and the points lost
  --json  输出接口返回的 JSON print the API's JSON
  --out   写出评查得分表 write the results sheet
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token, or a clerk's for the own unit)`;

const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const WORST_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
const thin: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const KIND = { town: "镇街 Town", department: "部门 Dept." } as const;

function headerRow(ws: ExcelJS.Worksheet, n: number, values: string[]): void {
  const row = ws.getRow(n);
  row.values = values;
  row.font = { bold: true };
  row.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  row.height = 64;
  row.eachCell((c) => {
    c.fill = HEAD_FILL;
    c.border = thin;
  });
}

/**
 * One printable sheet: per unit the reviews, the mean total with its interval and the failed reviews, the mean of each
 * dimension; below, the points lost per dimension, the unit's largest loss filled red — where each unit loses points.
 */
export function reviewsWorkbook(r: ReviewDimensions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`评查得分 ${r.period}`, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页 Page &P of &N" },
  });
  const dims = r.dimensions;
  const cols = 6 + dims.length;
  const title = `案件质量评查得分（${r.period}） Case-file review results ${r.period}`;
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, cols);
  ws.getCell(2, 1).value = `评查得分为各案总分（八项得分减扣分）的平均；低于 ${r.passMark} 分为不合格。Mean of the reviews' totals (eight dimensions less deductions); below ${r.passMark} fails.`;
  ws.getCell(2, 1).alignment = { horizontal: "center", wrapText: true };
  ws.getRow(2).height = 30;

  const dimHead = (d: ReviewDimensions["dimensions"][number]) => `${d.zh}\n${d.en}\n（满分 ${d.max}）`;
  headerRow(ws, 4, ["单位\nUnit", "类别\nKind", "评查件数\nReviews", "平均得分\nMean total", "95% 区间\nInterval", "不合格\nFailed", ...dims.map(dimHead)]);
  let n = 5;
  for (const u of r.units) {
    const row = ws.getRow(n++);
    row.values = [
      u.unit, KIND[u.kind], u.reviews, u.meanTotal, u.low == null ? "—" : `${u.low.toFixed(1)}–${u.high!.toFixed(1)}`, u.failed,
      ...dims.map((d) => u.dimensions[d.key].mean ?? "—"),
    ];
    row.eachCell({ includeEmpty: true }, (c) => (c.border = thin));
    row.getCell(4).numFmt = "0.0";
  }
  n++;
  const lostTitle = ws.getRow(n++);
  lostTitle.getCell(1).value = "各项平均失分（满分减平均得分；红色为该单位失分最多的一项） Points lost per dimension (max less mean; red: the unit's largest loss)";
  lostTitle.font = { bold: true };
  ws.mergeCells(n - 1, 1, n - 1, cols);
  headerRow(ws, n++, ["单位\nUnit", "类别\nKind", "评查件数\nReviews", "平均扣分\nMean deduction", "", "", ...dims.map(dimHead)]);
  for (const u of r.units) {
    const row = ws.getRow(n++);
    const lost = dims.map((d) => u.dimensions[d.key].lost);
    row.values = [u.unit, KIND[u.kind], u.scoredReviews, u.meanDeduction ?? "—", "", "", ...lost.map((x) => x ?? "—")];
    row.eachCell({ includeEmpty: true }, (c) => (c.border = thin));
    const known = lost.filter((x): x is number => x != null);
    const worst = known.length ? Math.max(...known) : 0;
    if (worst > 0) lost.forEach((x, i) => { if (x === worst) row.getCell(7 + i).fill = WORST_FILL; });
  }
  ws.views = [{ state: "frozen", ySplit: 4, xSplit: 1 }];
  fitColumnWidths(ws, { fromRow: 4, min: 8, max: 22 });
  widenForTitle(ws, cols, title, 15);
  return wb;
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseOptions(args, {
      period: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
    });
    const period = periodOption(values.period);
    const c = connection(values);
    const r = await createClient(c.url, c.token).reviewDimensions(period.label);
    if (values.out) {
      await reviewsWorkbook(r).xlsx.writeFile(values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${r.units.length} 个单位 units）\n`);
    }
    if (values.json) {
      process.stdout.write(JSON.stringify(r) + "\n");
      return 0;
    }
    if (!values.out) {
      process.stdout.write(`案件质量评查 Case-file reviews ${r.period}（不合格线 pass mark ${r.passMark}）\n`);
      for (const u of r.units) {
        const worst = r.dimensions.map((d) => ({ d, lost: u.dimensions[d.key].lost ?? 0 })).sort((a, b) => b.lost - a.lost)[0];
        process.stdout.write(`${u.unit}：${u.reviews} 件，平均 ${u.meanTotal ?? "—"} 分，不合格 ${u.failed} 件；失分最多 ${worst.d.zh} ${worst.lost}/${worst.d.max}\n`);
      }
      if (r.units.length === 0) process.stdout.write("本期没有评查记录 No reviews in this period\n");
    }
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
