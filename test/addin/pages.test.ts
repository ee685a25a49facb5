import { describe, expect, it } from "vitest";
import { chooseColumn, columnOptions, detectWithSettings, emptyColumnSettings, mappingRows, readColumnSettings } from "../../addin/pane/logic/columns.ts";
import { cleanToken, describeConnection, forgetToken, loadToken, loadUnit, looksLikeToken, pagesFor, rememberUnit, saveToken } from "../../addin/pane/logic/connect.ts";
import { ISSUE_CODES } from "../../ledger/issue-codes.ts";
import { ledgerUnit, pushRows } from "../../addin/pane/logic/push-rows.ts";
import { codeName, groupByCode, groupByRow, issueCell, marksFromIssues, runValidation } from "../../addin/pane/logic/validate.ts";
import { buildWriteBack, locateBlock } from "../../addin/pane/logic/write-back.ts";
import { flagsReport, periodOptions, rankingsReport, rankingsSheetName, isPeriod } from "../../addin/pane/logic/report-sheets.ts";
import { summarise } from "../../ledger/api/push-engine.ts";
import type { Rankings, RankedUnit, ScoredIndicator } from "../../ledger/api/assessment.ts";
import { INDICATOR_KEYS } from "../../ledger/api/indicators.ts";

const TOKEN = `tj_${"A".repeat(43)}`;

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

const LEDGER: unknown[][] = [
  ["泉港区南埔镇行政争议调解工作台账（2026年）", "", "", "", "", "", "", ""],
  ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "承办单位"],
  ["NP-001", "2026.5.26", "张三", "区人社局", "是", "李四", "调解中", "南埔镇"],
  ["NP-002", "2026年13月1日", "", "区住建局", "是", "王五", "调解中", "南埔镇"],
  ["NP-003", 46000, "赵六", "区住建局", "否", "", "", "南埔镇"],
  ["", "", "", "", "", "", "", ""],
  ["合计", "", "", "", "", "", "", ""],
];

describe("Connect", () => {
  it("keeps a pasted token on this computer and forgets it on request", () => {
    const store = memoryStore();
    expect(looksLikeToken(cleanToken(`  Bearer ${TOKEN}\n`))).toBe(true);
    saveToken(store, TOKEN);
    expect(loadToken(store)).toBe(TOKEN);
    forgetToken(store);
    expect(loadToken(store)).toBeNull();
  });

  it("remembers a clerk's unit for offline validation and forgets it with the token", () => {
    const store = memoryStore();
    rememberUnit(store, { role: "clerk", unit: "南埔镇", tokenId: 1, label: null });
    expect(loadUnit(store)).toBe("南埔镇");
    rememberUnit(store, { role: "coordinator", unit: null, tokenId: 2, label: null });
    expect(loadUnit(store)).toBeNull();
    rememberUnit(store, { role: "clerk", unit: "南埔镇", tokenId: 1, label: null });
    forgetToken(store);
    expect(loadUnit(store)).toBeNull();
  });

  it("rejects text that is not a token", () => {
    expect(looksLikeToken("tj_short")).toBe(false);
    expect(looksLikeToken(`xx_${"A".repeat(43)}`)).toBe(false);
  });

  it("shows the unit and role, and the pages that role uses", () => {
    expect(describeConnection({ role: "clerk", unit: "南埔镇", tokenId: 1, label: null }, "zh-CN")).toBe("已连接：南埔镇（台账员）");
    expect(describeConnection({ role: "coordinator", unit: null, tokenId: 1, label: null }, "en")).toBe("Connected: all units (coordinator)");
    expect(pagesFor("clerk")).toContain("push");
    expect(pagesFor("clerk")).not.toContain("coordinator");
    expect(pagesFor("clerk")).toContain("incoming");
    // A clerk's Rankings page offers only the drill-down into their own unit.
    expect(pagesFor("clerk")).toContain("rankings");
    expect(pagesFor("coordinator")).toContain("routing");
    expect(pagesFor("clerk")).not.toContain("routing");
    expect(pagesFor("assessor")).toEqual(["connect", "columns", "validate", "push", "rankings", "stats", "limits"]);
    // 统计分析: the coordinator and the assessment office pick the units; a clerk gets the own unit's.
    for (const role of ["clerk", "coordinator", "assessor"] as const) expect(pagesFor(role)).toContain("stats");
    expect(pagesFor("court")).not.toContain("stats");
    expect(pagesFor("coordinator")).toContain("limits");
    expect(pagesFor("clerk")).not.toContain("limits");
    expect(pagesFor(null)).toEqual(["connect", "columns", "validate"]);
  });

  it("tells a court liaison it is connected read-only and shows only the court cases page", () => {
    const me = { role: "court" as const, unit: null, tokenId: 7, label: "区法院" };
    expect(describeConnection(me, "zh-CN")).toMatch(/^已连接：法院联络员（只读）。.*生成法院案件表.*不能上报或修改任何台账。$/);
    expect(describeConnection(me, "en")).toMatch(/^Connected: court liaison \(read-only\)/);
    expect(pagesFor("court")).toEqual(["connect", "court"]);
  });
});

