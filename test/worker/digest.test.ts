import { beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_TOKEN, UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World,
} from "./helpers.ts";

// A small district pushed through the API: two towns and a department, 2026-Q3, read on 2026-10-15. Every figure
// expected below is counted by hand from these rows (the comment on each row says what it is there for).
const DEPT = "区人社局";
const AS_OF = "2026-10-15";
let w: World;
let clerkDept: string;
// What the digest must never carry: the applicant's ID number, phone and the clerk's note (on A1, a court case in
// every list, and A6, its repeat by the same person).
const PRIVATE = { id: "350505198001010012", phone: "13912345678", landline: "0595-87654321", note: "申请人家住樟脚村另有信访" };

const A = [
  // court-referred (委派), success, 人民调解 taken to 司法确认
  sheetRow(2, "A1", { source: "法院委派（诉前）", receivedOn: "2026.7.5", status: "调解成功", closedOn: "2026.7.20", mediationType: "人民调解", judicialConfirmation: "是", applicant: "王五", respondent: "区住建局", applicantId: PRIVATE.id, phone: PRIVATE.phone, notes: PRIVATE.note }),
  // court-referred (委托, 审判), failed
  sheetRow(3, "A2", { source: "法院委托（诉中）", stage: "审判", receivedOn: "2026.8.1", status: "调解不成", closedOn: "2026.8.20", applicant: "赵六", respondent: "区住建局" }),
  // open at 诉前 (30 days) since 9-1: 14 days over on 10-15
  sheetRow(4, "A3", { receivedOn: "2026.9.1", mediationType: "人民调解", applicant: "钱七", respondent: "区住建局" }),
  // agreement, window open until 10-25; commitment kept before its due date
  sheetRow(5, "A4", { receivedOn: "2026.9.20", status: "调解成功", closedOn: "2026.9.25", judicialConfirmation: "否", applicant: "孙八", respondent: "区自然资源局", commitment: "三十日内补发安置款", commitmentDue: "2026.9.30", commitmentMetOn: "2026.9.28" }),
  // agreement whose window closed on 8-31 unused; commitment due 8-15 never met (61 days over)
  sheetRow(6, "A5", { receivedOn: "2026.7.10", status: "调解成功", closedOn: "2026.8.1", judicialConfirmation: "否", applicant: "周九", respondent: "区人社局", commitment: "补缴社保", commitmentDue: "2026.8.15" }),
  // 王五 again against 区住建局 after the court-referred A1: the 判后上访 risk; also 5 days overdue
  sheetRow(7, "A6", { receivedOn: "2026.9.10", applicant: "王五", respondent: "区住建局", applicantId: PRIVATE.id, phone: PRIVATE.landline, notes: PRIVATE.note }),
  // court-referred, not accepted
  sheetRow(8, "A7", { source: "法院委派（诉前）", receivedOn: "2026.8.5", accepted: "否", rejectReason: "不属于受理范围", mediator: null, status: null, applicant: "吴十", respondent: "区住建局" }),
];
const B = [
  // at 执行 (a court stage) though the party applied: court-referred, withdrawn
  sheetRow(2, "B1", { stage: "执行", receivedOn: "2026.7.15", status: "撤回", closedOn: "2026.7.30", applicant: "郑一", respondent: "南埔镇人民政府" }),
  sheetRow(3, "B2", { receivedOn: "2026.8.10", status: "终止", closedOn: "2026.9.5", applicant: "冯二", respondent: "区住建局" }),
  // 行政复议 has 60 days: open 20 days, not overdue
  sheetRow(4, "B3", { stage: "行政复议", receivedOn: "2026.9.25", applicant: "陈三", respondent: "区住建局" }),
  // 司法调解 needs no confirmation; commitment kept five days late
  sheetRow(5, "B4", { receivedOn: "2026.7.1", status: "调解成功", closedOn: "2026.7.10", mediationType: "司法调解", applicant: "褚四", respondent: "区住建局", commitment: "道歉并赔偿", commitmentDue: "2026.7.31", commitmentMetOn: "2026.8.5" }),
  // 卫五 failed in February, came back in August (a repeat, not after the court); this time confirmed
  sheetRow(6, "B-OLD", { receivedOn: "2026.1.5", status: "调解不成", closedOn: "2026.2.1", applicant: "卫五", respondent: "区人社局" }),
  sheetRow(7, "B5", { receivedOn: "2026.8.20", status: "调解成功", closedOn: "2026.9.1", judicialConfirmation: "是", applicant: "卫五", respondent: "区人社局" }),
  // 蒋六's earlier case closed more than 12 months before: not a repeat
  sheetRow(8, "B-OLD2", { receivedOn: "2025.6.1", status: "调解不成", closedOn: "2025.7.1", applicant: "蒋六", respondent: "区市场监督管理局" }),
  sheetRow(9, "B6", { receivedOn: "2026.8.1", status: "调解不成", closedOn: "2026.8.30", applicant: "蒋六", respondent: "区市场监督管理局" }),
];
const D = [
  // court-referred (委托, 立案), 移送裁判
  sheetRow(2, "D1", { source: "法院委托（诉中）", stage: "立案", receivedOn: "2026.9.2", status: "移送裁判", closedOn: "2026.9.12", applicant: "沈七", respondent: "区人社局" }),
  // received in Q2, concluded in Q3: counts for success and 司法确认, not as received; window closes 10-20 (urgent)
  sheetRow(3, "D2", { receivedOn: "2026.6.20", status: "调解成功", closedOn: "2026.9.20", mediationType: "人民调解", judicialConfirmation: "否", applicant: "韩八", respondent: "区人社局" }),
  // an agreement of Q4 whose window is open on 10-15: in the closing list, in no count of Q3
  sheetRow(4, "D3", { receivedOn: "2026.10.1", status: "调解成功", closedOn: "2026.10.10", applicant: "杨九", respondent: "区人社局" }),
  // open since May: 112 days over
  sheetRow(5, "D4", { receivedOn: "2026.5.26", applicant: "朱十", respondent: "区人社局" }),
  // deleted by its clerk below: counts nowhere
  sheetRow(6, "D5", { source: "法院委派（诉前）", receivedOn: "2026.8.8", applicant: "秦一", respondent: "区人社局" }),
];

