// Every workbook the CLI writes must open in a real spreadsheet program and print whole. LibreOffice (headless)
// converts each to PDF here; pdftotext reads the PDF back, so a figure cut by a narrow column or a file the program
// cannot open fails the test, not a person at the printer.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { competitionGrids } from "../../cli/commands/competition.ts";
import { courtCasesGrid } from "../../cli/commands/court-cases.ts";
import { mediatorsGrids } from "../../cli/commands/mediators.ts";
import { mentorsGrids } from "../../cli/commands/mentors.ts";
import { parsePeriod } from "../../ledger/period.ts";
import { MEDIATOR_STANDARD, mediatorResults, type MediatorCase } from "../../worker/assessment/mediator-results.ts";
import { rankingsWorkbook } from "../../cli/commands/rankings.ts";
import { drilldownWorkbook } from "../../cli/commands/drilldown.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";
import { subsidiesGrids } from "../../cli/commands/subsidies.ts";
import { reviewsWorkbook } from "../../cli/commands/reviews.ts";
import { trendXlsx } from "../../cli/commands/trend.ts";
import { sampleTrend } from "../fixtures/trend.ts";
import { gridWorkbookBytes } from "../../cli/lib/grid-workbook.ts";
import { digestLayout } from "../../ledger/reports/digest-layout.ts";
import { sampleDigest } from "../fixtures/digest.ts";
import { displayWidth } from "../../cli/lib/sheet-fit.ts";
import { rankingsFixture } from "../fixtures/rankings.ts";
import { competitionFixture, courtCasesFixture, mentorsFixture } from "../fixtures/report-fixtures.ts";
import { statement } from "../fixtures/subsidy-statement.ts";
import { reviewReport } from "../fixtures/review-dimensions.ts";
import { statsGrids } from "../../cli/commands/stats.ts";
import { monthlyReportLayout } from "../../ledger/reports/monthly-report-layout.ts";
import { sampleReportData, sampleStats } from "../fixtures/stats.ts";