describe("Columns", () => {
  it("shows the detected header row and every field's column", () => {
    const header = detectWithSettings(LEDGER, emptyColumnSettings())!;
    expect(header.headerRow).toBe(1);
    const rows = mappingRows(header, emptyColumnSettings(), "zh-CN");
    expect(rows.find((r) => r.key === "receivedOn")).toMatchObject({ field: "收案日期", column: 1, overridden: false });
    expect(rows.find((r) => r.key === "closedOn")?.column).toBeNull();
    expect(columnOptions(header, "（无此列）").slice(0, 3).map((o) => o.text)).toEqual(["（无此列）", "A · 案件编号", "B · 收案日期"]);
  });

  it("a clerk's fix wins over detection and takes the column away from the field that had it", () => {
    const header = detectWithSettings(LEDGER, emptyColumnSettings())!;
    const settings = chooseColumn(emptyColumnSettings(), header, "respondent", 2);
    expect(settings.override).toEqual({ respondent: 2, applicant: null });
    const again = detectWithSettings(LEDGER, readColumnSettings(JSON.parse(JSON.stringify(settings))))!;
    expect(again.columns.respondent).toBe(2);
    expect(again.columns.applicant).toBeUndefined();
  });

  it("ignores saved settings it does not understand", () => {
    expect(readColumnSettings({ override: { caseNo: 3, bogus: 1, applicant: -2, mediator: null } }).override).toEqual({ caseNo: 3, mediator: null });
    expect(readColumnSettings("garbage").override).toEqual({});
  });
});

