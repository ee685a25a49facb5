import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LimitSettings } from "../../ledger/api/limits.ts";
import { addDays, parsePeriod } from "../../ledger/period.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { DEFAULT_CONFIG } from "../../worker/assessment/config.ts";
import { countsFromCaseRow, dailyCountsStatement, loadTimeLimits } from "../../worker/db/assessment.ts";
import { listLimitSettingVersions } from "../../worker/db/limit-settings.ts";
import { caseCountsStatement } from "../support/direct-counts.ts";
import { resetAll, row, storeCases } from "./assessment-fixtures.ts";
import { putRoster, rosterRow } from "./mentor-fixtures.ts";
import { computeAssignments } from "../../worker/mentors/assignment-service.ts";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
});

const DEFAULTS: LimitSettings = {
  timeLimits: { byStage: { 行政复议: 60, 诉前: 30 }, byMediationType: { 人民调解: 30 }, fallback: 30 },
  flags: {
    dueSoonDays: 5, confirmationWindowDays: 30, confirmationWarnDays: 7, repeatWithinMonths: 12, staleAfterDays: 60, notPushedDays: 30,
    minLedgerQuality: 0.9, transferReceiptDays: 3,
  },
};
const withChanges = (change: { timeLimits?: Partial<LimitSettings["timeLimits"]>; flags?: Partial<LimitSettings["flags"]> }): LimitSettings =>
  structuredClone({ timeLimits: { ...DEFAULTS.timeLimits, ...change.timeLimits }, flags: { ...DEFAULTS.flags, ...change.flags } });

const getLimits = async (token: string) => {
  const res = await call("GET", "/api/settings/limits", { token });
  return { status: res.status, body: await json(res) };
};
const putLimits = async (token: string, body: unknown) => {
  const res = await call("PUT", "/api/settings/limits", { token, body });
  return { status: res.status, body: await json(res) };
};

describe("reading the time limits and flag thresholds", () => {
  it("shows the defaults as current, version 0 and nobody's change, when no coordinator has saved any", async () => {
    const r = await getLimits(w.coordinator);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: 0, current: DEFAULTS, defaults: DEFAULTS, changedBy: null, changedAt: null });
    // The defaults are the rules' own defaults and the wrangler var for the transfer receipt days.
    expect(r.body.current.timeLimits).toEqual(DEFAULT_CONFIG.timeLimits);
  });

  it("lets a clerk and an assessor read them too, and no admin", async () => {
    expect((await getLimits(w.clerkA)).status).toBe(200);
    expect((await getLimits(w.assessor)).status).toBe(200);
    expect((await getLimits(w.admin)).status).toBe(403);
  });
});