async function push(token: string, rows: unknown[]) {
  const res = await pushChunk(token, newPushId(), newKey(), chunkBody(rows));
  const receipt = await json(res);
  if (res.status !== 200 || receipt.counts.rejected !== 0) throw new Error(`push failed: ${res.status} ${JSON.stringify(receipt).slice(0, 800)}`);
}

let digest: any;

beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
  expect((await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: DEPT, kind: "department" } })).status).toBe(201);
  clerkDept = (await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit: DEPT } }))).token;
  await push(w.clerkA, A);
  await push(w.clerkB, B);
  await push(clerkDept, D);
  expect((await call("DELETE", `/api/cases/${DEPT}/D5`, { token: clerkDept })).status).toBe(200);
  const res = await call("GET", `/api/digest?period=2026-Q3&asOf=${AS_OF}`, { token: w.coordinator });
  expect(res.status).toBe(200);
  digest = await json(res);
});

const zero = { received: 0, notAccepted: 0, open: 0, success: 0, failed: 0, withdrawn: 0, terminated: 0, referredToTrial: 0 };

describe("the joint-meeting digest 府院联席会议材料", () => {
  it("names the period, the as-of day and the settings it counted with", () => {
    expect(digest.period).toBe("2026-Q3");
    expect(digest.asOf).toBe(AS_OF);
    expect(Number.isNaN(Date.parse(digest.generatedAt))).toBe(false);
    expect(digest.settings).toEqual({ successTarget: 0.8, confirmationWindowDays: 30, confirmationWarnDays: 7, repeatWithinMonths: 12 });
  });

  it("counts the court-referred cases received in the period and their outcomes by unit, towns before departments", () => {
    expect(digest.courtReferred.units).toEqual([
      { unit: UNIT_B, kind: "town", ...zero, received: 1, withdrawn: 1 },
      { unit: UNIT_A, kind: "town", ...zero, received: 3, notAccepted: 1, success: 1, failed: 1 },
      { unit: DEPT, kind: "department", ...zero, received: 1, referredToTrial: 1 },
    ]);
    expect(digest.courtReferred.total).toEqual({ ...zero, received: 5, notAccepted: 1, success: 1, failed: 1, withdrawn: 1, referredToTrial: 1 });
    expect(digest.courtReferred.bySource).toEqual([
      { source: "法院委派（诉前）", ...zero, received: 2, notAccepted: 1, success: 1 },
      { source: "法院委托（诉中）", ...zero, received: 2, failed: 1, referredToTrial: 1 },
      { source: null, ...zero, received: 1, withdrawn: 1 },
    ]);
  });

  it("gives each unit's success rate of the period with its Wilson interval; 撤回 and 移送裁判 are left out", () => {
    const byUnit = Object.fromEntries(digest.success.units.map((u: any) => [u.unit, u]));
    expect(digest.success.units.map((u: any) => u.unit)).toEqual([UNIT_B, UNIT_A, DEPT]);
    expect([byUnit[UNIT_A].num, byUnit[UNIT_A].den]).toEqual([3, 4]);
    expect(byUnit[UNIT_A].low).toBeCloseTo(0.3006, 4);
    expect(byUnit[UNIT_A].high).toBeCloseTo(0.9544, 4);
    expect([byUnit[UNIT_B].num, byUnit[UNIT_B].den, byUnit[UNIT_B].rate]).toEqual([2, 4, 0.5]);
    expect(byUnit[UNIT_B].high).toBeCloseTo(0.85, 4);
    // 2 of 4 is below 80 % but the interval reaches above it: not "below target" on so few cases
    expect(byUnit[UNIT_B].belowTarget).toBe(false);
    expect([byUnit[DEPT].num, byUnit[DEPT].den]).toEqual([1, 1]);
    expect([digest.success.district.num, digest.success.district.den]).toEqual([6, 9]);
    expect(digest.success.district.low).toBeCloseTo(0.3542, 4);
    expect(digest.success.district.high).toBeCloseTo(0.8794, 4);
    expect([digest.success.courtReferred.num, digest.success.courtReferred.den]).toEqual([1, 2]);
  });

  it("counts the period's agreements taken to 司法确认, still in their window, or lapsed, and lists the windows open on the as-of day", () => {
    expect(digest.confirmation.units).toEqual([
      { unit: UNIT_B, kind: "town", agreements: 1, applied: 1, windowOpen: 0, lapsed: 0 },
      { unit: UNIT_A, kind: "town", agreements: 3, applied: 1, windowOpen: 1, lapsed: 1 },
      { unit: DEPT, kind: "department", agreements: 1, applied: 0, windowOpen: 1, lapsed: 0 },
    ]);
    expect(digest.confirmation.total).toEqual({ agreements: 5, applied: 2, windowOpen: 2, lapsed: 1 });
    expect(digest.confirmation.closing.map((c: any) => [c.unit, c.caseNo, c.closedOn, c.deadline, c.daysLeft, c.urgent])).toEqual([
      [DEPT, "D2", "2026-09-20", "2026-10-20", 5, true],
      [UNIT_A, "A4", "2026-09-25", "2026-10-25", 10, false],
      [DEPT, "D3", "2026-10-10", "2026-11-09", 25, false],
    ]);
  });

  it("lists the open cases past their time limit on the as-of day, the longest overdue first, whatever period they came from", () => {
    expect(digest.overdue.cases.map((c: any) => [c.unit, c.caseNo, c.limitDays, c.dueOn, c.daysOver])).toEqual([
      [DEPT, "D4", 30, "2026-06-25", 112],
      [UNIT_A, "A3", 30, "2026-10-01", 14],
      [UNIT_A, "A6", 30, "2026-10-10", 5],
    ]);
    expect(digest.overdue.units).toEqual([
      { unit: UNIT_B, kind: "town", open: 1, overdue: 0 },
      { unit: UNIT_A, kind: "town", open: 2, overdue: 2 },
      { unit: DEPT, kind: "department", open: 1, overdue: 1 },
    ]);
  });

  it("sorts the commitments due in the period into kept, kept late, overdue and pending", () => {
    expect(digest.commitments.units).toEqual([
      { unit: UNIT_B, kind: "town", due: 1, kept: 0, keptLate: 1, overdue: 0, pending: 0 },
      { unit: UNIT_A, kind: "town", due: 2, kept: 1, keptLate: 0, overdue: 1, pending: 0 },
    ]);
    expect(digest.commitments.total).toEqual({ due: 3, kept: 1, keptLate: 1, overdue: 1, pending: 0 });
    expect([digest.commitments.keptRate.num, digest.commitments.keptRate.den]).toEqual([1, 3]);
    expect(digest.commitments.overdueCases.map((c: any) => [c.unit, c.caseNo, c.commitment, c.commitmentDue, c.daysOverdue])).toEqual([
      [UNIT_A, "A5", "补缴社保", "2026-08-15", 61],
    ]);
  });

  it("finds the repeat disputes received in the period, those after a court case first, with the applicant's name masked", () => {
    expect(digest.repeats.total).toBe(2);
    expect(digest.repeats.afterCourt).toBe(1);
    expect(digest.repeats.cases.map((c: any) => [c.unit, c.caseNo, c.applicant, c.respondent, c.previous.unit, c.previous.caseNo, c.previous.closedOn, c.previous.courtCase])).toEqual([
      [UNIT_A, "A6", "王某", "区住建局", UNIT_A, "A1", "2026-07-20", true],
      [UNIT_B, "B5", "卫某", "区人社局", UNIT_B, "B-OLD", "2026-02-01", false],
    ]);
    expect(JSON.stringify(digest)).not.toContain("王五");
  });

  it("ranks the respondent agencies by cases received in the period and says how those cases ended", () => {
    expect(digest.respondents.agencies).toBe(5);
    expect(digest.respondents.top[0]).toEqual({ respondent: "区住建局", ...zero, received: 8, notAccepted: 1, open: 3, success: 2, failed: 1, terminated: 1 });
    expect(digest.respondents.top[1]).toEqual({ respondent: "区人社局", ...zero, received: 3, success: 2, referredToTrial: 1 });
    expect(digest.respondents.top.slice(2)).toEqual(expect.arrayContaining([
      { respondent: "区自然资源局", ...zero, received: 1, success: 1 },
      { respondent: "南埔镇人民政府", ...zero, received: 1, withdrawn: 1 },
      { respondent: "区市场监督管理局", ...zero, received: 1, failed: 1 },
    ]));
    expect(digest.respondents.others).toEqual(zero);
  });

  it("carries no applicant ID number, phone or clerk's note, though the cases it lists hold them", async () => {
    const stored = await json(await call("GET", `/api/cases/${UNIT_A}/A1`, { token: w.coordinator }));
    expect(JSON.stringify(stored)).toContain(PRIVATE.id);
    expect(JSON.stringify(stored)).toContain(PRIVATE.note);
    const court = await json(await call("GET", `/api/digest?period=2026-Q3&asOf=${AS_OF}`, { token: w.court }));
    for (const text of [JSON.stringify(digest), JSON.stringify(court)]) {
      expect(text).toContain("A1");
      for (const value of [PRIVATE.id, PRIVATE.phone, PRIVATE.landline, PRIVATE.note, "秦一"]) expect(text).not.toContain(value);
      for (const field of ["applicantId", "phone", "notes"]) expect(text).not.toContain(`"${field}"`);
    }
  });
});

