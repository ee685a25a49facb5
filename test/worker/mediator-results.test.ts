import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { row, storeCases, unitId } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import { putRoster, resetMentors, rosterRow } from "./mentor-fixtures.ts";

let w: World;
const closedIn = (unit: string, caseNo: string, mediator: string, status: "调解成功" | "调解不成", closedOn = "2026-07-20") =>
  row(unit, { caseNo, mediator, status, closedOn, receivedOn: "2026-07-01", stage: "诉前", mediationType: "人民调解" });

beforeEach(async () => {
  await resetMentors();
  w = await makeWorld();
  await putRoster(w.coordinator, [
    rosterRow(3, "林志强", { unit: UNIT_A, tier: "星牌" }),
    rosterRow(4, "王芳", { unit: UNIT_A, tier: "星牌" }),
    rosterRow(5, "陈美华", { unit: UNIT_B, tier: "星牌" }),
  ]);
  await storeCases([
    ...Array.from({ length: 11 }, (_, i) => closedIn(UNIT_A, `A-S${i}`, "林志强", "调解成功")),
    closedIn(UNIT_A, "A-F", "林志强、王芳", "调解不成"),
    ...Array.from({ length: 3 }, (_, i) => closedIn(UNIT_B, `B-S${i}`, "陈美华", "调解成功")),
    ...Array.from({ length: 7 }, (_, i) => closedIn(UNIT_B, `B-F${i}`, "陈美华", "调解不成")),
    // Closed in Q4: not in Q3's figures.
    closedIn(UNIT_A, "A-Q4", "王芳", "调解成功", "2026-10-05"),
  ]);
  await env.DB.prepare(`INSERT INTO case_reviews (unit_id, case_no, reviewed_on, score) VALUES (?1, 'A-S0', '2026-08-01', 90), (?1, 'A-S1', '2026-08-02', 94)`).bind(await unitId(UNIT_A)).run();
});

const results = async (token: string, period = "2026-Q3") => {
  const res = await call("GET", `/api/mediators/results?period=${period}&asOf=2026-10-10`, { token });
  return { status: res.status, body: await json(res) };
};

describe("results per mediator", () => {
  it("gives each mediator's cases, success and on-time intervals and review mean, and who meets the gold standard", async () => {
    const r = await results(w.assessor);
    expect(r.status).toBe(200);
    const lin = r.body.mediators.find((m: any) => m.name === "林志强");
    expect(lin).toMatchObject({ unit: UNIT_A, tier: "星牌调解员", cases: 12, concluded: 12, rankInTier: 1, standing: "gold" });
    expect(lin.success).toMatchObject({ num: 11, den: 12 });
    expect(lin.review.rate).toBeCloseTo(0.92);
    expect(lin.reasons.map((x: any) => x.zh)).toContain("评查平均分 92");
    // The shared failed case counts for 王芳 too; her Q4 success does not count in Q3.
    expect(r.body.mediators.find((m: any) => m.name === "王芳")).toMatchObject({ concluded: 1, standing: null, success: { num: 0, den: 1 } });
  });

  it("lists who is falling behind with the figures behind it", async () => {
    const chen = (await results(w.coordinator)).body.mediators.find((m: any) => m.name === "陈美华");
    expect(chen.standing).toBe("behind");
    expect(chen.reasons[0].zh).toBe("调解成功率 30%（3/10），95% 区间上限 60% 仍低于 80%");
    // Below 林志强 (11/12) and above 王芳, whose one case (0/1) ranks last but is too few to call her behind.
    expect(chen.rankInTier).toBe(2);
  });

  it("answers only the assessment office and the coordinator", async () => {
    for (const token of [w.clerkA, w.admin]) expect((await results(token)).status).toBe(403);
    expect((await results(w.assessor, "2026-13")).status).toBe(422);
  });
});
