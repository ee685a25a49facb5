import { beforeEach, describe, expect, it } from "vitest";
import { INDICATOR_KEYS } from "../../ledger/api/indicators.ts";
import type { CaseRow } from "../../ledger/schema.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { addUnit, resetAll, row, storeCases } from "./assessment-fixtures.ts";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, UNIT_B, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
});

async function drilldown(token: string, query: string) {
  const res = await call("GET", `/api/rankings/drilldown?${query}`, { token });
  return { status: res.status, body: await json(res) };
}

const caseNos = (xs: { caseNo: string }[]) => xs.map((x) => x.caseNo);

/** 山腰街道 in May 2026, every case chosen to land in a different place of the drill-down. */
const MAY: CaseRow[] = [
  row(UNIT_A, { caseNo: "SY-01", receivedOn: "2026-05-02", status: "调解成功", closedOn: "2026-05-20" }), // 18 days, 诉前 success
  row(UNIT_A, { caseNo: "SY-02", receivedOn: "2026-04-01", stage: "审判", status: "调解成功", closedOn: "2026-05-10" }), // 39 > 30 days: late
  row(UNIT_A, { caseNo: "SY-03", receivedOn: "2026-05-04", status: "调解不成", closedOn: "2026-05-06" }),
  row(UNIT_A, { caseNo: "SY-04", receivedOn: "2026-05-05", status: "撤回", closedOn: "2026-05-07" }), // concluded, not in success
  row(UNIT_A, { caseNo: "SY-05", receivedOn: "2026-05-06", accepted: false, status: null, rejectReason: "不属于受理范围" }),
  row(UNIT_A, { caseNo: "SY-06", receivedOn: "2026-03-01", stage: "行政复议", mediationType: "行政调解", status: "终止", closedOn: "2026-04-25",
    commitment: "补发工资", commitmentDue: "2026-05-15", commitmentMetOn: "2026-05-14" }), // commitment kept
  row(UNIT_A, { caseNo: "SY-07", receivedOn: "2026-03-02", status: "调解成功", closedOn: "2026-04-20", commitment: "退还罚款", commitmentDue: "2026-05-20", commitmentMetOn: null }), // overdue
  row(UNIT_A, { caseNo: "SY-08", receivedOn: "2026-03-03", status: "调解成功", closedOn: "2026-04-21", commitment: "书面道歉", commitmentDue: "2026-05-10", commitmentMetOn: "2026-05-12" }), // met late
  row(UNIT_A, { caseNo: "SY-09", receivedOn: "2026-03-04", status: "调解成功", closedOn: "2026-04-22", commitment: "补偿", commitmentDue: "2026-05-30", commitmentMetOn: null }), // due after asOf
  row(UNIT_A, { caseNo: "SY-10", receivedOn: "2026-05-08" }), // open: received only
  row(UNIT_B, { caseNo: "NP-01", receivedOn: "2026-05-09", status: "调解不成", closedOn: "2026-05-11" }),
];

