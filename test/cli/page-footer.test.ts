// Every sheet the CLI writes prints its page number centred, in a footer stored as Excel's sections (&L, &C, &R):
// read section by section, as openpyxl, WPS and other readers read it, the page line is the centre section, and not
// text before any section code, which such readers drop.
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { competitionGrids } from "../../cli/commands/competition.ts";
import { courtCasesWorkbook } from "../../cli/commands/court-cases.ts";
import { drilldownWorkbook } from "../../cli/commands/drilldown.ts";
import { mediatorsGrids } from "../../cli/commands/mediators.ts";
import { mentorsGrids } from "../../cli/commands/mentors.ts";
import { rankingsWorkbook } from "../../cli/commands/rankings.ts";
import { reviewsWorkbook } from "../../cli/commands/reviews.ts";
import { subsidiesGrids } from "../../cli/commands/subsidies.ts";
import { trendXlsx } from "../../cli/commands/trend.ts";
import { statsGrids } from "../../cli/commands/stats.ts";
import { gridWorkbookBytes } from "../../cli/lib/grid-workbook.ts";
import { digestLayout } from "../../ledger/reports/digest-layout.ts";
import { PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";
import { DEFAULT_WEIGHTS } from "../../worker/assessment/config.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";
import { sampleDigest } from "../fixtures/digest.ts";
import { rankingsFixture } from "../fixtures/rankings.ts";
import { reviewReport } from "../fixtures/review-dimensions.ts";
import { sampleStats } from "../fixtures/stats.ts";
import { statement } from "../fixtures/subsidy-statement.ts";
import { sampleTrend } from "../fixtures/trend.ts";

const bytes = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());

/** Each workbook the CLI writes with --out, from the fixtures its own tests use. */
const workbooks: [string, () => Promise<Uint8Array>][] = [
  ["rankings", () => bytes(rankingsWorkbook(rankingsFixture("2026", "2026-12-31")))],
  ["drilldown", () => bytes(drilldownWorkbook(drilldownFixture()))],
  ["reviews", () => bytes(reviewsWorkbook(reviewReport()))],
  ["subsidies", () => gridWorkbookBytes(subsidiesGrids(statement(), { locale: "zh-CN", filedOn: "2026-10-09" }))],
  ["trend", () => trendXlsx(sampleTrend(), { locale: "zh-CN", filedOn: "2026-07-02" })],
  ["digest", () => gridWorkbookBytes(digestLayout(sampleDigest(), "zh-CN"))],
  ["stats", () => gridWorkbookBytes(statsGrids(sampleStats(3), { filer: "泉港区司法局", filedOn: "2026-06-03" }))],
  ["competition", () => gridWorkbookBytes(competitionGrids({ period: "2026-Q3", asOf: "2026-09-30", method: "wilson-lower", weights: DEFAULT_WEIGHTS, zones: [], unzoned: [], district: [] }, { locale: "zh-CN", filedOn: "2026-10-09" }))],
  ["court cases", () => bytes(courtCasesWorkbook("2026-Q3", []))],
  ["mentors", () => gridWorkbookBytes(mentorsGrids({ period: "2026-Q3", computedAt: "2026-10-01T08:00:00Z", asOf: "2026-09-30", objective: 0, summary: {}, scope: null, assignments: [], unassigned: [] }, { locale: "zh-CN", filedOn: "2026-10-09" }))],
  ["mediators", () => gridWorkbookBytes(mediatorsGrids({ period: "2026-Q3", asOf: "2026-09-30", standard: {}, mediators: [] }, { locale: "zh-CN", filedOn: "2026-10-09" }))],
];

const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** A footer's sections as a reader that goes by the codes sees them: text before the first code belongs to none. */
function sections(footer: string): { left: string; centre: string; right: string } {
  const out = { left: "", centre: "", right: "" };
  const key = { L: "left", C: "centre", R: "right" } as const;
  for (const m of footer.matchAll(/&([LCR])((?:[^&]|&(?![LCR]))*)/g)) out[key[m[1] as "L" | "C" | "R"]] += m[2];
  return out;
}

describe("the page footer of the CLI's workbooks", () => {
  it.each(workbooks)("puts the page line in the centre section of every sheet of the %s workbook", async (_name, make) => {
    const zip = await JSZip.loadAsync(await make());
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) {
      const xml = await zip.file(sheet)!.async("string");
      const footer = /<oddFooter>([^<]*)<\/oddFooter>/.exec(xml)?.[1];
      expect(footer, sheet).toBeDefined();
      expect(sections(unescapeXml(footer!)), sheet).toEqual({ left: "", centre: PAGE_FOOTER.centre, right: "" });
    }
  });
});