describe("saving them (coordinator)", () => {
  it("stores each save as a new version, keeps the earlier ones with the token and time, and reads back the latest", async () => {
    const first = await putLimits(w.coordinator, { settings: withChanges({ timeLimits: { byStage: { 诉前: 20 } } }), baseVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, current: { timeLimits: { byStage: { 诉前: 20 } } }, changedBy: { tokenId: w.tokenIds.coordinator } });
    const second = await putLimits(w.coordinator, { settings: withChanges({ flags: { dueSoonDays: 9 } }), baseVersion: 1 });
    expect(second.body.version).toBe(2);

    const read = await getLimits(w.clerkA);
    expect(read.body.version).toBe(2);
    expect(read.body.current).toEqual(withChanges({ flags: { dueSoonDays: 9 } }));
    expect(read.body.changedBy.tokenId).toBe(w.tokenIds.coordinator);
    expect(read.body.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const versions = await listLimitSettingVersions(env.DB);
    expect(versions.map((v) => [v.version, v.tokenId])).toEqual([[2, w.tokenIds.coordinator], [1, w.tokenIds.coordinator]]);
    expect(versions[1].settings).toEqual(withChanges({ timeLimits: { byStage: { 诉前: 20 } } }));
    // The time limits the on-time counts use are the latest version's, not a stale copy.
    expect(await loadTimeLimits(env.DB)).toEqual(DEFAULTS.timeLimits);
  });

  it("refuses an unknown stage or mediation type naming it and the allowed ones, and stores nothing", async () => {
    const bad = withChanges({});
    (bad.timeLimits.byStage as Record<string, number>)["复议阶段"] = 60;
    const r = await putLimits(w.coordinator, { settings: bad });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.message).toContain("未知的阶段“复议阶段”");
    expect(r.body.error.message).toContain("诉前、立案、审判、执行、行政复议、信访");
    expect(r.body.error.details.issues[0].path).toBe("settings.timeLimits.byStage.复议阶段");

    const badType = withChanges({});
    (badType.timeLimits.byMediationType as Record<string, number>)["仲裁"] = 30;
    const t = await putLimits(w.coordinator, { settings: badType });
    expect(t.status).toBe(422);
    expect(t.body.error.message).toContain("Unknown mediation type \"仲裁\"");
    expect(await listLimitSettingVersions(env.DB)).toEqual([]);
    expect(await loadTimeLimits(env.DB)).toEqual(DEFAULTS.timeLimits);
  });

  it("refuses values out of range (days 1–365, months 1–60, quality 0–1, whole days) with the field's path, and stores nothing", async () => {
    const cases: [LimitSettings, string][] = [
      [withChanges({ timeLimits: { fallback: 0 } }), "settings.timeLimits.fallback"],
      [withChanges({ timeLimits: { byStage: { 诉前: 366 } } }), "settings.timeLimits.byStage.诉前"],
      [withChanges({ flags: { dueSoonDays: 2.5 } }), "settings.flags.dueSoonDays"],
      [withChanges({ flags: { repeatWithinMonths: 61 } }), "settings.flags.repeatWithinMonths"],
      [withChanges({ flags: { minLedgerQuality: 1.2 } }), "settings.flags.minLedgerQuality"],
      [withChanges({ flags: { confirmationWarnDays: 40 } }), "settings.flags.confirmationWarnDays"],
    ];
    for (const [settings, path] of cases) {
      const r = await putLimits(w.coordinator, { settings });
      expect(r.status, path).toBe(422);
      expect(r.body.error.details.issues.map((i: { path: string }) => i.path), path).toEqual([path]);
    }
    const missing = await putLimits(w.coordinator, { settings: { timeLimits: DEFAULTS.timeLimits } });
    expect(missing.status).toBe(422);
    expect(await listLimitSettingVersions(env.DB)).toEqual([]);
  });

  it("takes the ledger quality share in the precision the form shows (a hundredth of a percent): 5e-324 and 0.90251 are refused saying so, 0.9025 is kept", async () => {
    for (const minLedgerQuality of [5e-324, 0.90251]) {
      const r = await putLimits(w.coordinator, { settings: withChanges({ flags: { minLedgerQuality } }) });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toContain("settings.flags.minLedgerQuality: 台账规范率下限最多精确到 0.01%（0–1 之间最多四位小数，如 0.9025）");
    }
    expect(await listLimitSettingVersions(env.DB)).toEqual([]);
    const ok = await putLimits(w.coordinator, { settings: withChanges({ flags: { minLedgerQuality: 0.9025 } }) });
    expect(ok.status).toBe(200);
    expect(ok.body.current.flags.minLedgerQuality).toBe(0.9025);
  });

  it("refuses assessors and clerks with 403 and stores nothing", async () => {
    for (const token of [w.assessor, w.clerkA, w.admin]) {
      const r = await putLimits(token, { settings: withChanges({ flags: { dueSoonDays: 9 } }) });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect((await getLimits(w.coordinator)).body.version).toBe(0);
  });

  it("refuses a save made from an older version (another coordinator saved meanwhile) with 409, keeping theirs", async () => {
    expect((await putLimits(w.coordinator, { settings: withChanges({ flags: { dueSoonDays: 9 } }), baseVersion: 0 })).status).toBe(200);
    const late = await putLimits(w.coordinator, { settings: withChanges({ timeLimits: { fallback: 90 } }), baseVersion: 0 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("conflict");
    expect(late.body.error.message).toContain("请重新读取");
    const now = await getLimits(w.coordinator);
    expect(now.body.version).toBe(1);
    expect(now.body.current.flags.dueSoonDays).toBe(9);
    expect(await loadTimeLimits(env.DB)).toEqual(DEFAULTS.timeLimits);
  });
});

describe("the Worker uses the saved values", () => {
  const TODAY = "2026-06-15";
  const flagsOf = async (token: string) => {
    const res = await call("GET", `/api/flags?asOf=${TODAY}&scope=case`, { token });
    return (await json(res)).flags.map((f: { code: string; caseNo: string }) => [f.code, f.caseNo]);
  };

  it("a larger dueSoonDays marks more cases due soon, and a shorter stage limit makes a case overdue, in GET /api/flags", async () => {
    await storeCases([
      // 诉前, 30 days: 4 days left on the 15th, 8 days left, 20 days left.
      row(UNIT_A, { caseNo: "LEFT-4", receivedOn: "2026-05-20" }),
      row(UNIT_A, { caseNo: "LEFT-8", receivedOn: "2026-05-24" }),
      row(UNIT_A, { caseNo: "LEFT-20", receivedOn: "2026-06-05" }),
    ], "2026-06-14T00:00:00.000Z");
    expect(await flagsOf(w.coordinator)).toEqual([["due_soon", "LEFT-4"]]);

    await putLimits(w.coordinator, { settings: withChanges({ flags: { dueSoonDays: 10 } }) });
    expect(await flagsOf(w.coordinator)).toEqual([["due_soon", "LEFT-4"], ["due_soon", "LEFT-8"]]);
    expect(await flagsOf(w.clerkA)).toEqual([["due_soon", "LEFT-4"], ["due_soon", "LEFT-8"]]);

    // 诉前 now 21 days: LEFT-4 (26 days open) and LEFT-8 (22 days) are over; LEFT-20 (10 days open) has 11 left.
    await putLimits(w.coordinator, { settings: withChanges({ timeLimits: { byStage: { 诉前: 21 } }, flags: { dueSoonDays: 10 } }) });
    const res = await call("GET", `/api/flags?asOf=${TODAY}&scope=case`, { token: w.coordinator });
    const flags = (await json(res)).flags;
    expect(flags.map((f: { code: string; caseNo: string }) => [f.code, f.caseNo])).toEqual([["overdue", "LEFT-4"], ["overdue", "LEFT-8"]]);
    expect(flags[0].facts).toMatchObject({ daysOpen: 26, limitDays: 21, daysOver: 5 });
  });

  it("the push receipt carries flags by the saved thresholds", async () => {
    const today = todayInChina();
    const row8 = sheetRow(2, "RC-8", { receivedOn: addDays(today, -22), stage: "诉前" }); // 诉前 30 days: 8 left
    const before = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([row8])));
    expect(before.flags).toEqual([]);
    await putLimits(w.coordinator, { settings: withChanges({ flags: { dueSoonDays: 8 } }) });
    const after = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([row8])));
    expect(after.flags.map((f: { code: string; facts: { daysLeft: number } }) => [f.code, f.facts.daysLeft])).toEqual([["due_soon", 8]]);
  });

  it("the push receipt finds an agreement by the saved confirmation window, read in the same round trip as its cases", async () => {
    const today = todayInChina();
    // Closed 40 days ago: past the default 30-day window, 5 days left of a 45-day one.
    const agreed = sheetRow(2, "RC-40", { receivedOn: addDays(today, -50), status: "调解成功", closedOn: addDays(today, -40) });
    const before = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([agreed])));
    expect(before.flags).toEqual([]);
    await putLimits(w.coordinator, { settings: withChanges({ flags: { confirmationWindowDays: 45, confirmationWarnDays: 7 } }) });
    const after = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([agreed])));
    expect(after.flags.map((f: { code: string; facts: { daysLeft: number; deadline: string } }) => [f.code, f.facts.daysLeft, f.facts.deadline]))
      .toEqual([["confirmation_window_closing", 5, addDays(today, 5)]]);
  });

  it("changed time limits change the on-time figures of GET /api/rankings, for stored cases and cases stored afterwards", async () => {
    const closed = (caseNo: string, stage: string, mediationType: string, receivedOn: string, closedOn: string) =>
      row(UNIT_A, { caseNo, stage: stage as never, mediationType: mediationType as never, receivedOn, status: "调解成功", closedOn });
    await storeCases([
      closed("P10", "诉前", "人民调解", "2026-04-21", "2026-05-01"), // 10 days
      closed("P25", "诉前", "人民调解", "2026-04-06", "2026-05-01"), // 25 days
      closed("P40", "诉前", "人民调解", "2026-04-01", "2026-05-11"), // 40 days
      closed("T45", "审判", "人民调解", "2026-04-01", "2026-05-16"), // 45 days
      closed("F50", "立案", "行政调解", "2026-04-01", "2026-05-21"), // 50 days: no stage or type limit, the fallback
    ]);
    const onTime = async () => {
      const r = await json(await call("GET", "/api/rankings?period=2026-05&asOf=2026-06-30", { token: w.assessor }));
      return r.units.find((u: { unit: string }) => u.unit === UNIT_A).indicators.onTime;
    };
    // Defaults (诉前 30, 人民调解 30, fallback 30): P10, P25 on time → 2 of 5.
    expect(await onTime()).toMatchObject({ num: 2, den: 5, rate: 0.4 });

    // 诉前 45: P10, P25, P40; 审判 falls to 人民调解 20: T45 late; fallback 60: F50 on time → 4 of 5.
    const saved = await putLimits(w.coordinator, { settings: withChanges({ timeLimits: { byStage: { 诉前: 45 }, byMediationType: { 人民调解: 20 }, fallback: 60 } }) });
    expect(saved.status).toBe(200);
    expect(await onTime()).toMatchObject({ num: 4, den: 5, rate: 0.8 });

    // A case stored after the save is counted by the new limits too (the triggers read the same values): 55 days ≤ 60.
    await storeCases([closed("F55", "立案", "行政调解", "2026-04-01", "2026-05-26")]);
    expect(await onTime()).toMatchObject({ num: 5, den: 6 });

    // The daily counts equal a direct scan of the cases with the saved limits.
    const period = parsePeriod("2026-05");
    const [daily, direct] = await env.DB.batch([dailyCountsStatement(env.DB, period, "2026-06-30"), caseCountsStatement(env.DB, period, "2026-06-30", await loadTimeLimits(env.DB))]);
    expect(await loadTimeLimits(env.DB)).toEqual({ byStage: { 诉前: 45 }, byMediationType: { 人民调解: 20 }, fallback: 60 });
    expect(countsFromCaseRow(daily.results[0] as never)).toEqual(countsFromCaseRow(direct.results[0] as never));
  });

  it("the unit flags follow the saved notPushedDays and minLedgerQuality", async () => {
    const today = todayInChina();
    // One clean row and one without its applicant (rejected): the last push's quality is 1 of 2.
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "Q-1", { receivedOn: today }), sheetRow(3, "Q-2", { receivedOn: today, applicant: null })]));
    const unitFlags = async () => {
      const r = await json(await call("GET", `/api/flags?scope=unit&asOf=${addDays(today, 10)}&unit=${UNIT_A}`, { token: w.coordinator }));
      return r.flags.filter((f: { code: string }) => f.code === "ledger_not_pushed" || f.code === "low_ledger_quality")
        .map((f: { code: string; facts: { limitDays?: number; threshold?: number } }) => [f.code, f.facts.limitDays ?? f.facts.threshold]);
    };
    // Defaults: pushed 10 days before asOf (< 30), quality 50 % < 90 %.
    expect(await unitFlags()).toEqual([["low_ledger_quality", 0.9]]);
    await putLimits(w.coordinator, { settings: withChanges({ flags: { notPushedDays: 10, minLedgerQuality: 0.5 } }) });
    expect(await unitFlags()).toEqual([["ledger_not_pushed", 10]]);
  });
});

