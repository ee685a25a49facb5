import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { receiptExtras } from "../../worker/push/receipt-extras.ts";
import { resetAll, row, storeCases, unitId } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";

const TODAY = "2026-06-15";
let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
});

type FlagOut = { code: string; severity: string; unit: string; caseNo: string | null; facts: Record<string, unknown>; message: { zh: string; en: string } };
async function flags(token: string, query = ""): Promise<{ status: number; body: { flags: FlagOut[]; counts: Record<string, number>; period: string; error?: { code: string } } }> {
  const res = await call("GET", `/api/flags?asOf=${TODAY}${query}`, { token });
  return { status: res.status, body: await json(res) };
}
// Flags come most severe first, then by unit (zh-CN order: 南埔镇 before 山腰街道), case number and code.
const summary = (fs: FlagOut[]) => fs.map((f) => [f.code, f.unit, f.caseNo]);

describe("flags over the API", () => {
  it("raises case flags from stored cases with their facts and bilingual messages", async () => {
    await storeCases([
      row(UNIT_A, { caseNo: "A-OVER", receivedOn: "2026-05-10" }),
      row(UNIT_A, { caseNo: "A-SOON", receivedOn: "2026-05-20" }),
      row(UNIT_A, { caseNo: "A-FINE", receivedOn: "2026-06-10" }),
      row(UNIT_A, { caseNo: "A-PROMISE", receivedOn: "2026-05-01", status: "调解成功", closedOn: "2026-05-02", judicialConfirmation: true, commitment: "补偿", commitmentDue: "2026-06-01" }),
      row(UNIT_A, { caseNo: "A-CONFIRM", receivedOn: "2026-05-01", status: "调解成功", closedOn: "2026-05-20" }),
    ], "2026-06-14T00:00:00.000Z");
    const r = await flags(w.coordinator, "&scope=case");
    expect(r.status).toBe(200);
    expect(summary(r.body.flags)).toEqual([
      ["overdue", UNIT_A, "A-OVER"],
      ["commitment_overdue", UNIT_A, "A-PROMISE"],
      ["confirmation_window_closing", UNIT_A, "A-CONFIRM"],
      ["due_soon", UNIT_A, "A-SOON"],
    ]);
    expect(r.body.flags[0]).toMatchObject({ severity: "high", facts: { daysOpen: 36, limitDays: 30, daysOver: 6 }, message: { zh: "案件已超期：已办理 36 天，期限 30 天（超期 6 天）" } });
    expect(r.body.counts).toEqual({ high: 2, medium: 2, low: 0 });
  });

  it("finds the same dispute in two units' ledgers and a repeat dispute after a concluded case", async () => {
    await storeCases([
      row(UNIT_A, { caseNo: "A-1", applicant: "王五", respondent: "区人社局", receivedOn: "2026-06-01" }),
      row(UNIT_B, { caseNo: "B-1", applicant: "王五", respondent: "区人社局", receivedOn: "2026-06-05" }),
      row(UNIT_B, { caseNo: "B-OLD", applicant: "赵六", respondent: "区住建局", receivedOn: "2025-09-01", status: "调解不成", closedOn: "2025-10-01" }),
      row(UNIT_A, { caseNo: "A-AGAIN", applicant: "赵六", respondent: "区住建局", receivedOn: "2026-06-12" }),
    ], "2026-06-14T00:00:00.000Z");
    const r = await flags(w.coordinator, "&scope=case&severity=medium");
    expect(summary(r.body.flags.filter((f) => f.code !== "due_soon"))).toEqual([
      ["same_dispute_two_units", UNIT_B, "B-1"],
      ["same_dispute_two_units", UNIT_A, "A-1"],
      ["repeat_dispute", UNIT_A, "A-AGAIN"],
    ]);
    expect(r.body.flags.find((f) => f.code === "repeat_dispute")!.facts).toMatchObject({ previousUnit: UNIT_B, previousCaseNo: "B-OLD", previousClosedOn: "2025-10-01" });
  });

  it("counts a gold mediator on the roster as the mentor of a complex case", async () => {
    await env.DB.prepare(`INSERT INTO mediators (name, unit_id, tier) VALUES ('金导师', ?, '金牌调解员')`).bind(await unitId(UNIT_A)).run();
    await storeCases([
      row(UNIT_A, { caseNo: "C-1", receivedOn: "2026-06-12", complexity: "复杂", mediator: "张三" }),
      row(UNIT_A, { caseNo: "C-2", receivedOn: "2026-06-12", complexity: "重大", mediator: "金导师" }),
    ], "2026-06-14T00:00:00.000Z");
    expect(summary((await flags(w.coordinator, "&code=complex_without_mentor")).body.flags)).toEqual([["complex_without_mentor", UNIT_A, "C-1"]]);
  });

  it("flags an open case whose row has not changed for 60 days as stale", async () => {
    await storeCases([row(UNIT_A, { caseNo: "S-1", stage: "行政复议", receivedOn: "2026-05-01" })], "2026-04-16T08:00:00.000Z");
    expect((await flags(w.coordinator, "&code=stale_open_case")).body.flags[0]).toMatchObject({ caseNo: "S-1", severity: "low", facts: { daysSinceChange: 60 } });
  });

  it("raises unit flags: never pushed, acceptance below target, success below target only when the interval says so", async () => {
    const many = (unit: string, n: number, over: Parameters<typeof row>[1]) => Array.from({ length: n }, () => row(unit, over));
    await storeCases([
      // 山腰: 10 received, 9 accepted (90 %); 4 of 10 successes (Wilson high 0.69 < 0.8)
      ...many(UNIT_A, 4, { receivedOn: "2026-04-02", status: "调解成功", closedOn: "2026-04-05" }),
      ...many(UNIT_A, 5, { receivedOn: "2026-04-02", status: "调解不成", closedOn: "2026-04-05" }),
      ...many(UNIT_A, 1, { receivedOn: "2026-04-02", accepted: false, status: null, rejectReason: "x" }),
      ...many(UNIT_A, 1, { receivedOn: "2026-03-02", status: "终止", closedOn: "2026-04-05" }),
      // 南埔: 3 of 5 (60 %, Wilson high 0.88): could be luck, no flag
      ...many(UNIT_B, 3, { receivedOn: "2026-04-02", status: "调解成功", closedOn: "2026-04-05" }),
      ...many(UNIT_B, 2, { receivedOn: "2026-04-02", status: "调解不成", closedOn: "2026-04-05" }),
    ]);
    const r = await flags(w.coordinator, "&scope=unit");
    expect(r.body.period).toBe("2026-Q2");
    expect(summary(r.body.flags)).toEqual([
      ["success_below_target", UNIT_A, null],
      ["ledger_not_pushed", UNIT_B, null],
      ["acceptance_below_target", UNIT_A, null],
      ["ledger_not_pushed", UNIT_A, null],
    ]);
    expect(r.body.flags[0].facts).toMatchObject({ num: 4, den: 10, period: "2026-Q2" });
    expect(r.body.flags[2].message.en).toBe("2026-Q2 acceptance rate 90.0% (9/10) below target 97.0%");
  });

  it("returns the flags of just the cases a push carried, for the push receipt", async () => {
    await storeCases([row(UNIT_A, { caseNo: "P-1", receivedOn: "2026-05-01" }), row(UNIT_A, { caseNo: "P-2", receivedOn: "2026-05-01" })]);
    const { flags: fs } = await receiptExtras(env.DB, { unitId: await unitId(UNIT_A), caseNos: ["P-2"], today: TODAY, acrossUnits: false });
    expect(fs.map((f) => [f.code, f.caseNo])).toEqual([["overdue", "P-2"]]);
    expect(await receiptExtras(env.DB, { unitId: await unitId(UNIT_A), caseNos: [], today: TODAY, acrossUnits: false })).toEqual({ flags: [], assignments: [] });
  });
});

