import fc from "fast-check";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { STAGES, STATUSES } from "../../ledger/choices.ts";
import type { CaseRow } from "../../ledger/schema.ts";
import { INDICATOR_KEYS } from "../../ledger/api/indicators.ts";
import { DEFAULT_CONFIG } from "../../worker/assessment/config.ts";
import { countCaseIndicators } from "../../worker/assessment/indicators.ts";
import { parsePeriod } from "../../ledger/period.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { isLiveCase } from "../../ledger/live-case.ts";
import { countsFromCaseRow, dailyCountsStatement, loadTimeLimits, loadUnitCounts, rebuildDailyCounts } from "../../worker/db/assessment.ts";
import { caseCountsStatement } from "../support/direct-counts.ts";
import { addUnit, resetAll, row, storeCases, unitId, updateCase } from "./assessment-fixtures.ts";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, UNIT_B, type World } from "./helpers.ts";

const AFTER = "2027-06-01";
let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
});

async function assessment(token: string, unit: string, period: string, asOf = AFTER) {
  const res = await call("GET", `/api/assessments/${unit}?period=${period}&asOf=${asOf}`, { token });
  return { status: res.status, body: await json(res) };
}

describe("indicators computed in D1 per unit and period", () => {
  it("reports each indicator with num, den, rate, Wilson bounds and the target, counted by the DOMAIN's dates", async () => {
    await storeCases([
      row(UNIT_A, { receivedOn: "2026-05-02", status: "调解成功", closedOn: "2026-05-20" }), // on time, 诉前
      row(UNIT_A, { receivedOn: "2026-05-03", stage: "审判", status: "调解成功", closedOn: "2026-06-10" }), // 38 days: late, closes in June
      row(UNIT_A, { receivedOn: "2026-05-04", status: "调解不成", closedOn: "2026-05-06" }),
      row(UNIT_A, { receivedOn: "2026-05-05", status: "撤回", closedOn: "2026-05-07" }),
      row(UNIT_A, { receivedOn: "2026-05-06", accepted: false, status: null, rejectReason: "不属于受理范围" }),
      row(UNIT_A, { receivedOn: "2026-04-28", status: "调解成功", closedOn: "2026-05-02", commitment: "补偿", commitmentDue: "2026-05-15", commitmentMetOn: "2026-05-14" }),
      row(UNIT_A, { receivedOn: "2026-04-10", status: "终止", closedOn: "2026-04-30", commitment: "补偿", commitmentDue: "2026-05-20", commitmentMetOn: null }),
      row(UNIT_B, { receivedOn: "2026-05-10" }),
    ]);
    const may = await assessment(w.coordinator, UNIT_A, "2026-05");
    expect(may.status).toBe(200);
    const i = may.body.assessment.indicators;
    // received in May: 5 (two April cases excluded), accepted 4
    expect(i.acceptance).toMatchObject({ num: 4, den: 5, rate: 0.8, target: 0.97, meetsTarget: false });
    expect(i.acceptance.low).toBeCloseTo(0.3755, 4);
    expect(i.acceptance.high).toBeCloseTo(0.9638, 4);
    // closed in May: 成功 (05-20), 不成, 撤回, 成功 (April case) → success 2 / 3 (撤回 excluded)
    expect(i.success).toMatchObject({ num: 2, den: 3, target: 0.8, meetsTarget: false });
    expect(i.onTime).toMatchObject({ num: 4, den: 4 });
    expect(i.preSuit).toMatchObject({ num: 2, den: 2 });
    // due in May: one kept, one not met
    expect(i.commitments).toMatchObject({ num: 1, den: 2, rate: 0.5 });
    expect(i.review).toMatchObject({ num: 0, den: 0, rate: null, low: null, high: null, meetsTarget: null });

    const june = (await assessment(w.coordinator, UNIT_A, "2026-06")).body.assessment.indicators;
    expect(june.success).toMatchObject({ num: 1, den: 1 });
    expect(june.onTime).toMatchObject({ num: 0, den: 1 });
    expect(june.acceptance).toMatchObject({ num: 0, den: 0, rate: null });

    const q2 = (await assessment(w.coordinator, UNIT_A, "2026-Q2")).body.assessment.indicators;
    expect(q2.acceptance).toMatchObject({ num: 6, den: 7 });
    expect(q2.success).toMatchObject({ num: 3, den: 5 });
    expect(q2.onTime).toMatchObject({ num: 5, den: 6 });
    const year = (await assessment(w.coordinator, UNIT_A, "2026")).body.assessment.indicators;
    expect(year.acceptance).toMatchObject({ num: 6, den: 7 });
  });

  it("reports zero denominators and no score for a period without cases", async () => {
    const r = await assessment(w.coordinator, UNIT_A, "2001-Q1");
    expect(r.status).toBe(200);
    for (const k of INDICATOR_KEYS) expect(r.body.assessment.indicators[k]).toMatchObject({ den: 0, rate: null, points: 0 });
    expect(r.body.assessment).toMatchObject({ rank: null, score: null });
  });

  it("does not count a commitment of the current period whose due date is still ahead", async () => {
    await storeCases([row(UNIT_A, { status: "调解成功", closedOn: "2026-05-02", commitment: "补偿", commitmentDue: "2026-05-28" })]);
    expect((await assessment(w.coordinator, UNIT_A, "2026-05", "2026-05-20")).body.assessment.indicators.commitments).toMatchObject({ den: 0 });
    expect((await assessment(w.coordinator, UNIT_A, "2026-05", "2026-05-29")).body.assessment.indicators.commitments).toMatchObject({ num: 0, den: 1 });
  });

  it("keeps the daily counts equal to a direct scan of cases through inserts, re-pushes, unit moves and deletes", async () => {
    const a = row(UNIT_A, { receivedOn: "2026-03-30", status: "调解中" });
    const b = row(UNIT_A, { receivedOn: "2026-04-02", status: "调解成功", closedOn: "2026-04-20", commitment: "x", commitmentDue: "2026-05-01", commitmentMetOn: "2026-04-30" });
    const c = row(UNIT_B, { receivedOn: "2026-04-05", stage: "行政复议", status: "调解不成", closedOn: "2026-06-03" });
    await storeCases([a, b, c]);
    const same = async () => {
      for (const p of ["2026-03", "2026-04", "2026-Q2", "2026"]) {
        const period = parsePeriod(p);
        const [daily, direct] = await env.DB.batch([dailyCountsStatement(env.DB, period, AFTER), caseCountsStatement(env.DB, period, AFTER)]);
        // Days whose cases all moved away keep a row of zeros; they say the same as no row.
        const key = (rs: unknown[]) =>
          Object.fromEntries(
            (rs as { unitId: number }[])
              .map((r) => [r.unitId, countsFromCaseRow(r as never)] as const)
              .filter(([, c]) => Object.values(c).some((x) => x.den !== 0 || x.num !== 0)),
          );
        expect(key(daily.results), p).toEqual(key(direct.results));
      }
    };
    await same();
    await updateCase(UNIT_A, a.caseNo, { ...a, status: "调解成功", closedOn: "2026-04-10" });
    await same();
    await env.DB.prepare(`UPDATE cases SET unit_id = ? WHERE case_no = ?`).bind(await unitId(UNIT_B), b.caseNo).run();
    await same();
    await env.DB.prepare(`UPDATE cases SET deleted_at = '2026-07-01' WHERE case_no = ?`).bind(c.caseNo).run();
    await same();
    await env.DB.prepare(`UPDATE cases SET in_ledger = 0 WHERE case_no = ?`).bind(a.caseNo).run();
    await same();
    await env.DB.prepare(`DELETE FROM cases WHERE case_no = ?`).bind(a.caseNo).run();
    await same();
    await rebuildDailyCounts(env.DB);
    await same();
  });

  it("counts the same in the trigger-kept daily counts, a direct scan of cases and the TypeScript definition, for random ledgers edited, dropped and deleted at random", async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 864e5).toISOString().slice(0, 10);
    const caseSpec = fc.record({
      unit: fc.constantFrom(UNIT_A, UNIT_B), r: fc.integer({ min: 0, max: 360 }), accepted: fc.boolean(), status: fc.constantFrom(...STATUSES),
      dur: fc.integer({ min: 0, max: 80 }), stage: fc.constantFrom(...STAGES), type: fc.constantFrom("人民调解", "行政调解", "司法调解") as fc.Arbitrary<CaseRow["mediationType"]>,
      due: fc.option(fc.integer({ min: 0, max: 60 })), met: fc.option(fc.integer({ min: -5, max: 10 })),
    });
    type Spec = typeof caseSpec extends fc.Arbitrary<infer T> ? T : never;
    const toRow = (s: Spec, caseNo: string): CaseRow => {
      const accepted = s.accepted;
      const status = accepted ? s.status : null;
      const closedOn = status && status !== "调解中" ? day(s.r + s.dur) : null;
      const due = s.due == null ? null : day(s.r + s.due);
      return {
        ...row(s.unit, {
          receivedOn: day(s.r), accepted, status, closedOn, stage: s.stage, mediationType: s.type, rejectReason: accepted ? null : "x",
          commitment: due ? "承诺" : null, commitmentDue: due, commitmentMetOn: due && s.met != null ? day(s.r + s.due! + s.met) : null,
        }),
        caseNo,
      };
    };
    // Each case: its first version, then maybe an edit (a re-push changing any field), then maybe marked "not in
    // ledger" by a whole-ledger push, then maybe a delete. Which of them count is ledger/live-case.ts's to say.
    const arb = fc.array(fc.record({ first: caseSpec, edit: fc.option(caseSpec), dropped: fc.boolean(), deleted: fc.boolean() }), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(arb, fc.constantFrom("2026-02", "2026-Q2", "2026-Q4", "2026"), async (spec, label) => {
        await env.DB.batch([env.DB.prepare(`DELETE FROM cases`), env.DB.prepare(`DELETE FROM assessment_daily`)]);
        const firsts = spec.map((s, i) => toRow(s.first, `P-${i}`));
        await storeCases(firsts);
        const live: CaseRow[] = [];
        for (let i = 0; i < spec.length; i++) {
          // An edit keeps the case in its unit (as a push does); the unit of the spec is ignored.
          const now = spec[i].edit ? { ...toRow(spec[i].edit!, `P-${i}`), unit: firsts[i].unit } : firsts[i];
          if (spec[i].edit) await updateCase(firsts[i].unit, now.caseNo, now);
          if (spec[i].dropped) await env.DB.prepare(`UPDATE cases SET in_ledger = 0 WHERE case_no = ?`).bind(now.caseNo).run();
          if (spec[i].deleted) await env.DB.prepare(`UPDATE cases SET deleted_at = '2026-12-01' WHERE case_no = ?`).bind(now.caseNo).run();
          if (isLiveCase({ deleted: spec[i].deleted, inLedger: !spec[i].dropped })) live.push(now);
        }
        const period = parsePeriod(label);
        const asOf = "2026-08-15";
        const check = async (what: string) => {
          const [units, direct] = await Promise.all([loadUnitCounts(env.DB, period, asOf), caseCountsStatement(env.DB, period, asOf).all()]);
          const directByUnit = new Map((direct.results as { unitId: number }[]).map((r) => [r.unitId, countsFromCaseRow(r as never)]));
          for (const u of units) {
            const expected = countCaseIndicators(live.filter((r) => r.unit === u.unit), period, asOf, DEFAULT_CONFIG);
            const scanned = directByUnit.get(u.unitId) ?? countsFromCaseRow(undefined);
            for (const k of ["acceptance", "success", "onTime", "commitments", "preSuit"] as const) {
              expect(u.counts[k], `${what}: ${u.unit} ${k}, daily counts`).toEqual(expected[k]);
              expect(scanned[k], `${what}: ${u.unit} ${k}, direct scan`).toEqual(expected[k]);
            }
          }
        };
        await check("kept by the triggers");
        await rebuildDailyCounts(env.DB);
        await check("rebuilt");
      }),
      { numRuns: 15 },
    );
  });

  it("uses time limits stored in D1 that equal the DOMAIN defaults in the code", async () => {
    expect(await loadTimeLimits(env.DB)).toEqual(DEFAULT_CONFIG.timeLimits);
  });

  it("measures ledger quality from the rows rejected in the unit's last push of the period", async () => {
    // Received today: the rows count in this year's period whatever day the test runs.
    const today = todayInChina();
    const rows = [sheetRow(2, "SY-1", { receivedOn: today }), sheetRow(3, "SY-2", { receivedOn: today }), sheetRow(4, "SY-3", { receivedOn: "明天" }), sheetRow(5, "SY-4", { receivedOn: today })];
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows));
    expect(res.status).toBe(200);
    expect((await json(res)).counts.rejected).toBe(1);
    const r = await assessment(w.coordinator, UNIT_A, today.slice(0, 4), today);
    expect(r.body.assessment.indicators.ledgerQuality).toMatchObject({ num: 3, den: 4, rate: 0.75 });
    expect((await assessment(w.coordinator, UNIT_B, today.slice(0, 4), today)).body.assessment.indicators.ledgerQuality).toMatchObject({ den: 0 });
  });

  it("counts a push made at 07:00 on the first of a month in China in that month, not in the month UTC still shows", async () => {
    // 23:00 UTC on 31 May is 07:00 on 1 June in China (moved by whole days when TIAOJIE_TODAY is set).
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.parse("2026-05-31T23:00:00Z"));
      const today = todayInChina();
      const rows = [sheetRow(2, "SY-1", { receivedOn: today }), sheetRow(3, "SY-2", { receivedOn: "明天" })];
      expect((await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows))).status).toBe(200);
      const month = await assessment(w.coordinator, UNIT_A, today.slice(0, 7), today);
      expect(month.body.assessment.indicators.ledgerQuality).toMatchObject({ num: 1, den: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports the mean case-file review score of the period, from reviews an assessor records", async () => {
    for (const [caseNo, score] of [["SY-1", 90], ["SY-2", 80], ["SY-3", 100]] as const) {
      const res = await call("POST", "/api/assessments/reviews", { token: w.assessor, body: { unit: UNIT_A, caseNo, reviewedOn: "2026-05-10", score } });
      expect(res.status).toBe(200);
    }
    const bad = await call("POST", "/api/assessments/reviews", { token: w.assessor, body: { unit: UNIT_A, caseNo: "SY-4", reviewedOn: "2026-05-10", score: 120 } });
    expect(bad.status).toBe(422);
    const i = (await assessment(w.assessor, UNIT_A, "2026-05")).body.assessment.indicators;
    expect(i.review).toMatchObject({ num: 270, den: 300, rate: 0.9 });
    expect(i.review.low).toBeCloseTo(0.3576, 4);
  });

  it("replaces a review recorded again for the same case and day, keeping the earlier score as a previous version", async () => {
    const post = (score: number) => call("POST", "/api/assessments/reviews", { token: w.assessor, body: { unit: UNIT_A, caseNo: "SY-1", reviewedOn: "2026-05-10", score } });
    expect((await post(70)).status).toBe(200);
    expect((await post(70)).status).toBe(200);
    expect((await post(85)).status).toBe(200);
    const i = (await assessment(w.assessor, UNIT_A, "2026-05")).body.assessment.indicators;
    expect(i.review).toMatchObject({ num: 85, den: 100 });
    const kept = await env.DB.prepare(`SELECT version, score FROM case_review_revisions`).all();
    expect(kept.results).toEqual([{ version: 1, score: 70 }]);
  });
});