describe("the unit flags date a push by China's calendar", () => {
  it("says a push made at 07:00 China time was made that day, not the day before as UTC shows", async () => {
    // 23:00 UTC is 07:00 the next day in China (moved by whole days when TIAOJIE_TODAY is set).
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.parse("2026-05-31T23:00:00Z"));
      const today = todayInChina();
      await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "Q-1", { receivedOn: today }), sheetRow(3, "Q-2", { receivedOn: today, applicant: null })]));
      const r = await json(await call("GET", `/api/flags?scope=unit&asOf=${today}&unit=${UNIT_A}`, { token: w.coordinator }));
      const low = r.flags.find((f: { code: string }) => f.code === "low_ledger_quality");
      expect(low.facts.pushedOn).toBe(today);
      expect(low.message.zh).toContain(`${today} 上报`);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("mentor assignments use the saved time limits", () => {
  it("counts a star mediator's open case as overdue once the stage's limit is shorter than its days open", async () => {
    expect((await putRoster(w.coordinator, [rosterRow(2, "星调解", { unit: UNIT_A })])).status).toBe(200);
    // 诉前, received 2026-05-01, open on the asOf 2026-05-26: 25 days, within 30.
    await storeCases([row(UNIT_A, { caseNo: "M-1", receivedOn: "2026-05-01", mediator: "星调解" })]);
    const overdue = async () => (await computeAssignments(env.DB, "2026-05", "2026-05-26")).input.stars.map((s) => [s.name, s.overdueCases]);
    expect(await overdue()).toEqual([["星调解", 0]]);
    await putLimits(w.coordinator, { settings: withChanges({ timeLimits: { byStage: { 诉前: 20 } } }) });
    expect(await overdue()).toEqual([["星调解", 1]]);
  });
});