describe("GET /api/rankings/drilldown: the cases behind each indicator", () => {
  it("lists, for a small unit, exactly the cases a person counts by hand", async () => {
    await storeCases(MAY);
    for (const [caseNo, score] of [["SY-01", 92], ["SY-03", 55]] as const) {
      const res = await call("POST", "/api/assessments/reviews", { token: w.assessor, body: { unit: UNIT_A, caseNo, reviewedOn: "2026-05-28", score, reviewer: "陈评查" } });
      expect(res.status).toBe(200);
    }
    const { status, body } = await drilldown(w.assessor, `unit=${UNIT_A}&period=2026-05&asOf=2026-05-25`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ unit: UNIT_A, kind: "town", period: "2026-05", asOf: "2026-05-25" });
    const i = body.indicators;

    // Received in May: SY-01, 03, 04, 05, 10; SY-05 not accepted and listed first.
    expect(i.acceptance).toMatchObject({ num: 4, den: 5 });
    expect(caseNos(i.acceptance.cases)).toEqual(["SY-05", "SY-01", "SY-03", "SY-04", "SY-10"]);
    expect(i.acceptance.cases[0]).toMatchObject({ accepted: false, rejectReason: "不属于受理范围", receivedOn: "2026-05-06" });

    // Closed in May: SY-01 成功, SY-02 成功, SY-03 不成, SY-04 撤回 (left out of the rate).
    expect(i.success).toMatchObject({ num: 2, den: 3 });
    expect(caseNos(i.success.cases)).toEqual(["SY-03", "SY-01", "SY-02"]);
    expect(i.success.cases[0]).toMatchObject({ status: "调解不成", inNumerator: false, closedOn: "2026-05-06" });
    expect(i.success.excluded).toEqual([expect.objectContaining({ caseNo: "SY-04", status: "撤回", inNumerator: false })]);

    // On time among the four concluded in May: SY-02 took 39 days against 30 and comes first.
    expect(i.onTime).toMatchObject({ num: 3, den: 4 });
    expect(i.onTime.cases[0]).toEqual({ caseNo: "SY-02", inLedger: true, mediator: "张三", receivedOn: "2026-04-01", closedOn: "2026-05-10", status: "调解成功", days: 39, limit: 30, onTime: false });
    expect(i.onTime.cases.find((c: { caseNo: string }) => c.caseNo === "SY-01")).toMatchObject({ days: 18, limit: 30, onTime: true });

    // Commitments due in May before the 25th: SY-07 overdue, SY-08 met late, SY-06 kept; SY-09 due on the 30th is not counted yet.
    expect(i.commitments).toMatchObject({ num: 1, den: 3 });
    expect(i.commitments.cases.map((c: { caseNo: string; state: string }) => [c.caseNo, c.state])).toEqual([["SY-07", "overdue"], ["SY-08", "late"], ["SY-06", "kept"]]);
    expect(i.commitments.cases[1]).toMatchObject({ commitment: "书面道歉", commitmentDue: "2026-05-10", commitmentMetOn: "2026-05-12" });
    expect(i.commitments.notYetDue).toEqual([expect.objectContaining({ caseNo: "SY-09", state: "notYetDue", commitmentDue: "2026-05-30" })]);

    // 诉前 among May's successes: SY-01 (诉前) yes, SY-02 (审判) no.
    expect(i.preSuit).toMatchObject({ num: 1, den: 2 });
    expect(i.preSuit.cases.map((c: { caseNo: string; inNumerator: boolean }) => [c.caseNo, c.inNumerator])).toEqual([["SY-02", false], ["SY-01", true]]);

    expect(i.review).toMatchObject({ num: 147, den: 200 });
    expect(i.review.cases).toEqual([
      { caseNo: "SY-01", reviewedOn: "2026-05-28", reviewer: "陈评查", score: 92 },
      { caseNo: "SY-03", reviewedOn: "2026-05-28", reviewer: "陈评查", score: 55 },
    ]);
    expect(i.ledgerQuality).toEqual({ num: 0, den: 0, push: null, rows: [] });
    // Nothing of 南埔镇 in 山腰街道's drill-down.
    expect(JSON.stringify(body)).not.toContain("NP-01");
  });

  it("names the rejected rows of the unit's last push with their errors under ledger quality", async () => {
    // Received today: the rows count in this year's period whatever day the test runs.
    const today = todayInChina();
    const rows = [sheetRow(2, "SY-1", { receivedOn: today }), sheetRow(3, "SY-2", { receivedOn: today }), sheetRow(4, "SY-3", { receivedOn: "明天" }), sheetRow(5, "SY-4", { accepted: "也许", receivedOn: today })];
    expect((await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows))).status).toBe(200);
    const { body } = await drilldown(w.clerkA, `period=${today.slice(0, 4)}&asOf=${today}`);
    const q = body.indicators.ledgerQuality;
    expect(q).toMatchObject({ num: 2, den: 4 });
    expect(q.push.pushId).toMatch(/^[0-9a-f-]{36}$/);
    expect(q.rows.map((r: { row: number }) => r.row)).toEqual([4, 5]);
    expect(q.rows[0].errors[0]).toMatchObject({ key: "receivedOn", code: "invalid_date", message: expect.stringContaining("明天") });
    expect(q.rows[1].errors[0]).toMatchObject({ key: "accepted", code: expect.any(String) });
  });

  it("adds up to the ranking's num/den for every unit, indicator, period and as-of day on seeded data", async () => {
    await addUnit("区人社局", "department");
    const units = [UNIT_A, UNIT_B, "区人社局"];
    const statuses = ["调解成功", "调解不成", "终止", "撤回", "移送裁判", "调解中", null] as const;
    const stages = ["诉前", "审判", "行政复议", "执行"] as const;
    const cases: CaseRow[] = [];
    // A deterministic spread over 2026: every status, stage, acceptance, commitment state and period boundary.
    for (let n = 0; n < 240; n++) {
      const unit = units[n % 3];
      const received = new Date(Date.UTC(2026, 0, 1 + ((n * 37) % 330)));
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      const status = statuses[(n * 5) % statuses.length];
      const accepted = n % 11 !== 0;
      const closed = status && status !== "调解中" ? iso(new Date(received.getTime() + ((n * 13) % 75) * 86_400_000)) : null;
      const due = n % 4 === 0 && closed ? iso(new Date(Date.parse(closed) + ((n * 7) % 40) * 86_400_000)) : null;
      const met = due && n % 3 !== 0 ? iso(new Date(Date.parse(due) + (((n * 3) % 9) - 5) * 86_400_000)) : null;
      cases.push(row(unit, {
        caseNo: `X-${n}`, receivedOn: iso(received), accepted, rejectReason: accepted ? null : "不属于受理范围",
        status: accepted ? status : null, closedOn: accepted ? closed : null, stage: stages[n % stages.length],
        mediationType: n % 5 === 0 ? "行政调解" : "人民调解", commitment: due ? "履行" : null, commitmentDue: due, commitmentMetOn: met,
      }));
    }
    await storeCases(cases);
    for (let n = 0; n < 12; n++) {
      const res = await call("POST", "/api/assessments/reviews", {
        token: w.assessor, body: { unit: units[n % 3], caseNo: `X-${n}`, reviewedOn: `2026-${String(1 + (n % 12)).padStart(2, "0")}-15`, score: 50 + n * 3.5 },
      });
      expect(res.status).toBe(200);
    }
    expect((await pushChunk(w.clerkB, newPushId(), newKey(), chunkBody([sheetRow(2, "P-1"), sheetRow(3, "P-2", { receivedOn: "明天" })]))).status).toBe(200);

    const today = todayInChina();
    for (const [period, asOf] of [["2026-Q2", "2026-06-10"], ["2026-Q3", "2026-10-01"], ["2026-08", "2026-08-20"], ["2026", today]]) {
      const rankings = await json(await call("GET", `/api/rankings?period=${period}&asOf=${asOf}`, { token: w.coordinator }));
      for (const unit of units) {
        const ranked = rankings.units.find((u: { unit: string }) => u.unit === unit);
        const { status, body } = await drilldown(w.coordinator, `unit=${unit}&period=${period}&asOf=${asOf}`);
        expect(status).toBe(200);
        for (const k of INDICATOR_KEYS) {
          const at = `${unit} ${period} ${k}`;
          expect([at, body.indicators[k].den]).toEqual([at, ranked.indicators[k].den]);
          expect([at, Math.round(body.indicators[k].num * 1e6)]).toEqual([at, Math.round(ranked.indicators[k].num * 1e6)]);
        }
        // And each section's num/den is what its list says.
        const i = body.indicators;
        expect(i.acceptance.den).toBe(i.acceptance.cases.length);
        expect(i.success.den).toBe(i.success.cases.length);
        expect(i.onTime.num).toBe(i.onTime.cases.filter((c: { onTime: boolean }) => c.onTime).length);
        expect(i.commitments.num).toBe(i.commitments.cases.filter((c: { state: string }) => c.state === "kept").length);
        expect(i.ledgerQuality.den - i.ledgerQuality.num).toBe(i.ledgerQuality.rows.length);
      }
    }
  });
});