const run = promisify(execFile);
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tiaojie-open-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The workbook as LibreOffice prints it: its text, page by page. Fails if LibreOffice cannot open the file. */
async function printedText(wb: ExcelJS.Workbook | Uint8Array, name: string): Promise<string> {
  const xlsx = path.join(dir, `${name}.xlsx`);
  await writeFile(xlsx, wb instanceof Uint8Array ? wb : Buffer.from(await wb.xlsx.writeBuffer()));
  // A profile of its own: two conversions at once must not share LibreOffice's user directory.
  const profile = `file://${path.join(dir, `lo-${name}`)}`;
  await run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], { timeout: 120_000 });
  const pdf = path.join(dir, `${name}.pdf`);
  expect((await readFile(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
  const { stdout } = await run("pdftotext", ["-layout", pdf, "-"]);
  return stdout;
}

describe("workbooks the CLI writes, opened in LibreOffice", () => {
  it("prints the rankings on A4 with every figure whole, even six-digit counts, and the judgment in words", async () => {
    const wb = rankingsWorkbook(rankingsFixture("2026", "2026-12-31"));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["考评排名（镇街） 2026年", "得分明细（镇街） 2026年", "考评排名（部门） 2026年", "得分明细（部门） 2026年"]);
    for (const ws of wb.worksheets) expect(ws.pageSetup.paperSize).toBe(9);
    const detail = wb.getWorksheet("得分明细（部门） 2026年")!;
    let at = 0;
    detail.eachRow((row, r) => (row.getCell(2).value === "区市场监督管理局" && row.getCell(4).value === "受理率" ? (at = r) : null));
    expect([detail.getCell(at, 5).value, detail.getCell(at, 6).value]).toEqual([97_522, 100_000]);
    // The column is at least as wide as the figure, so the printer does not cut it.
    expect(detail.getColumn(6).width).toBeGreaterThanOrEqual(displayWidth("100000"));
    const text = await printedText(wb, "rankings");
    expect(text).toContain("2026年镇（街道）行政争议调解工作考评排名");
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("97522100000");
    expect(flat).toContain("统计截至：2026年12月31日");
    expect(text).toContain("区市场监督管理局");
    expect(flat).toContain("承诺兑现率：按期兑现的承诺");
    expect(flat).toContain("低于目标（差异不显著）");
  }, 150_000);

  it("prints the drill-down with every section, its n/N and each case", async () => {
    const flat = (await printedText(drilldownWorkbook(drilldownFixture()), "drilldown")).replace(/\s+/g, "");
    expect(flat).toContain("考评明细：山腰街道（2026年第三季度，统计截至2026年10月1日）");
    expect(flat).not.toContain("invalid_date");
    for (const heading of ["受理率2/3=66.7%", "调解成功率1/2=50.0%", "按期办结率2/3=66.7%", "承诺兑现率1/3=33.3%", "诉前化解率0/1=0.0%", "台账规范率40/41=97.6%", "评查得分147/200=73.5"]) {
      expect(flat).toContain(heading);
    }
    expect(flat).toContain("SY-2026-090");
    expect(flat).toContain("逾期未兑现");
    expect(flat).toContain("12,400元");
    expect(flat).toContain("不属于行政争议受理范围");
  }, 150_000);

  it("prints the mentor assignments with each reason in the sheet's language only, the unassigned town, and the time in Beijing time", async () => {
    const text = await printedText(await gridWorkbookBytes(mentorsGrids(mentorsFixture(), { locale: "zh-CN", filedOn: "2026-10-09" })), "mentors");
    expect(text).toContain("金牌调解员巡回导师团工作安排（2026年第三季度）");
    expect(text).toContain("导师单位（区法院）不是被申请人");
    expect(text).not.toContain("is not the respondent");
    expect(text).toContain("峰尾镇");
    expect(text).toContain("计算时间：2026年10月1日 16:00");
    expect(text).toContain("时间均为北京时间。");
    const en = await printedText(await gridWorkbookBytes(mentorsGrids(mentorsFixture(), { locale: "en", filedOn: "2026-10-09" })), "mentors-en");
    expect(en).toContain("is not the respondent");
    expect(en).not.toContain("不是被申请人");
  }, 150_000);

  it("prints the mediator results tier by tier with the success rate, its judgment and the note saying what the judgment means", async () => {
    let n = 0;
    const closed = (mediator: string, status: MediatorCase["status"]): MediatorCase => ({
      unit: "山腰街道", caseNo: `C-${++n}`, mediator, receivedOn: "2026-07-01", accepted: true, status, closedOn: "2026-07-10",
      stage: "诉前", mediationType: "人民调解", commitmentDue: null, commitmentMetOn: null,
    });
    const cases = [...Array.from({ length: 12 }, () => closed("林志强", "调解成功")), ...Array.from({ length: 2 }, () => closed("王芳", "调解成功")), ...Array.from({ length: 8 }, () => closed("王芳", "调解不成"))];
    const roster = [{ name: "王芳", unit: "山腰街道", tier: "星牌调解员" }, { name: "林志强", unit: "山腰街道", tier: "星牌调解员" }];
    const r = { period: "2026-Q3", asOf: "2026-10-01", standard: MEDIATOR_STANDARD as never, mediators: mediatorResults(roster, cases, [], parsePeriod("2026-Q3"), "2026-10-01") };
    const text = await printedText(await gridWorkbookBytes(mediatorsGrids(r, { locale: "zh-CN", filedOn: "2026-10-09" })), "mediators");
    expect(text).toContain("调解员考评（2026年第三季度）");
    expect(text).toMatch(/星牌调解员\s+1\s+林志强\s+山腰街道\s+12\s+12\s+100\.0%\s+12\/12/);
    expect(text).toMatch(/星牌调解员\s+2\s+王芳\s+山腰街道\s+10\s+10\s+20\.0%\s+2\/10\s+[\d.]+%\s+[\d.]+%\s+未达标/);
    expect(text).toContain("判定：比率达到目标为“达标”");
  }, 150_000);

  it("prints the zone competition with each zone's towns, their zone and district ranks, and the town in no zone", async () => {
    const r = competitionFixture();
    const text = await printedText(await gridWorkbookBytes(competitionGrids(r, { locale: "zh-CN", filedOn: "2026-10-09" })), "competition");
    expect(text).toContain("分片竞赛排名（2026年第三季度）");
    const lines = text.split("\n");
    for (const z of r.zones) {
      for (const u of z.units) {
        const line = lines.find((l) => l.includes(u.unit) && l.includes(z.zone));
        expect(line, `${z.zone} ${u.unit}`).toBeDefined();
        expect(line!.split(/\s+/).filter(Boolean).slice(0, 3)).toEqual([z.zone, String(u.zoneRank ?? "未参评"), String(u.districtRank ?? "未参评")]);
      }
    }
    expect(lines.find((l) => l.includes("涂岭镇"))).toMatch(/^\s*未分片/);
  }, 150_000);

  it("prints the subsidy summary and every mediator's statement with amounts in 元", async () => {
    const text = await printedText(await gridWorkbookBytes(subsidiesGrids(statement(), { locale: "zh-CN", filedOn: "2026-10-09" })), "subsidies");
    expect(text).toContain("办案补贴汇总表（2026年第三季度）");
    expect(text).toContain("调解员办案补贴明细表（2026年第三季度）");
    expect(text).toMatch(/全区合计\s+4\s+1,100\.00/);
    expect(text).toMatch(/林志强 合计\s+山腰街道\s+2\s*件\s+600\.00/);
    expect(text).toContain("合计金额（大写）：人民币壹仟壹佰元整");
  }, 150_000);

  it("prints the review results on A4 in Chinese with every dimension's mean", async () => {
    const wb = reviewsWorkbook(reviewReport());
    expect(wb.worksheets[0].pageSetup.paperSize).toBe(9);
    const text = await printedText(wb, "reviews");
    expect(text).toContain("2026年第三季度案件质量评查得分");
    expect(text).toContain("和采信");
    expect(text).toContain("落实司法");
    expect(text).not.toMatch(/Town|Dept/);
    expect(text).toMatch(/山腰街道\s+镇街\s+2\s+76\.0\s+34\.2\s+95\.2\s+0\s+2\s+1\.0\s+12\.0\s+12\.0\s+12\.0\s+12\.0\s+8\.0\s+7\.0\s+7\.0\s+7\.0/);
    expect(text).toMatch(/区人社局\s+部门\s+1\s+50\.0\s+9\.5\s+90\.6\s+1\s+1\s+0\.0\s+8\.0\s+7\.0\s+6\.0\s+9\.0\s+5\.0\s+5\.0\s+5\.0\s+5\.0/);
  }, 150_000);

  it("prints the trend table and draws its line charts: the chart titles, legends and coloured lines are on the page", async () => {
    const text = await printedText(await trendXlsx(sampleTrend(), { locale: "zh-CN", filedOn: "2026-07-02" }), "trend");
    expect(text).toContain("考评趋势：各单位综合得分（2026年1月至6月，按月）");
    // LibreOffice spaces a chart title's digits from the Chinese around them.
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("镇（街道）综合得分趋势（2026年1月至6月）");
    expect(flat).toContain("区直部门综合得分趋势（2026年1月至6月）");
    expect(text).toContain("考评趋势：各期名次（2026年1月至6月，按月）");
    // Chinese only: no English word on any page of the Chinese workbook.
    expect(text.replace(/Page \d+ of \d+/g, "").match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
    // The first page as pixels (PPM: a header, then RGB bytes): the table is black on white or pale blue, so
    // strongly coloured pixels can only be the chart's lines and markers.
    // A chart starts a page of its own when the table above leaves it too little room: count over the first pages.
    await run("pdftoppm", ["-r", "40", "-f", "1", "-l", "3", path.join(dir, "trend.pdf"), path.join(dir, "trend-page")]);
    let coloured = 0;
    for (const page of (await readdir(dir)).filter((f) => /^trend-page-\d+\.ppm$/.test(f))) {
      const ppm = await readFile(path.join(dir, page));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString("latin1"))!;
      for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
        const [r, g, b] = [ppm[i], ppm[i + 1], ppm[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 90) coloured++;
      }
    }
    expect(coloured).toBeGreaterThan(300);
  }, 150_000);

  it("prints the court case table with every unit, case number, outcome and 司法确认", async () => {
    const cases = courtCasesFixture();
    const text = await printedText(await gridWorkbookBytes([courtCasesGrid("2026-Q3", cases)]), "court-cases");
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("法院相关案件表（2026年第三季度）");
    expect(flat).toContain("2026年第三季度收案或结案的法院相关案件共2件：其中本期新收2件，本期办结1件");
    expect(flat).toContain("区市场监督管理局SJ-2026-00012");
    expect(flat).toContain("1,234,567.50是");
    // The long agency name wraps inside its column, printed whole: its end on the next line.
    expect(text).toMatch(/区自然资源局及区住房和[^\n]*\n[^\n]*城乡建设局/);
    expect(flat).toContain("山腰街道SY-2026-00003");
  }, 150_000);
  it("prints the joint-meeting digest: every section's sheet, its figures and its charts' titles", async () => {
    const text = await printedText(await gridWorkbookBytes(digestLayout(sampleDigest(), "zh-CN")), "digest");
    const flat = text.replace(/\s+/g, "");
    for (const title of ["府院联席会议材料（2026年第三季度）", "法院委派、委托案件及办理结果", "调解成功率", "司法确认", "超期未结案件", "行政机关履行承诺情况", "重复纠纷（判后上访风险）", "被申请行政机关"]) {
      expect(flat).toContain(title);
    }
    for (const chart of ["各单位法院委派委托案件办理结果", "各单位调解成功率", "各单位调解协议司法确认情况", "各单位在办及超期案件", "各单位承诺兑现情况", "被申请机关案件及办理结果"]) {
      expect(flat).toContain(chart);
    }
    expect(flat).toContain("涂岭镇镇（街道）21216.7%4.7%44.8%未达标");
    expect(flat).toContain("山腰街道镇（街道）3475.0%30.1%95.4%低于目标（差异不显著）");
    expect(flat).toContain("区人社局D42026年5月26日当事人申请诉前劳动人事争议区人社局302026年6月25日112");
    expect(flat).toContain("第11页，共11页");
  }, 150_000);

  it("prints the statistics workbook: the towns' and departments' tables, the other cross-tables, the trend and the 月报, charts titled", async () => {
    const text = await printedText(await gridWorkbookBytes(statsGrids(sampleReportData(sampleStats(24)), { filer: "泉港区司法局", filedOn: "2026-06-03" })), "stats");
    const flat = text.replace(/\s+/g, "");
    for (const title of ["纠纷领域×镇（街道）（2026年5月，全区）", "纠纷领域×区直部门", "被申请行政机关×纠纷领域", "案件来源×办结结果", "所处阶段×办结结果", "逐月趋势", "行政争议调解工作统计月报"]) {
      expect(flat).toContain(title);
    }
    expect(flat).toContain("其余4个机关");
    expect(flat).toContain("填报单位：泉港区司法局（盖章）");
    expect(flat).toContain("单位负责人：________审核人：________填表人：________联系电话：________");
    // The sheets' own words are Chinese only (the page footer is the renderer's).
    expect(flat).not.toMatch(/Total|Domain|Received|Source/);
  }, 150_000);

  it.each(["zh-CN", "en"] as const)("prints the 月报 (%s) on one A4 portrait page, even with a （未填） row in both sections", async (locale) => {
    const s = sampleStats();
    const blank = { label: "（未填）", ...s.totals };
    const d = sampleReportData({ ...s, bySource: [...s.bySource, blank], byDomain: [...s.byDomain, blank] });
    const name = `monthly-report-${locale}`;
    await printedText(await gridWorkbookBytes([monthlyReportLayout(d, locale, { filedOn: "2026-06-03", office: { filingUnit: "泉港区司法局", contact: "陈美华", phone: "0595-87771234" } })]), name);
    const { stdout } = await run("pdfinfo", [path.join(dir, `${name}.pdf`)]);
    expect(stdout).toMatch(/Pages:\s+1\n/);
    // A4 portrait: 595 × 842 points.
    expect(stdout).toMatch(/Page size:\s+595(\.\d+)? x 841\.\d+|Page size:\s+595(\.\d+)? x 842/);
  }, 150_000);
});