describe("who sees which flags", () => {
  beforeEach(async () => {
    await storeCases([row(UNIT_A, { caseNo: "A-1", receivedOn: "2026-05-01" }), row(UNIT_B, { caseNo: "B-1", receivedOn: "2026-05-01" })]);
  });

  it("shows a clerk only their own unit's flags, and refuses another unit with 403", async () => {
    const own = await flags(w.clerkA, "&scope=case");
    expect(summary(own.body.flags)).toEqual([["overdue", UNIT_A, "A-1"]]);
    const other = await flags(w.clerkA, `&unit=${UNIT_B}`);
    expect(other.status).toBe(403);
    expect(other.body.error!.code).toBe("forbidden");
  });

  it("shows a coordinator every unit, or the unit named", async () => {
    expect(summary((await flags(w.coordinator, "&scope=case")).body.flags)).toEqual([["overdue", UNIT_B, "B-1"], ["overdue", UNIT_A, "A-1"]]);
    expect(summary((await flags(w.coordinator, `&scope=case&unit=${UNIT_B}`)).body.flags)).toEqual([["overdue", UNIT_B, "B-1"]]);
  });

  it("keeps assessors and admins out of flags, and refuses unknown filter values with 422", async () => {
    expect((await flags(w.assessor)).status).toBe(403);
    expect((await flags(w.admin)).status).toBe(403);
    expect((await flags(w.coordinator, "&severity=urgent")).status).toBe(422);
    expect((await flags(w.coordinator, "&code=late")).status).toBe(422);
    expect((await flags(w.coordinator, "&unit=不存在镇")).status).toBe(404);
  });
});