describe("migration 0029", () => {
  const migrationInsert = () => {
    const m = (env as unknown as { TEST_MIGRATIONS: { name: string; queries: string[] }[] }).TEST_MIGRATIONS.find((x) => x.name.startsWith("0029"))!;
    return m.queries.find((q) => q.includes("INSERT INTO limit_settings"))!;
  };

  it("stores nothing when the old time-limit table still holds 0014's defaults", async () => {
    await env.DB.prepare(migrationInsert()).run();
    expect(await listLimitSettingVersions(env.DB)).toEqual([]);
  });

  it("carries time limits changed by hand in the old table over as version 1, with the default thresholds", async () => {
    await env.DB.batch([
      env.DB.prepare(`UPDATE assessment_time_limits SET days = 45 WHERE kind = 'stage' AND value = '诉前'`),
      env.DB.prepare(`INSERT INTO assessment_time_limits (kind, value, days) VALUES ('mediation_type', '行政调解', 40)`),
    ]);
    await env.DB.prepare(migrationInsert()).run();
    const r = await getLimits(w.coordinator);
    expect(r.body).toMatchObject({ version: 1, changedBy: null });
    expect(r.body.current).toEqual(withChanges({ timeLimits: { byStage: { 行政复议: 60, 诉前: 45 }, byMediationType: { 人民调解: 30, 行政调解: 40 } } }));
  });
});