describe("Validate", () => {
  const run = runValidation(LEDGER, emptyColumnSettings(), { locale: "zh-CN", today: "2026-11-25" })!;

  it("counts errors and warnings and skips blank and total rows", () => {
    expect(run.result.dataRows).toBe(3);
    expect(run.errors).toBe(run.result.issues.filter((i) => i.severity === "error").length);
    expect(run.errors).toBeGreaterThan(0);
  });

  it("groups issues by row and by code, errors first", () => {
    const byRow = groupByRow(run.result.issues);
    expect(byRow.map((g) => g.row)).toEqual([...new Set(run.result.issues.map((i) => i.row))].sort((a, b) => a - b));
    expect(byRow.find((g) => g.row === 4)?.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["invalid_date", "required"]));
    const byCode = groupByCode(run.result.issues);
    expect(byCode[0].severity).toBe("error");
    expect(byCode.reduce((n, g) => n + g.issues.length, 0)).toBe(run.result.issues.length);
  });

  it("names every issue code in words in both languages", () => {
    for (const code of ISSUE_CODES) {
      expect(codeName(code, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
      expect(codeName(code, "en")).toMatch(/^[A-Z]/);
    }
  });

  it("marks the cell of each issue and goes to it when clicked", () => {
    const marks = marksFromIssues(run.result.issues);
    expect(marks).toContainEqual({ row: 4, column: 1, severity: "error" });
    const dateIssue = run.result.issues.find((i) => i.code === "invalid_date")!;
    expect(issueCell(dateIssue)).toEqual({ row: 4, column: 1 });
    expect(issueCell({ ...dateIssue, column: null })).toEqual({ row: 4, column: 0 });
  });

  it("names the unit the ledger's valid rows belong to, for a coordinator's push", () => {
    expect(ledgerUnit(run)).toBe("南埔镇");
    const noUnit = runValidation(LEDGER.map((r) => r.slice(0, 7)), emptyColumnSettings(), { locale: "zh-CN", today: "2026-11-25" })!;
    expect(ledgerUnit(noUnit)).toBeNull();
  });

  it("says there is no header instead of guessing", () => {
    expect(runValidation([["随便"], ["写点什么"]], emptyColumnSettings(), { locale: "zh-CN" })).toBeNull();
  });

  it("pushes every case row's cells by field, empty cells as null", () => {
    const rows = pushRows(LEDGER, run.header, run.result.rows.map((r) => r.row));
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(rows[1].values).toMatchObject({ caseNo: "NP-002", applicant: null, receivedOn: "2026年13月1日" });
    expect(rows[2].values.receivedOn).toBe(46000);
  });
});

describe("Write back", () => {
  const run = runValidation(LEDGER, emptyColumnSettings(), { locale: "zh-CN", today: "2026-11-25" })!;

  it("puts the block right of the ledger the first time and finds it again later", () => {
    expect(locateBlock(run.header, 8)).toBe(8);
    const withBlock = LEDGER.map((r, i) => (i === 1 ? [...r, "", "校验结果", "预警", "导师"] : [...r, "", "", "", ""]));
    const again = runValidation(withBlock, emptyColumnSettings(), { locale: "zh-CN", today: "2026-11-25" })!;
    expect(locateBlock(again.header, 12)).toBe(9);
  });

  it("fills each case row with its result, flags and mentor", () => {
    const summary = summarise([{
      pushId: "p", chunkIndex: 0, chunkCount: 1, unit: "南埔镇", wholeLedger: true, receivedAt: "", complete: true, notInLedger: null,
      marking: null, restored: 0, counts: { inserted: 1, updated: 0, unchanged: 0, rejected: 2 },
      issues: [{ row: 4, column: "B", key: "receivedOn", code: "invalid_date", severity: "error", message: "日期不对" }],
      rejectedRows: [4, 5],
      flags: [{ code: "overdue", severity: "high", scope: "case", unit: "南埔镇", caseNo: "NP-001", facts: {}, message: { zh: "=已超期 5 天", en: "overdue" } }],
      assignments: [{ period: "2026-Q4", kind: "case", mentor: { id: 1, name: "陈金牌", unit: "区司法局" }, target: { id: "南埔镇/NP-001", name: "NP-001", unit: "南埔镇", caseNo: "NP-001" }, slot: 1, cost: 0, terms: [], reason: { zh: "领域匹配：劳动人事争议", en: "domain" } }],
    }]);
    const block = buildWriteBack("台账", LEDGER, run, "zh-CN", summary);
    expect(block).toMatchObject({ column: 8, headerRow: 2, firstRow: 3, lastRow: 5, headers: ["校验结果", "预警", "导师"] });
    expect(block.cells.get(3)).toEqual(["✓ 已上报", "【高】=已超期 5 天", "陈金牌：领域匹配：劳动人事争议"]);
    expect(block.cells.get(4)?.[0]).toBe("✗ 未入库：日期不对");
  });

  it("before a push, shows the local validation result", () => {
    const block = buildWriteBack("台账", LEDGER, run, "en");
    expect(block.cells.get(3)?.[0]).toBe("✓ Valid");
    expect(block.cells.get(4)?.[0]).toMatch(/^✗ \d error\(s\): /);
  });
});

function indicator(rate: number | null, meetsTarget: boolean | null): ScoredIndicator {
  return {
    num: rate === null ? 0 : Math.round(rate * 100), den: rate === null ? 0 : 100, rate, low: rate === null ? null : rate - 0.05, high: rate === null ? null : Math.min(1, rate + 0.03), target: null, meetsTarget,
    weight: 0, effectiveWeight: 0, basis: null, points: 0,
  };
}

const rankings = (period: string, units: RankedUnit[]): Rankings => ({
  period, asOf: "2026-10-01", method: "wilson-lower", weightsSource: "default", units,
  weights: Object.fromEntries(INDICATOR_KEYS.map((k) => [k, 0])) as Rankings["weights"],
});

function unit(name: string, kind: "town" | "department", rank: number, score: number, acceptance: number): RankedUnit {
  const indicators = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, indicator(k === "review" ? null : 0.9, null)])) as RankedUnit["indicators"];
  indicators.acceptance = { ...indicator(acceptance, acceptance >= 0.97), target: 0.97 };
  return { unit: name, kind, rank, score, indicators, missing: [] };
}

