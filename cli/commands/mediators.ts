// `tiaojie mediators --period 2026-Q3 [--json] [--as-of 2026-10-01]`: results per mediator, ranked within each
// tier, with who meets the gold (金牌) standard and who is falling behind, and why (assessor or coordinator).
import { PATHS } from "../../ledger/api/paths.ts";
import type { MediatorResults } from "../../ledger/api/mediator-results.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { mediatorsLayout } from "../../ledger/reports/mediators-layout.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { reportCommand, type ReportOutput } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie mediators --period 2026-Q3 [--json] [--out mediators.xlsx] [--as-of 2026-10-01]
  调解员考评：办案数、调解成功率和按期办结率（含 95% 区间）、评查平均分，按级别排名；达到金牌标准和落后的调解员及依据
  results per mediator, ranked within each tier; who meets the gold standard and who is falling behind, and why
  --locale en  工作表用英文 the sheet in English (default: Chinese)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

/** One printable sheet (ledger/reports/mediators-layout.ts, the sheet the pane writes too). */
export function mediatorsGrids(r: MediatorResults, o: ReportOutput): Grid[] {
  return [mediatorsLayout(r, o.locale, { filedOn: o.filedOn, office: o.office })];
}

const pct = (x: number | null) => (x == null ? "  —" : `${Math.round(x * 100)}%`.padStart(4));
const MARK = { gold: "★ 达金牌标准 meets gold", behind: "▼ 落后 falling behind" } as const;

export function formatMediators(r: MediatorResults): string {
  const lines: string[] = [`调解员考评 Mediators — ${r.period}（统计截至 as of ${r.asOf}）`];
  for (const tier of [...new Set(r.mediators.map((m) => m.tier))]) {
    lines.push("", tier);
    const ms = r.mediators.filter((m) => m.tier === tier).sort((a, b) => (a.rankInTier ?? 1e9) - (b.rankInTier ?? 1e9) || a.name.localeCompare(b.name, "zh"));
    for (const m of ms) {
      lines.push(
        `${String(m.rankInTier ?? "-").padStart(3)}  ${m.name}（${m.unit}）  收案 ${m.cases}  办结 ${m.concluded}  成功 ${pct(m.success.rate)}（${m.success.num}/${m.success.den}）` +
          `  按期 ${pct(m.onTime.rate)}  评查 ${m.review.rate == null ? "—" : Math.round(m.review.rate * 100)}${m.standing ? `  ${MARK[m.standing]}` : ""}`,
      );
      for (const reason of m.standing ? m.reasons : []) lines.push(`       ${reason.zh}`);
    }
  }
  return lines.join("\n") + "\n";
}

export const run = reportCommand<MediatorResults>({
  usage: USAGE,
  asOf: true,
  fetch: (client, period, asOf) => client.request<MediatorResults>("GET", PATHS.mediatorResults(period.label, asOf)),
  text: formatMediators,
  workbook: { write: (r, file, o) => writeGridWorkbook(mediatorsGrids(r, o), file), wrote: (r) => `${r.mediators.length} 名调解员 mediators` },
});
