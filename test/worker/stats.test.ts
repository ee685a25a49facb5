import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addUnit, resetAll, row, storeCases, unitId } from "./assessment-fixtures.ts";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import type { CrossTable, Stats } from "../../ledger/api/stats.ts";
import type { Status } from "../../ledger/choices.ts";

let w: World;
const DEPT = "区人社局";

/** The value of one cell by its labels (0 when the table has the labels but no cases there). */
const cell = (t: CrossTable, r: string, c: string) => {
  const i = t.rows.indexOf(r);
  const j = t.cols.indexOf(c);
  if (i < 0 || j < 0) throw new Error(`no cell ${r} × ${c} in ${JSON.stringify({ rows: t.rows, cols: t.cols })}`);
  return t.cells[i][j];
};
/** The non-zero cells as "row × col": n, so a table can be compared whole. */
const nonZero = (t: CrossTable) => Object.fromEntries(t.rows.flatMap((r, i) => t.cols.map((c, j) => [`${r} × ${c}`, t.cells[i][j]] as const)).filter(([, n]) => n > 0));

async function stats(token: string, query: string): Promise<{ status: number; body: Stats & { error?: { message: string } } }> {
  const res = await call("GET", `/api/stats?${query}`, { token });
  return { status: res.status, body: await json(res) };
}

beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
  await addUnit(DEPT, "department");
});

