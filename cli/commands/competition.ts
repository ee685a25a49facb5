// `tiaojie competition --period 2026-Q3 [--json] [--out FILE.xlsx] [--as-of DAY]`: 分片竞赛 — towns/streets ranked
// inside each 片区 beside their district rank (assessor or coordinator). Zones are set with PUT /api/zones.
import ExcelJS from "exceljs";
import { PATHS } from "../../ledger/api/paths.ts";
import type { Competition } from "../../ledger/api/competition.ts";
import { fitColumnWidths, widenForTitle } from "../lib/sheet-fit.ts";
import { reportCommand } from "../lib/report-command.ts";
import { THIN, headerRow } from "../lib/sheet-style.ts";
import { footerCodes, PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";

export const USAGE = `用法 Usage: tiaojie competition --period 2026-Q3 [--json] [--out competition.xlsx] [--as-of 2026-10-01]
  分片竞赛：各片区内镇（街道）的名次及其全区名次 each zone's towns ranked inside it, beside their district rank
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

const ZONE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const pct = (x: number | null) => (x == null ? "—" : `${(x * 100).toFixed(1)}%`);

/** One printable sheet: a block per zone (zone rank, district rank, score, success, acceptance), then the towns in no zone. */
export function competitionWorkbook(r: Competition): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`分片竞赛 ${r.period}`, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
  const cols = 6;
  const title = `分片竞赛排名（${r.period}） Zone competition ${r.period}`;
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, cols);
  ws.getCell(2, 1).value = `统计截至 As of：${r.asOf}　得分与全区排名相同（同一权重），片区内按得分排名`;
  ws.getCell(2, 1).alignment = { horizontal: "center" };
  headerRow(ws, 4, ["片区\nZone", "片区名次\nZone rank", "全区名次\nDistrict rank", "单位\nUnit", "得分\nScore", "调解成功率\nSuccess"], { height: 32 });
  ws.views = [{ state: "frozen", ySplit: 4 }];
  let n = 5;
  const line = (values: unknown[], fill?: ExcelJS.Fill) => {
    const row = ws.getRow(n++);
    row.values = values as ExcelJS.CellValue[];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.border = THIN;
      if (fill) c.fill = fill;
      if (col !== 4) c.alignment = { horizontal: "center" };
    });
  };
  for (const z of r.zones) {
    for (const u of z.units) line([z.zone, u.zoneRank ?? "未参评", u.districtRank ?? "—", u.unit, u.score ?? "—", pct(u.indicators.success.rate)]);
    if (z.units.length === 0) line([z.zone, "—", "—", "（无单位）", "—", "—"], ZONE_FILL);
  }
  const district = new Map(r.district.map((u) => [u.unit, u]));
  for (const unit of r.unzoned) {
    const u = district.get(unit)!;
    line(["未分片", "—", u.rank ?? "—", unit, u.score ?? "—", pct(u.indicators.success.rate)], ZONE_FILL);
  }
  fitColumnWidths(ws, { fromRow: 4, min: 8, max: 30 });
  widenForTitle(ws, cols, title, 15);
  return wb;
}

function competitionText(r: Competition): string {
  const out: string[] = [];
  for (const z of r.zones) {
    out.push(`\n${z.zone}\n`);
    for (const u of z.units) out.push(`${String(u.zoneRank ?? "-").padStart(3)}  （全区 ${u.districtRank ?? "—"}）  ${String(u.score ?? "—").padStart(5)}  ${u.unit}\n`);
  }
  if (r.unzoned.length > 0) out.push(`\n未分片 not in a zone：${r.unzoned.join("、")}\n`);
  if (r.zones.length === 0) out.push("尚未设置片区（PUT /api/zones） No zones set yet\n");
  return out.join("");
}

export const run = reportCommand<Competition>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.request<Competition>("GET", PATHS.competition(period.label, asOf)),
  text: competitionText,
  workbook: { build: competitionWorkbook, wrote: (r) => `${r.zones.length} 个片区 zones` },
});
