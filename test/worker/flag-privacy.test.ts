import { beforeEach, describe, expect, it } from "vitest";
import { todayInChina } from "../../ledger/clock.ts";
import { addDays } from "../../ledger/period.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { runValidation } from "../../addin/pane/logic/validate.ts";
import { buildWriteBack } from "../../addin/pane/logic/write-back.ts";
import { UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, type World } from "./helpers.ts";

// A clerk must learn nothing of another unit's cases — also not through flags. The probe: a clerk of 山腰街道
// pushes made-up rows naming a person and an agency that only 南埔镇's ledger holds; the receipt, GET /api/flags
// and the cells the add-in writes back must not tell whether 南埔镇 has such a case, let alone its number or dates.

const today = todayInChina();
const closedB = addDays(today, -50);
const receivedB = addDays(today, -80);
const openB = addDays(today, -3);
const probeDay = addDays(today, -1);

let w: World;
beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
  // 南埔镇: one concluded case (陈某 v. 区住建局) and one open case (林某 v. 区人社局).
  const res = await pushChunk(w.clerkB, newPushId(), newKey(), chunkBody([
    sheetRow(2, "NP-2026-00007", { applicant: "陈某", respondent: "区住建局", receivedOn: receivedB, status: "调解不成", closedOn: closedB }),
    sheetRow(3, "NP-2026-00008", { applicant: "林某", respondent: "区人社局", receivedOn: openB }),
  ]));
  expect(res.status).toBe(200);
});

const probeRows = () => [
  sheetRow(2, "PROBE-1", { applicant: "陈某", respondent: "区住建局", receivedOn: probeDay }),
  sheetRow(3, "PROBE-2", { applicant: "林某", respondent: "区人社局", receivedOn: probeDay }),
];

/** Anything that would tell the clerk about 南埔镇's cases. */
function expectNothingOfUnitB(what: string, value: unknown, codes = ["repeat_dispute", "same_dispute_two_units"]) {
  const text = JSON.stringify(value);
  for (const secret of [UNIT_B, "NP-2026-", closedB, receivedB, openB, ...codes]) {
    expect(text, `${what} mentions ${secret}`).not.toContain(secret);
  }
}

describe("flags that compare cases across units", () => {
  it("tell a clerk's probe rows nothing of another unit's cases: not in the receipt, not in GET /api/flags, not in the sheet the add-in writes", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(probeRows()));
    expect(res.status).toBe(200);
    const receipt = await json(res);
    expect(receipt.counts.inserted).toBe(2);
    expectNothingOfUnitB("the receipt", receipt);

    const listed = await json(await call("GET", "/api/flags", { token: w.clerkA }));
    expectNothingOfUnitB("GET /api/flags", listed);

    // The add-in's 预警 column is written from the receipt's flags.
    const grid: unknown[][] = [
      ["案件编号", "收案日期", "案件来源", "纠纷领域", "所处阶段", "调解类型", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态"],
      ...probeRows().map((r) => [r.values.caseNo, r.values.receivedOn, r.values.source, r.values.domain, r.values.stage, r.values.mediationType,
        r.values.applicant, r.values.respondent, r.values.accepted, r.values.mediator, r.values.status]),
    ];
    const run = runValidation(grid, emptyColumnSettings(), { locale: "zh-CN", defaultUnit: UNIT_A, today });
    expect(run).not.toBeNull();
    const block = buildWriteBack("台账", grid, run!, "zh-CN", {
      inserted: 2, updated: 0, unchanged: 0, rejected: 0, issues: receipt.issues, rejectedRows: receipt.rejectedRows,
      flags: receipt.flags, assignments: receipt.assignments, notInLedger: [], marking: null, restored: 0, complete: true,
    });
    expect([...block.cells.keys()]).toEqual([2, 3]);
    expectNothingOfUnitB("the sheet's cells", [...block.cells.values()]);
  });

  it("still show a clerk a repeat dispute within their own ledger, with its details", async () => {
    const closedA = addDays(today, -20);
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([
      sheetRow(2, "SY-OLD", { applicant: "陈某", respondent: "区住建局", receivedOn: addDays(today, -60), status: "调解不成", closedOn: closedA }),
    ]));
    const receipt = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([probeRows()[0]])));
    const repeat = receipt.flags.filter((f: { code: string }) => f.code === "repeat_dispute");
    expect(repeat).toHaveLength(1);
    expect(repeat[0].facts).toMatchObject({ previousUnit: UNIT_A, previousCaseNo: "SY-OLD", previousClosedOn: closedA });
    expectNothingOfUnitB("the receipt", receipt, ["same_dispute_two_units"]);
  });

  it("are shown to the coordinator with the other unit's case number and dates, in GET /api/flags and in a coordinator's push receipt", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(probeRows()));
    const res = await call("GET", `/api/flags?unit=${UNIT_A}&scope=case`, { token: w.coordinator });
    expect(res.status).toBe(200);
    const listed = await json(res);
    const cross = listed.flags.filter((f: { code: string }) => f.code === "repeat_dispute" || f.code === "same_dispute_two_units");
    expect(cross.map((f: { code: string; caseNo: string }) => [f.code, f.caseNo]).sort()).toEqual([
      ["repeat_dispute", "PROBE-1"],
      ["same_dispute_two_units", "PROBE-2"],
    ]);
    expect(cross.find((f: { code: string }) => f.code === "repeat_dispute").facts).toMatchObject({ previousUnit: UNIT_B, previousCaseNo: "NP-2026-00007", previousClosedOn: closedB });
    expect(cross.find((f: { code: string }) => f.code === "same_dispute_two_units").facts).toMatchObject({ otherUnit: UNIT_B, otherCaseNo: "NP-2026-00008", otherReceivedOn: openB });

    const receipt = await json(await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody(probeRows(), { unit: UNIT_A })));
    expect(receipt.flags.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(["repeat_dispute", "same_dispute_two_units"]));
  });
});
