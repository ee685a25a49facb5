// `tiaojie competition --period 2026-Q3 [--json] [--out FILE.xlsx] [--as-of DAY]`: 分片竞赛 — towns/streets ranked
// inside each 片区 beside their district rank (assessor or coordinator). Zones are set with PUT /api/zones.
import { PATHS } from "../../ledger/api/paths.ts";
import type { Competition } from "../../ledger/api/competition.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { competitionLayout } from "../../ledger/reports/competition-layout.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { reportCommand, type ReportOutput } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie competition --period 2026-Q3 [--json] [--out competition.xlsx] [--as-of 2026-10-01]
  分片竞赛：各片区内镇（街道）的名次及其全区名次 each zone's towns ranked inside it, beside their district rank
  --locale en  工作表用英文 the sheet in English (default: Chinese)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

/** One printable sheet (ledger/reports/competition-layout.ts, the sheet the pane writes too). */
export function competitionGrids(r: Competition, o: ReportOutput): Grid[] {
  return [competitionLayout(r, o.locale, { filedOn: o.filedOn, office: o.office })];
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
  workbook: { write: (r, file, o) => writeGridWorkbook(competitionGrids(r, o), file), wrote: (r) => `${r.zones.length} 个片区 zones` },
});