describe("who may drill down into which unit", () => {
  it("gives a clerk their own unit without naming it, and the same 403 for any other unit, real or not", async () => {
    await storeCases(MAY);
    const own = await drilldown(w.clerkA, "period=2026-05&asOf=2026-05-25");
    expect(own.status).toBe(200);
    expect(own.body.unit).toBe(UNIT_A);
    const other = await drilldown(w.clerkA, `unit=${UNIT_B}&period=2026-05`);
    const none = await drilldown(w.clerkA, "unit=火星镇&period=2026-05");
    expect([other.status, none.status]).toEqual([403, 403]);
    expect(other.body.error.code).toBe(none.body.error.code);
    expect(other.body.error.message.replace(UNIT_B, "")).toBe(none.body.error.message.replace("火星镇", ""));
    expect(JSON.stringify(other.body)).not.toContain("NP-01");
  });

  it("lets the assessment office and coordinators drill into any unit, and says which unit does not exist", async () => {
    await storeCases(MAY);
    for (const token of [w.assessor, w.coordinator]) {
      expect((await drilldown(token, `unit=${UNIT_B}&period=2026-05`)).body.indicators.success).toMatchObject({ num: 0, den: 1 });
    }
    const missing = await drilldown(w.assessor, "unit=火星镇&period=2026-05");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("火星镇");
    const unnamed = await drilldown(w.coordinator, "period=2026-05");
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.error.message).toContain("unit");
    expect((await drilldown(w.admin, `unit=${UNIT_A}&period=2026-05`)).status).toBe(403);
  });

  it("refuses a bad period or as-of day with a message that shows how to write it", async () => {
    const bad = await drilldown(w.assessor, `unit=${UNIT_A}&period=2026-13`);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("2026-Q2");
    const day = await drilldown(w.assessor, `unit=${UNIT_A}&period=2026-05&asOf=2026-02-30`);
    expect(day.status).toBe(422);
    expect(JSON.stringify(day.body)).toContain("2026-02-30");
  });
});
