// Every workbook the CLI writes must open in a real spreadsheet program and print whole. LibreOffice (headless)
// converts each to PDF here; pdftotext reads the PDF back, so a figure cut by a narrow column or a file the program
// cannot open fails the test, not a person at the printer.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mentorsWorkbook, type MentorsResponse } from "../../cli/commands/mentors.ts";
import { rankingsWorkbook } from "../../cli/commands/rankings.ts";
import { drilldownWorkbook } from "../../cli/commands/drilldown.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";
import { subsidiesWorkbook } from "../../cli/commands/subsidies.ts";
import { displayWidth } from "../../cli/lib/sheet-fit.ts";
import { rankingsFixture } from "../fixtures/rankings.ts";
import { statement } from "../fixtures/subsidy-statement.ts";

const run = promisify(execFile);
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tiaojie-open-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The workbook as LibreOffice prints it: its text, page by page. Fails if LibreOffice cannot open the file. */
async function printedText(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const xlsx = path.join(dir, `${name}.xlsx`);
  await writeFile(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
  // A profile of its own: two conversions at once must not share LibreOffice's user directory.
  const profile = `file://${path.join(dir, `lo-${name}`)}`;
  await run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], { timeout: 120_000 });
  const pdf = path.join(dir, `${name}.pdf`);
  expect((await readFile(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
  const { stdout } = await run("pdftotext", ["-layout", pdf, "-"]);
  return stdout;
}

function mentors(): MentorsResponse {
  const target = { id: "山腰街道/SY-2026-00006", name: "SY-2026-00006", unit: "山腰街道", caseNo: "SY-2026-00006" };
  return {
    period: "2026-Q3", computedAt: "2026-10-01T08:00:00Z", asOf: "2026-09-30", objective: 12, summary: {}, scope: null,
    assignments: [{
      period: "2026-Q3", kind: "case", mentor: { id: 1, name: "庄丽君", unit: "区法院" }, target, slot: 1, cost: 12, terms: [],
      reason: { zh: "领域匹配：物业纠纷；复杂案件；导师单位（区法院）不是被申请人", en: "Domain match: 物业纠纷; complex case; the mentor's unit (区法院) is not the respondent" },
    }],
    unassigned: [{ period: "2026-Q3", kind: "visit", target: { id: "峰尾镇", name: "峰尾镇", unit: null, caseNo: null }, reason: { zh: "没有可派的金牌调解员", en: "No gold mediator left to send" } }],
  };
}

describe("workbooks the CLI writes, opened in LibreOffice", () => {
  it("prints the rankings with every figure whole, even six-digit counts", async () => {
    const wb = rankingsWorkbook(rankingsFixture("2026", "2026-12-31"));
    const ws = wb.worksheets[0];
    let at = 0;
    ws.eachRow((row, r) => (row.getCell(2).value === "区市场监督管理局" ? (at = r) : null));
    const figure = String(ws.getCell(at, 4).value);
    expect(figure).toBe("97522/100000");
    // The column is at least as wide as the figure, so the printer does not cut it.
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(displayWidth(figure));
    const text = await printedText(wb, "rankings");
    expect(text).toContain("考评排名（2026）");
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("97522/100000");
    expect(flat).toContain("统计截至：2026-12-31");
    expect(text).toContain("区市场监督管理局");
    expect(flat).toContain("承诺兑现率：按期兑现的承诺");
  }, 150_000);

  it("prints the drill-down with every section, its n/N and each case", async () => {
    const flat = (await printedText(drilldownWorkbook(drilldownFixture()), "drilldown")).replace(/\s+/g, "");
    expect(flat).toContain("考评明细：山腰街道（2026-Q3，统计截至2026-10-01）");
    for (const heading of ["受理率2/3=66.7%", "调解成功率1/2=50.0%", "按期办结率2/3=66.7%", "承诺兑现率1/3=33.3%", "诉前化解率0/1=0.0%", "台账规范率40/41=97.6%", "评查得分147/200=73.5"]) {
      expect(flat).toContain(heading);
    }
    expect(flat).toContain("SY-2026-090");
    expect(flat).toContain("逾期未兑现");
    expect(flat).toContain("12,400元");
    expect(flat).toContain("不属于行政争议受理范围");
  }, 150_000);

  it("prints the mentor assignments with both lines of each reason and the unassigned town", async () => {
    const text = await printedText(mentorsWorkbook(mentors()), "mentors");
    expect(text).toContain("金牌调解员巡回导师团工作安排（2026-Q3）");
    expect(text).toContain("导师单位（区法院）不是被申请人");
    expect(text).toContain("is not the respondent");
    expect(text).toContain("峰尾镇");
  }, 150_000);

  it("prints the subsidy summary and every mediator's statement with amounts in 元", async () => {
    const text = await printedText(subsidiesWorkbook(statement()), "subsidies");
    expect(text).toContain("办案补贴汇总表（2026-Q3）");
    expect(text).toContain("调解员办案补贴明细表（2026-Q3）");
    expect(text).toMatch(/全区合计 District total\s+4\s+1,100\.00/);
    expect(text).toMatch(/林志强 合计 total\s+山腰街道\s+2 件 cases\s+600\.00/);
  }, 150_000);
});