describe("rankings over the API", () => {
  it("ranks towns and departments separately with every indicator's points, and the assessor's weights reorder them", async () => {
    await addUnit("区人社局", "department");
    const many = (unit: string, n: number, over: Partial<CaseRow>) => Array.from({ length: n }, () => row(unit, over));
    await storeCases([
      // 山腰: acceptance 100 %, success 60 %; 南埔: acceptance 90 %, success 90 %
      ...many(UNIT_A, 60, { status: "调解成功", closedOn: "2026-05-10" }), ...many(UNIT_A, 40, { status: "调解不成", closedOn: "2026-05-10" }),
      ...many(UNIT_B, 81, { status: "调解成功", closedOn: "2026-05-10" }), ...many(UNIT_B, 9, { status: "调解不成", closedOn: "2026-05-10" }),
      ...many(UNIT_B, 10, { accepted: false, status: null, rejectReason: "x" }),
      ...many("区人社局", 5, { status: "调解成功", closedOn: "2026-05-10" }),
    ]);
    const put = (weights: Record<string, number>) => call("PUT", "/api/rankings/weights?period=2026-Q2", { token: w.assessor, body: { weights } });
    expect((await put({ acceptance: 80, success: 20 })).status).toBe(200);
    const first = await json(await call("GET", `/api/rankings?period=2026-Q2&asOf=${AFTER}`, { token: w.assessor }));
    expect(first).toMatchObject({ period: "2026-Q2", weightsSource: "period", method: "wilson-lower" });
    expect(first.units.map((u: { unit: string; kind: string; rank: number }) => [u.unit, u.kind, u.rank])).toEqual([
      [UNIT_A, "town", 1], [UNIT_B, "town", 2], ["区人社局", "department", 1],
    ]);
    const a = first.units[0];
    expect(a.indicators.acceptance).toMatchObject({ num: 100, den: 100, weight: 80, effectiveWeight: 0.8 });
    expect(a.score).toBeCloseTo(a.indicators.acceptance.points + a.indicators.success.points, 1);
    expect((await put({ acceptance: 20, success: 80 })).status).toBe(200);
    const second = await json(await call("GET", `/api/rankings?period=2026-Q2&asOf=${AFTER}`, { token: w.assessor }));
    expect(second.units.slice(0, 2).map((u: { unit: string }) => u.unit)).toEqual([UNIT_B, UNIT_A]);
    // other periods keep the defaults
    expect(await json(await call("GET", "/api/rankings/weights?period=2026-Q3", { token: w.assessor }))).toMatchObject({ source: "default", weights: { success: 30 } });
  });

  it("refuses an unreadable period and bad weights with 422 and a message saying what to write", async () => {
    const res = await call("GET", "/api/rankings?period=2026-Q5", { token: w.assessor });
    expect(res.status).toBe(422);
    expect((await json(res)).error.message).toMatch(/2026-Q2（季度）/);
    const bad = await call("PUT", "/api/rankings/weights?period=2026-Q2", { token: w.assessor, body: { weights: { speed: 5 } } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error).toMatchObject({ code: "invalid_request", message: expect.stringMatching(/unknown indicator "speed"/) });
  });
});

describe("weights are set in the precision the Rankings page shows: a tenth of a point", () => {
  const put = (weights: Record<string, number>) => call("PUT", "/api/rankings/weights?period=2026-Q2", { token: w.assessor, body: { weights } });

  it("refuses 5e-324 and 12.25, naming the indicator, and keeps the weights in force", async () => {
    for (const weights of [{ acceptance: 5e-324, success: 100 }, { acceptance: 12.25, success: 87.75 }]) {
      const res = await put(weights);
      expect(res.status).toBe(422);
      const body = await json(res);
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toMatch(/“acceptance” 为 .*：权重最多保留一位小数（如 12\.5） must have at most one decimal place/);
    }
    expect(await json(await call("GET", "/api/rankings/weights?period=2026-Q2", { token: w.assessor }))).toMatchObject({ source: "default" });
  });

  it("keeps 12.5 and 87.5 as typed", async () => {
    expect((await put({ acceptance: 12.5, success: 87.5 })).status).toBe(200);
    expect(await json(await call("GET", "/api/rankings/weights?period=2026-Q2", { token: w.assessor }))).toMatchObject({ source: "period", weights: { acceptance: 12.5, success: 87.5 } });
  });
});

describe("who may see assessments and rankings", () => {
  it("lets a clerk read their own unit's assessment but not another unit's, nor the rankings", async () => {
    expect((await assessment(w.clerkA, UNIT_A, "2026-Q2")).status).toBe(200);
    const other = await assessment(w.clerkA, UNIT_B, "2026-Q2");
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("forbidden");
    expect((await call("GET", "/api/rankings?period=2026-Q2", { token: w.clerkA })).status).toBe(403);
  });

  it("lets assessors and coordinators read rankings and any assessment, and only assessors set weights", async () => {
    for (const t of [w.assessor, w.coordinator]) {
      expect((await call("GET", "/api/rankings?period=2026-Q2", { token: t })).status).toBe(200);
      expect((await assessment(t, UNIT_B, "2026-Q2")).status).toBe(200);
    }
    expect((await call("PUT", "/api/rankings/weights?period=2026-Q2", { token: w.coordinator, body: { weights: { success: 1 } } })).status).toBe(403);
    expect((await call("POST", "/api/assessments/reviews", { token: w.clerkA, body: { unit: UNIT_A, caseNo: "x", reviewedOn: "2026-05-01", score: 1 } })).status).toBe(403);
  });

  it("keeps admins and anonymous callers out of assessment data", async () => {
    expect((await call("GET", "/api/rankings?period=2026-Q2", { token: w.admin })).status).toBe(403);
    expect((await assessment(w.admin, UNIT_A, "2026-Q2")).status).toBe(403);
    expect((await call("GET", "/api/rankings?period=2026-Q2")).status).toBe(401);
  });

  it("answers 404 for an assessment of a unit that does not exist", async () => {
    const r = await assessment(w.coordinator, "不存在镇", "2026-Q2");
    expect(r.status).toBe(404);
  });
});