describe("诉源分析 cross-tables", () => {
  beforeEach(async () => {
    const closed = (status: Status, closedOn: string) => ({ status, closedOn });
    await storeCases([
      row(UNIT_A, { caseNo: "A1", receivedOn: "2026-05-03", domain: "征地拆迁", respondent: "区自然资源局", source: "当事人申请", stage: "诉前", ...closed("调解成功", "2026-05-20") }),
      row(UNIT_A, { caseNo: "A2", receivedOn: "2026-05-10", domain: "劳动人事争议", respondent: DEPT, source: "法院委派（诉前）", stage: "诉前", ...closed("调解不成", "2026-05-25") }),
      // Received in April, concluded in May: counts in May's outcomes only.
      row(UNIT_A, { caseNo: "A3", receivedOn: "2026-04-20", domain: "征地拆迁", respondent: "区自然资源局", source: "当事人申请", stage: "行政复议", ...closed("调解成功", "2026-05-05") }),
      row(UNIT_A, { caseNo: "A4", receivedOn: "2026-05-20", domain: null, respondent: "区自然资源局", source: "当事人申请", stage: "诉前" }),
      row(UNIT_A, { caseNo: "A5", receivedOn: "2026-06-02", ...closed("调解成功", "2026-06-10") }),
      row(UNIT_A, { caseNo: "A6", receivedOn: "2026-05-05" }),
      row(UNIT_B, { caseNo: "B1", receivedOn: "2026-05-12", domain: "教育", respondent: "区教育局", source: "信访转办", stage: "信访" }),
      row(UNIT_B, { caseNo: "B2", receivedOn: "2026-05-15", domain: "教育", respondent: "区教育局", source: "当事人申请", accepted: false, rejectReason: "不属于受理范围", mediator: null, status: null }),
      // Open at the end of May although closed on 1 June.
      row(UNIT_B, { caseNo: "B3", receivedOn: "2026-03-01", ...closed("终止", "2026-06-01") }),
      row(DEPT, { caseNo: "D1", receivedOn: "2026-05-02", domain: "劳动人事争议", respondent: DEPT, source: "当事人申请", stage: "诉前", ...closed("撤回", "2026-05-08") }),
    ]);
    // A deleted case counts nowhere.
    await env.DB.prepare(`UPDATE cases SET deleted_at = '2026-05-30T00:00:00Z' WHERE case_no = 'A6' AND unit_id = ?`).bind(await unitId(UNIT_A)).run();
  });

  it("counts domain × unit and respondent agency × domain over the cases received in the period, blanks as （未填）", async () => {
    const { status, body } = await stats(w.coordinator, "period=2026-05");
    expect(status).toBe(200);
    expect(body.units).toEqual([UNIT_A, UNIT_B, DEPT]);
    // Which units are towns, so the sheets print the towns and the departments apart.
    expect(body.towns).toEqual([UNIT_A, UNIT_B]);
    const du = body.tables.domainByUnit;
    expect(du.cols).toEqual([UNIT_A, UNIT_B, DEPT]);
    expect(nonZero(du)).toEqual({
      [`征地拆迁 × ${UNIT_A}`]: 1, [`劳动人事争议 × ${UNIT_A}`]: 1, [`劳动人事争议 × ${DEPT}`]: 1, [`教育 × ${UNIT_B}`]: 2, [`（未填） × ${UNIT_A}`]: 1,
    });
    // Every policy domain is a row, even at zero, so each month's sheet has the same shape.
    expect(du.rows.slice(0, 14)).toContain("海洋渔业");
    expect(du.colTotals).toEqual([3, 2, 1]);
    expect(du.total).toBe(6);
    expect(du.rowTotals[du.rows.indexOf("劳动人事争议")]).toBe(2);

    const rd = body.tables.respondentByDomain;
    expect(nonZero(rd)).toEqual({
      "区自然资源局 × 征地拆迁": 1, "区自然资源局 × （未填）": 1, [`${DEPT} × 劳动人事争议`]: 2, "区教育局 × 教育": 2,
    });
    expect(rd.rows).toHaveLength(3);
    expect(rd.total).toBe(6);
  });

  it("counts source × outcome and stage × outcome over the cases concluded in the period, by close date", async () => {
    const { body } = await stats(w.assessor, "period=2026-05");
    const so = body.tables.sourceByOutcome;
    expect(so.cols).toEqual(["调解成功", "调解不成", "终止", "撤回", "移送裁判"]);
    expect(nonZero(so)).toEqual({ "当事人申请 × 调解成功": 2, "当事人申请 × 撤回": 1, "法院委派（诉前） × 调解不成": 1 });
    expect(so.colTotals).toEqual([2, 1, 0, 1, 0]);
    expect(so.total).toBe(4);
    expect(nonZero(body.tables.stageByOutcome)).toEqual({ "诉前 × 调解成功": 1, "诉前 × 调解不成": 1, "诉前 × 撤回": 1, "行政复议 × 调解成功": 1 });
  });

  it("gives the 月报 figures: received, accepted, concluded, success, failure, open at the month's end and the rate", async () => {
    const { body } = await stats(w.coordinator, "period=2026-05");
    expect(body.totals).toEqual({ received: 6, accepted: 5, concluded: 4, successes: 2, failures: 1, open: 3, successRate: 2 / 3 });
    const src = (l: string) => body.bySource.find((s) => s.label === l)!;
    expect(src("当事人申请")).toMatchObject({ received: 4, accepted: 3, concluded: 3, successes: 2, failures: 0, open: 2 });
    expect(src("信访转办")).toMatchObject({ received: 1, open: 1, successRate: null });
    expect(body.bySource.map((s) => s.label).slice(0, 7)).toEqual(["当事人申请", "法院委派（诉前）", "法院委托（诉中）", "复议机关转交", "信访转办", "主动排查", "其他"]);
    expect(body.byDomain.find((d) => d.label === "（未填）")).toMatchObject({ received: 1, open: 1 });
  });

  it("trends a month with the eleven months before it, and a quarter by its own months", async () => {
    const month = (await stats(w.coordinator, "period=2026-05")).body.trend;
    expect(month.map((m) => m.month)).toEqual(["2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]);
    const at = (m: string) => month.find((p) => p.month === m)!;
    expect(at("2026-03")).toMatchObject({ received: 1, concluded: 0, open: 1 });
    expect(at("2026-04")).toMatchObject({ received: 1, accepted: 1, open: 2 });
    expect(at("2026-05")).toMatchObject({ received: 6, accepted: 5, concluded: 4, successes: 2, failures: 1, open: 3 });
    const q = (await stats(w.coordinator, "period=2026-Q2")).body;
    expect(q.trend.map((m) => [m.month, m.received, m.concluded])).toEqual([["2026-04", 1, 0], ["2026-05", 6, 4], ["2026-06", 1, 2]]);
    expect(q.totals).toMatchObject({ received: 8, concluded: 6 });
  });

  it("filters by unit kind and by 片区, and says which zones exist when the one asked for does not", async () => {
    const towns = (await stats(w.coordinator, "period=2026-05&group=town")).body;
    expect(towns.group).toEqual({ kind: "town", name: null });
    expect(towns.units).toEqual([UNIT_A, UNIT_B]);
    expect(towns.totals).toMatchObject({ received: 5, concluded: 3 });
    expect((await stats(w.coordinator, "period=2026-05&group=department")).body.totals).toMatchObject({ received: 1, concluded: 1 });

    expect((await call("PUT", "/api/zones", { token: w.coordinator, body: { zones: { 北片: [UNIT_B] } } })).status).toBe(200);
    const zone = (await stats(w.coordinator, `period=2026-05&group=zone:北片`)).body;
    expect(zone.group).toEqual({ kind: "zone", name: "北片" });
    expect(zone.units).toEqual([UNIT_B]);
    expect(zone.totals).toMatchObject({ received: 2, accepted: 1, concluded: 0, open: 2 });

    const missing = await stats(w.coordinator, "period=2026-05&group=zone:南片");
    expect(missing.status).toBe(404);
    expect(missing.body.error!.message).toContain("没有片区“南片”");
    expect(missing.body.error!.message).toContain("北片");
    const bad = await stats(w.coordinator, "period=2026-05&group=villages");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("zone:<片区名>");
    const badPeriod = await stats(w.coordinator, "period=2026-13");
    expect(badPeriod.status).toBe(422);
    expect(badPeriod.body.error!.message).toContain("2026-05（月）");
  });

  it("gives a clerk their own unit's tables only, whatever group is asked, and nothing of another unit", async () => {
    const { status, body } = await stats(w.clerkB, "period=2026-05&group=town");
    expect(status).toBe(200);
    expect(body.group).toEqual({ kind: "unit", name: UNIT_B });
    expect(body.units).toEqual([UNIT_B]);
    expect(body.towns).toEqual([UNIT_B]);
    expect(body.tables.domainByUnit.cols).toEqual([UNIT_B]);
    expect(body.totals).toMatchObject({ received: 2, open: 2 });
    expect(JSON.stringify(body)).not.toContain(UNIT_A);
    expect(JSON.stringify(body)).not.toContain("区自然资源局");
  });

  it("answers the court liaison and the admin 403", async () => {
    expect((await call("GET", "/api/stats?period=2026-05", { token: w.court })).status).toBe(403);
    expect((await call("GET", "/api/stats?period=2026-05", { token: w.admin })).status).toBe(403);
    expect((await call("GET", "/api/stats?period=2026-05")).status).toBe(401);
  });
});

describe("totals reconcile with the rankings", () => {
  /** A deterministic spread of cases over two towns, pushed as clerks push them, plus a department's stored directly. */
  async function pushFixture() {
    const statuses = ["调解中", "调解成功", "调解不成", "撤回", "终止", "移送裁判"];
    const sources = ["当事人申请", "法院委派", "信访", "主动排查", ""];
    const domains = ["劳动争议", "拆迁", "教育", "医患纠纷", ""];
    const stages = ["诉前", "立案", "审判", "行政复议", ""];
    const rows = (prefix: string) => Array.from({ length: 40 }, (_, i) => {
      const status = statuses[i % statuses.length];
      const received = `2026.${4 + (i % 3)}.${1 + ((i * 7) % 27)}`;
      const closed = status === "调解中" ? "" : `2026.${5 + (i % 3)}.${1 + ((i * 5) % 27)}`;
      return sheetRow(i + 2, `${prefix}-${i}`, {
        receivedOn: received, status, closedOn: closed, source: sources[i % 5], domain: domains[(i * 3) % 5], stage: stages[(i * 2) % 5],
        respondent: ["区人社局", "区住建局", "南埔镇人民政府"][i % 3],
        accepted: i % 11 === 0 ? "否" : "是", rejectReason: i % 11 === 0 ? "不属于受理范围" : "",
        ...(i % 11 === 0 ? { status: "", closedOn: "", mediator: "" } : {}),
      });
    });
    for (const [token, prefix] of [[w.clerkA, "SY"], [w.clerkB, "NP"]] as const) {
      const res = await pushChunk(token, newPushId(), newKey(), chunkBody(rows(prefix)));
      expect(res.status).toBe(200);
    }
    await storeCases(Array.from({ length: 15 }, (_, i) => row(DEPT, {
      caseNo: `RS-${i}`, receivedOn: `2026-05-${String(1 + i).padStart(2, "0")}`, domain: i % 4 === 0 ? null : "劳动人事争议",
      ...(i % 3 === 0 ? { status: "调解成功", closedOn: "2026-05-28" } : i % 3 === 1 ? { status: "终止", closedOn: "2026-06-03" } : {}),
    })));
  }

  async function expectReconciled(query: string, unitsOf: (u: { unit: string; kind: string }) => boolean) {
    const period = new URLSearchParams(query).get("period")!;
    const ranked = (await json(await call("GET", `/api/rankings?period=${period}`, { token: w.assessor }))).units.filter(unitsOf);
    const sum = (f: (i: any) => number) => ranked.reduce((a: number, u: any) => a + f(u.indicators), 0);
    const received = sum((i) => i.acceptance.den);
    const accepted = sum((i) => i.acceptance.num);
    const concluded = sum((i) => i.onTime.den);
    const successes = sum((i) => i.success.num);
    const successDen = sum((i) => i.success.den);
    expect(received, "the fixture puts cases in the period").toBeGreaterThan(0);
    expect(concluded).toBeGreaterThan(0);

    const { status, body } = await stats(w.coordinator, query);
    expect(status).toBe(200);
    const t = body.tables;
    const what = `${query}`;
    for (const table of [t.domainByUnit, t.respondentByDomain]) {
      expect(table.total, what).toBe(received);
      expect(table.rowTotals.reduce((a, b) => a + b, 0)).toBe(received);
      expect(table.colTotals.reduce((a, b) => a + b, 0)).toBe(received);
    }
    for (const table of [t.sourceByOutcome, t.stageByOutcome]) {
      expect(table.total, what).toBe(concluded);
      expect(table.colTotals[table.cols.indexOf("调解成功")], what).toBe(successes);
      expect(["调解成功", "调解不成", "终止"].reduce((a, c) => a + table.colTotals[table.cols.indexOf(c)], 0), what).toBe(successDen);
    }
    // Each unit's column equals that unit's received count in the rankings.
    for (const u of ranked) expect(t.domainByUnit.colTotals[t.domainByUnit.cols.indexOf(u.unit)], u.unit).toBe(u.indicators.acceptance.den);
    expect(body.totals).toMatchObject({ received, accepted, concluded, successes, failures: successDen - successes });
    expect(body.bySource.reduce((a, s) => a + s.received, 0)).toBe(received);
    expect(body.byDomain.reduce((a, s) => a + s.concluded, 0)).toBe(concluded);
    return body;
  }

  it("makes every table's grand total equal the rankings' counts, for the whole district, a kind and a 片区, month and quarter", async () => {
    await pushFixture();
    await call("PUT", "/api/zones", { token: w.coordinator, body: { zones: { 南片: [UNIT_B] } } });
    for (const period of ["2026-05", "2026-06", "2026-Q2"]) {
      await expectReconciled(`period=${period}`, () => true);
      await expectReconciled(`period=${period}&group=town`, (u) => u.kind === "town");
      await expectReconciled(`period=${period}&group=zone:南片`, (u) => u.unit === UNIT_B);
    }
    // The quarter is the sum of its months in the trend.
    const q = await expectReconciled("period=2026-Q2", () => true);
    expect(q.trend.reduce((a, m) => a + m.received, 0)).toBe(q.totals.received);
    expect(q.trend.reduce((a, m) => a + m.concluded, 0)).toBe(q.totals.concluded);
  });
});
