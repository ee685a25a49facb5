// Every sheet the CLI writes prints its sheet's name on the left and its page number centred, in a footer stored as
// Excel's sections (&L, &C, &R): read section by section, as openpyxl, WPS and other readers read it, the page line is
// the centre section, and not text before any section code, which such readers drop. Chinese sheets say it in
// Chinese only; a sheet in English says it in English.
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { competitionGrids } from "../../cli/commands/competition.ts";
import { courtCasesGrid } from "../../cli/commands/court-cases.ts";
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
import { PAGE_FOOTER, pageFooter } from "../../ledger/reports/page-footer.ts";
import { DEFAULT_WEIGHTS } from "../../worker/assessment/config.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";
import { sampleDigest } from "../fixtures/digest.ts";
import { rankingsFixture } from "../fixtures/rankings.ts";
import { reviewReport } from "../fixtures/review-dimensions.ts";
import { sampleReportData, sampleStats } from "../fixtures/stats.ts";
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
  ["stats", () => gridWorkbookBytes(statsGrids(sampleReportData(sampleStats(3)), { filer: "泉港区司法局", filedOn: "2026-06-03" }))],
  ["competition", () => gridWorkbookBytes(competitionGrids({ period: "2026-Q3", asOf: "2026-09-30", method: "wilson-lower", weights: DEFAULT_WEIGHTS, zones: [], unzoned: [], district: [] }, { locale: "zh-CN", filedOn: "2026-10-09" }))],
  ["court cases", () => gridWorkbookBytes([courtCasesGrid("2026-Q3", [])])],
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

async function footers(bytes: Uint8Array): Promise<[string, ReturnType<typeof sections>][]> {
  const zip = await JSZip.loadAsync(bytes);
  const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  return Promise.all(sheets.map(async (sheet) => {
    const footer = /<oddFooter>([^<]*)<\/oddFooter>/.exec(await zip.file(sheet)!.async("string"))?.[1];
    return [sheet, sections(unescapeXml(footer ?? ""))] as [string, ReturnType<typeof sections>];
  }));
}

describe("the page footer of the CLI's workbooks", () => {
  it.each(workbooks)("puts the sheet's name on the left and the page line, in Chinese only, in the centre of every sheet of the %s workbook", async (_name, make) => {
    const found = await footers(await make());
    expect(found.length).toBeGreaterThan(0);
    for (const [sheet, footer] of found) {
      expect(footer, sheet).toEqual({ left: "&A", centre: "第 &P 页，共 &N 页", right: "" });
      expect(footer.centre, sheet).toBe(PAGE_FOOTER.centre);
    }
  });

  it("says the page line in English on a sheet laid out in English", async () => {
    const grid = { name: "Summary", rows: [[{ v: "Unit", style: "header" as const }]], merges: [], widths: [10], locale: "en" as const };
    expect((await footers(await gridWorkbookBytes([grid])))[0][1]).toEqual({ left: "&A", centre: pageFooter("en").centre, right: "" });
    expect(pageFooter("en").centre).toBe("Page &P of &N");
  });
});