describe("who may read the digest", () => {
  it("gives a court liaison the district's figures but case lists of court cases only, and refuses the court's writes without changing anything", async () => {
    const res = await call("GET", `/api/digest?period=2026-Q3&asOf=${AS_OF}`, { token: w.court });
    expect(res.status).toBe(200);
    const seen = await json(res);
    expect(digest.caseLists).toBe("district");
    // The windows closing (A4, D2, D3), the overdue cases (D4, A3, A6) and the broken commitment (A5) are none of
    // them referred by or confirmed at the court; both repeats are: A6 follows the court-referred A1, B5 was confirmed.
    // B5's earlier case B-OLD was no court case: the court reads B5 without it (前案非法院案件).
    const [a6, b5] = digest.repeats.cases;
    expect({ ...seen, generatedAt: null }).toEqual({
      ...digest, generatedAt: null, caseLists: "court",
      confirmation: { ...digest.confirmation, closing: [] },
      overdue: { ...digest.overdue, cases: [] },
      commitments: { ...digest.commitments, overdueCases: [] },
      repeats: { ...digest.repeats, cases: [a6, { ...b5, previous: null }] },
    });
    expect(seen.repeats.cases.map((c: any) => c.caseNo)).toEqual(["A6", "B5"]);
    expect(JSON.stringify(seen)).not.toContain("B-OLD");
    const before = await snapshot();
    const pushRes = await pushChunk(w.court, newPushId(), newKey(), chunkBody([sheetRow(2, "A1", { status: "调解不成" })], { unit: UNIT_A }));
    expect(pushRes.status).toBe(403);
    expect((await call("DELETE", `/api/cases/${UNIT_A}/A1`, { token: w.court })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("answers a clerk 403 in the one error shape, naming nothing of the district", async () => {
    const res = await call("GET", "/api/digest?period=2026-Q3", { token: w.clerkA });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("forbidden");
    expect(typeof body.error.message).toBe("string");
    expect(JSON.stringify(body)).not.toContain("区住建局");
  });

  it("refuses a period it cannot read with a 422 that says how to write one", async () => {
    const res = await call("GET", "/api/digest?period=2026-Q5", { token: w.coordinator });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain("2026-Q2");
  });

  it("reads months and years as well as quarters", async () => {
    const month = await json(await call("GET", `/api/digest?period=2026-08&asOf=${AS_OF}`, { token: w.assessor }));
    expect(month.courtReferred.total.received).toBe(2); // A2 and A7
    const year = await json(await call("GET", `/api/digest?period=2026&asOf=${AS_OF}`, { token: w.coordinator }));
    expect(year.courtReferred.total.received).toBe(5);
    expect(year.success.district.den).toBe(11); // Q3's 9, B-OLD's failure in February and D3's success in October
  });
});
