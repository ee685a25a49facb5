import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../ledger/period.ts";
import { receiptExtras } from "../../worker/push/receipt-extras.ts";
import { resetAll, row, storeCases, unitId } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";

// One clerk's 300 cases between the same applicant and respondent, a case received every day from 2025-07-01, every
// other one concluded (调解不成) the next day, the rest still open: each case after the first repeats the dispute.
// 南埔镇 holds the same dispute, received 2026-06-01 and open: it overlaps 山腰街道's 150 open cases and repeats its
// latest concluded one. Read on 2026-06-15.
const TODAY = "2026-06-15";
const N = 300;
const parties = { applicant: "王五", respondent: "区人社局" };
const caseNo = (i: number) => `SY-${String(i).padStart(3, "0")}`;
let w: World;

beforeAll(async () => {
  await resetAll();
  w = await makeWorld();
  await storeCases([
    ...Array.from({ length: N }, (_, i) =>
      row(UNIT_A, { ...parties, caseNo: caseNo(i), receivedOn: addDays("2025-07-01", i), ...(i % 2 === 0 ? { status: "调解不成" as const, closedOn: addDays("2025-07-02", i) } : {}) })),
    row(UNIT_B, { ...parties, caseNo: "NP-1", receivedOn: "2026-06-01" }),
  ], "2026-06-14T00:00:00.000Z");
});

type FlagOut = { code: string; unit: string; caseNo: string; facts: Record<string, unknown>; message: { zh: string; en: string } };
async function flags(token: string, query: string): Promise<{ text: string; body: { flags: FlagOut[]; counts: { high: number; medium: number; low: number } } }> {
  const res = await call("GET", `/api/flags?asOf=${TODAY}${query}`, { token });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, body: JSON.parse(text) };
}
const lines = (fs: FlagOut[]) => fs.map((f) => [f.code, f.unit, f.caseNo, f.facts.more ?? 0]);

describe("one clerk's hundreds of cases between the same parties", () => {
  it("lists each dispute's latest three repeat and same-dispute flags with how many more, and counts them all", async () => {
    const { text, body } = await flags(w.coordinator, "&scope=case&severity=medium");
    // most severe first, then unit (南埔镇 before 山腰街道), case number and code
    expect(lines(body.flags)).toEqual([
      ["repeat_dispute", UNIT_B, "NP-1", 0],
      ["same_dispute_two_units", UNIT_B, "NP-1", 0],
      ["same_dispute_two_units", UNIT_A, caseNo(295), 0],
      ["repeat_dispute", UNIT_A, caseNo(297), 0],
      ["same_dispute_two_units", UNIT_A, caseNo(297), 0],
      ["repeat_dispute", UNIT_A, caseNo(298), 0],
      ["repeat_dispute", UNIT_A, caseNo(299), 296],
      ["same_dispute_two_units", UNIT_A, caseNo(299), 147],
    ]);
    expect(body.flags.find((f) => f.unit === UNIT_B && f.code === "repeat_dispute")!.facts).toMatchObject({ previousUnit: UNIT_A, previousCaseNo: caseNo(298) });
    const latest = body.flags.find((f) => f.caseNo === caseNo(299) && f.code === "repeat_dispute")!;
    expect(latest.message.zh).toBe(`重复纠纷：同一申请人与被申请机关在 ${UNIT_A} 的案件 ${caseNo(298)} 已于 ${addDays("2025-07-02", 298)} 结案，12 个月内再次申请；本单位同一当事人另有重复纠纷 296 件，未逐件列出`);
    expect(body.flags.find((f) => f.caseNo === caseNo(299) && f.code === "same_dispute_two_units")!.message.zh).toContain(`；本单位同一当事人另有与 ${UNIT_B} 重叠的案件 147 件，未逐件列出`);
    // 299 + 1 repeats, 150 + 1 cases held in both ledgers
    expect(body.counts).toEqual({ high: 0, medium: 451, low: 0 });
    // Listing every flag took about 150 KB here; the list now holds eight.
    expect(text.length).toBeLessThan(8_000);
  });

  it("gives the clerk the same few lines of their own unit's repeats", async () => {
    const { body } = await flags(w.clerkA, "&code=repeat_dispute");
    expect(lines(body.flags)).toEqual([
      ["repeat_dispute", UNIT_A, caseNo(297), 0], ["repeat_dispute", UNIT_A, caseNo(298), 0], ["repeat_dispute", UNIT_A, caseNo(299), 296],
    ]);
    expect(body.counts).toEqual({ high: 0, medium: 299, low: 0 });
  });

  it("still writes every repeat flag of a pushed chunk's rows into its receipt, one per row", async () => {
    const wanted = Array.from({ length: 10 }, (_, i) => caseNo(100 + i));
    const { flags: fs } = await receiptExtras(env.DB, { unitId: await unitId(UNIT_A), caseNos: wanted, today: TODAY, acrossUnits: false });
    const repeats = fs.filter((f) => f.code === "repeat_dispute");
    expect(repeats.map((f) => f.caseNo)).toEqual(wanted);
    expect(repeats.every((f) => f.facts.more === undefined)).toBe(true);
  });

  it("lists the dispute's latest three repeats in the digest, the latest saying how many more, and counts every one", async () => {
    const res = await call("GET", `/api/digest?period=2026&asOf=${TODAY}`, { token: w.coordinator });
    expect(res.status).toBe(200);
    const digest = await json(res);
    // received in 2026: 山腰街道's cases from 2026-01-01 (the 184th day on) and 南埔镇's
    expect(digest.repeats.total).toBe(N - 184 + 1);
    expect(digest.repeats.cases.map((c: any) => [c.unit, c.caseNo, c.applicant, c.previous.caseNo, c.more])).toEqual([
      [UNIT_A, caseNo(298), "王某", caseNo(296), 0],
      [UNIT_A, caseNo(299), "王某", caseNo(298), 0],
      [UNIT_B, "NP-1", "王某", caseNo(298), N - 184 + 1 - 3],
    ]);
    expect(JSON.stringify(digest.repeats).length).toBeLessThan(3_000);
  });
});