describe("Coordinator and Rankings sheets", () => {
  it("lists flags by severity with severity colours", () => {
    const report = flagsReport([
      { code: "stale_open_case", severity: "low", scope: "case", unit: "界山镇", caseNo: "JS-1", facts: {}, message: { zh: "久未更新", en: "stale" } },
      { code: "overdue", severity: "high", scope: "case", unit: "南埔镇", caseNo: "NP-1", facts: {}, message: { zh: "已超期", en: "overdue" } },
      { code: "acceptance_below_target", severity: "medium", scope: "unit", unit: "后龙镇", caseNo: null, facts: {}, message: { zh: "受理率低", en: "low" } },
    ], "zh-CN");
    expect(report.name).toBe("预警清单");
    expect(report.rows.map((r) => r[0])).toEqual(["高", "中", "低"]);
    expect(report.rows[1][2]).toBe("（单位）");
    expect(report.fills?.map((f) => f[2])).toEqual(["#FFC7CE", "#FFEB9C", "#E7E6E6"]);
  });

  it("ranks towns and departments on sheets of their own, a summary and a detail each, 未达标 in red", () => {
    const grids = rankingsReport(rankings("2026-Q3", [
      unit("区人社局", "department", 1, 88, 0.99), unit("南埔镇", "town", 2, 70.5, 0.9), unit("山腰街道", "town", 1, 81.2, 0.98),
    ]), "zh-CN");
    expect(grids.map((g) => g.name)).toEqual(["考评排名（镇街） 2026年第三季度", "得分明细（镇街） 2026年第三季度", "考评排名（部门） 2026年第三季度", "得分明细（部门） 2026年第三季度"]);
    const [towns, detail, departments] = grids;
    const text = (r: number) => towns.rows[r].map((c) => c.v);
    expect(text(0)[0]).toBe("2026年第三季度镇（街道）行政争议调解工作考评排名");
    expect(String(text(2)[0])).toContain("统计截至：2026年10月1日");
    const head = towns.headerRows!.first;
    expect(text(head).slice(0, 4)).toEqual(["排名", "单位", "综合得分", "受理率"]);
    expect(text(head + 1).slice(3, 6)).toEqual(["比率", "判定", "得分"]);
    expect(towns.merges).toContainEqual({ row: head, col: 3, rows: 1, cols: 3 });
    // Towns by rank; the departments' own sheet ranks them on their own.
    expect([text(head + 2)[1], text(head + 3)[1]]).toEqual(["山腰街道", "南埔镇"]);
    expect(departments.rows[head + 2][1].v).toBe("区人社局");
    // 南埔镇's acceptance 90 % with its interval (85–93 %) wholly below 97 %: 未达标, in red; 山腰街道 meets it.
    expect(towns.rows[head + 3].slice(3, 5).map((c) => [c.v, c.style])).toEqual([[0.9, "miss"], ["未达标", "miss"]]);
    expect(towns.rows[head + 2].slice(3, 5).map((c) => [c.v, c.style])).toEqual([[0.98, "cell"], ["达标", "cell"]]);
    const nanpu = detail.rows.find((r) => r[1]?.v === "南埔镇" && r[3]?.v === "受理率")!;
    expect(nanpu.slice(4, 11).map((c) => c.v)).toEqual([90, 100, 0.9, 0.85, 0.93, 0.97, "未达标"]);
    expect(detail.rows.some((r) => String(r[0]?.v).startsWith("受理率：受理数 ÷ 收案数"))).toBe(true);
  });

  it("writes the rankings sheets in English when Office is English", () => {
    const [summary, detail] = rankingsReport(rankings("2026-Q3", [unit("山腰街道", "town", 1, 81.2, 0.98)]), "en");
    expect(summary.name).toBe("Rankings (towns) Q3 2026");
    expect(summary.rows[0][0].v).toBe("Mediation assessment rankings: towns/streets, Q3 2026");
    expect(detail.rows[detail.headerRows!.first].slice(3, 8).map((c) => c.v)).toEqual(["Indicator", "n", "N", "Rate", "95% interval"]);
  });

  it("offers recent quarters, months and years to pick from", () => {
    const options = periodOptions("2026-02-10");
    expect(options.slice(0, 3)).toEqual(["2026-Q1", "2025-Q4", "2025-Q3"]);
    expect(options).toContain("2025-12");
    expect(options).toContain("2025");
    for (const p of options) expect(isPeriod(p)).toBe(true);
    expect(isPeriod("2026-Q5")).toBe(false);
    expect(rankingsSheetName("2026-Q3", "department", "detail", "en").length).toBeLessThanOrEqual(31);
  });
});

describe("Theme", () => {
  it("follows Office's dark theme and its colours", async () => {
    const { paneTheme } = await import("../../addin/pane/ui/theme.ts");
    const dark = paneTheme({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#404040", controlForegroundColor: "#F0F0F0" });
    expect(dark.dark).toBe(true);
    expect(dark.overrides).toMatchObject({ colorNeutralBackground1: "#262626", colorNeutralForeground1: "#FFFFFF" });
    expect(paneTheme({ bodyBackgroundColor: "#FFFFFF" }).dark).toBe(false);
    expect(paneTheme(null)).toEqual({ dark: false, overrides: {} });
  });
});