describe("flags of cases due within N days", () => {
  beforeEach(async () => {
    await storeCases([
      row(UNIT_A, { caseNo: "A-OVER", receivedOn: "2026-05-10" }),
      row(UNIT_A, { caseNo: "A-4-LEFT", receivedOn: "2026-05-20" }),
      row(UNIT_A, { caseNo: "A-16-LEFT", receivedOn: "2026-06-01", complexity: "复杂" }),
      row(UNIT_A, { caseNo: "A-25-LEFT", receivedOn: "2026-06-10" }),
      row(UNIT_B, { caseNo: "B-10-LEFT", receivedOn: "2026-05-26" }),
      row(UNIT_B, { caseNo: "B-CLOSED", receivedOn: "2026-06-01", status: "调解成功", closedOn: "2026-06-05", judicialConfirmation: true }),
    ], "2026-06-14T00:00:00.000Z");
  });

  it("lists every open case whose time limit runs out within the days asked, with its other flags, and no unit flags", async () => {
    const r = await flags(w.coordinator, "&dueWithinDays=20");
    expect(r.status).toBe(200);
    expect(summary(r.body.flags)).toEqual([
      ["due_soon", UNIT_B, "B-10-LEFT"],
      ["complex_without_mentor", UNIT_A, "A-16-LEFT"],
      ["due_soon", UNIT_A, "A-16-LEFT"],
      ["due_soon", UNIT_A, "A-4-LEFT"],
    ]);
    const soon = r.body.flags.find((f) => f.caseNo === "A-16-LEFT" && f.code === "due_soon")!;
    expect(soon.facts).toMatchObject({ daysLeft: 16, dueOn: "2026-07-01" });
    expect(soon.message.zh).toContain("剩 16 天");
    expect(r.body.counts).toEqual({ high: 0, medium: 4, low: 0 });
  });

  it("counts today as day 0 and combines with the unit, code and severity filters", async () => {
    expect(summary((await flags(w.coordinator, "&dueWithinDays=4")).body.flags)).toEqual([["due_soon", UNIT_A, "A-4-LEFT"]]);
    expect((await flags(w.coordinator, "&dueWithinDays=0")).body.flags).toEqual([]);
    expect(summary((await flags(w.coordinator, `&dueWithinDays=30&unit=${UNIT_B}`)).body.flags)).toEqual([["due_soon", UNIT_B, "B-10-LEFT"]]);
    expect(summary((await flags(w.coordinator, "&dueWithinDays=30&code=complex_without_mentor")).body.flags)).toEqual([["complex_without_mentor", UNIT_A, "A-16-LEFT"]]);
    expect((await flags(w.coordinator, "&dueWithinDays=30&severity=high")).body.flags).toEqual([]);
  });

  it("keeps a clerk to their own unit's cases when filtering by due date", async () => {
    const r = await flags(w.clerkB, "&dueWithinDays=30");
    expect(summary(r.body.flags)).toEqual([["due_soon", UNIT_B, "B-10-LEFT"]]);
  });

  it.each(["abc", "-1", "1.5", "367", "", "7d"])("refuses dueWithinDays=%s with 422 in the one error shape, saying what a valid value is", async (bad) => {
    const r = await flags(w.coordinator, `&dueWithinDays=${encodeURIComponent(bad)}`);
    expect(r.status).toBe(422);
    expect(r.body.error!.code).toBe("invalid_request");
    expect((r.body.error as unknown as { message: string }).message).toMatch(/dueWithinDays: .*(整数天数|不能超过 366 天)/);
  });
});
