// The sheets the pane writes are Chinese only when Office speaks Chinese: no English word, code or solver number in
// any cell but what the clerk typed (here all typed values are Chinese, so any Latin word is the pane's).
import type { Grid } from "../../ledger/reports/grid.ts";
import { describe, expect, it } from "vitest";
import { FLAG_CODES, FLAG_SEVERITY } from "../../ledger/api/flags.ts";
import type { MentorAssignments } from "../../ledger/api/mentors.ts";
import type { ReportSheet } from "../../addin/hosts/ledger-workbook.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { mentorsReport } from "../../addin/pane/logic/mentor-sheets.ts";
import { flagsReport } from "../../addin/pane/logic/report-sheets.ts";
import { summaryReport, validateWorkbook } from "../../addin/pane/logic/validate-all.ts";
import { ledgerWithErrorsFixture } from "../fixtures/report-fixtures.ts";

const cellTexts = (sheet: ReportSheet | Grid): string[] =>
  "headers" in sheet ? [...sheet.headers, ...sheet.rows.flat()].map(String) : sheet.rows.flat().map((c) => String(c.v ?? ""));
const latinWords = (sheet: ReportSheet | Grid) => cellTexts(sheet).filter((c) => /[A-Za-z]{2,}/.test(c));

describe("sheets the pane writes in Chinese Office", () => {
  it("预警清单, 导师安排 and 校验汇总 hold no English word or code", () => {
    const flags = flagsReport(FLAG_CODES.map((code, i) => ({
      code, severity: FLAG_SEVERITY[code], scope: "case" as const, unit: "南埔镇", caseNo: `南埔-${i}`, facts: { dueOn: "2026-06-18" }, message: { zh: "请核对", en: "check" },
    })), "zh-CN");
    const m: MentorAssignments = {
      period: "2026-11", computedAt: "", asOf: "2026-11-27", objective: -2_000_000, summary: {}, scope: null,
      assignments: [{ period: "2026-11", kind: "visit", mentor: { id: 2, name: "许明辉", unit: "区自然资源局" }, target: { id: "涂岭镇", name: "涂岭镇", unit: "涂岭镇", caseNo: null }, slot: 1, cost: -1_020_000, terms: [{ name: "cover", value: -1_000_000 }], reason: { zh: "巡回指导", en: "visit" } }],
      unassigned: [{ period: "2026-11", kind: "pairing", target: { id: "x", name: "黄秀英", unit: "界山镇", caseNo: null }, reason: { zh: "没有可带的金牌调解员", en: "none" } }],
    };
    const ledger = ledgerWithErrorsFixture();
    const summary = summaryReport(validateWorkbook([ledger], emptyColumnSettings(), { locale: "zh-CN", today: "2026-11-25", units: ["南埔镇"] }), "zh-CN");
    expect(summary.rows[0][5]).not.toBe("");
    for (const sheet of [flags, mentorsReport(m, "zh-CN"), summary]) expect(latinWords(sheet), sheet.name).toEqual([]);
  });
});
