// `tiaojie reviews --period 2026-Q3 [--json] [--out FILE.xlsx]`: 案件质量评查 results per unit — the mean total with
// n and its interval, and per dimension the mean score, the maximum and the points lost (assessor or coordinator:
// every unit; a clerk: the own unit). The dimensions and their maxima: ledger/review-sheet.ts.
import ExcelJS from "exceljs";
import type { ReviewDimensions } from "../../ledger/api/reviews.ts";
import { reviewDimensionsLayout } from "../../ledger/reports/review-dimensions-layout.ts";
import { addGridSheet } from "../lib/grid-sheet.ts";
import { reportCommand } from "../lib/report-command.ts";
import type { Locale } from "../../ledger/messages.ts";

export const USAGE = `用法 Usage: tiaojie reviews --period 2026-Q3 [--json] [--out reviews.xlsx] [--locale en]
  案件质量评查：各单位评查得分（平均、件数、95% 区间）及八个方面的平均得分、满分和失分
  case-file review results per unit: mean total with n and interval, and per dimension the mean, the max and the points lost
  --json  输出接口返回的 JSON print the API's JSON
  --out   写出评查得分表 write the results sheet
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token, or a clerk's for the own unit)`;

/** One A4 sheet in Chinese, or English with --locale en (ledger/reports/review-dimensions-layout.ts, as the task pane writes it). */
export function reviewsWorkbook(r: ReviewDimensions, locale: Locale = "zh-CN"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, reviewDimensionsLayout(r, locale));
  return wb;
}

function reviewsText(r: ReviewDimensions): string {
  const out = [`案件质量评查 Case-file reviews ${r.period}（不合格线 pass mark ${r.passMark}）\n`];
  for (const u of r.units) {
    const worst = r.dimensions.map((d) => ({ d, lost: u.dimensions[d.key].lost ?? 0 })).sort((a, b) => b.lost - a.lost)[0];
    out.push(`${u.unit}：${u.reviews} 件，平均 ${u.meanTotal ?? "—"} 分，不合格 ${u.failed} 件；失分最多 ${worst.d.zh} ${worst.lost}/${worst.d.max}\n`);
  }
  if (r.units.length === 0) out.push("本期没有评查记录 No reviews in this period\n");
  return out.join("");
}

export const run = reportCommand<ReviewDimensions>({
  usage: USAGE,
  asOf: false,
  fetch: (client, period) => client.reviewDimensions(period.label),
  text: reviewsText,
  workbook: { build: (r, o) => reviewsWorkbook(r, o.locale), wrote: (r, o) => (o.locale === "en" ? `${r.units.length} units` : `${r.units.length} 个单位`) },
});
