import { describe, expect, it } from "vitest";
import { assignMentors } from "../../../worker/mentors/assign.ts";
import type { AssignmentInput } from "../../../worker/mentors/types.ts";
import { complexCase, mentor, period, star, town } from "./fixtures.ts";

const mentorsOf = (input: AssignmentInput, kind: string, targetId: string) =>
  assignMentors(input).assignments.filter((a) => a.kind === kind && a.targetId === targetId).map((a) => a.mentorId);

describe("assignMentors rules", () => {
  it("never gives a mentor more work than their capacity", () => {
    const input = period({
      mentors: [mentor("A", ["征地拆迁"], 2), mentor("B", ["征地拆迁"], 1)],
      cases: [complexCase("c1", "征地拆迁"), complexCase("c2", "征地拆迁"), complexCase("c3", "征地拆迁")],
      towns: [town("甲镇", 50, 100)],
    });
    const result = assignMentors(input);
    const load = new Map<string, number>();
    for (const a of result.assignments) load.set(a.mentorId, (load.get(a.mentorId) ?? 0) + 1);
    expect(load.get("A")).toBeLessThanOrEqual(2);
    expect(load.get("B")).toBeLessThanOrEqual(1);
    expect(result.assignments.length + result.unassigned.length).toBe(4);
  });

  it("gives a complex case only to a mentor whose expertise covers its domain", () => {
    const input = period({ mentors: [mentor("A", ["教育"]), mentor("B", ["征地拆迁"])], cases: [complexCase("c1", "征地拆迁")] });
    const [a] = assignMentors(input).assignments;
    expect(a.mentorId).toBe("B");
    expect(a.reason.zh).toContain("领域匹配：征地拆迁");
    expect(a.reason.en).toContain("Domain match: 征地拆迁");
  });

  it("never puts a mentor on a case against the agency where the mentor works", () => {
    const input = period({
      mentors: [mentor("A", ["征地拆迁"], 5, "区住建局"), mentor("B", ["征地拆迁"], 5, "区人社局")],
      cases: [complexCase("c1", "征地拆迁", "区 住建局")],
    });
    expect(mentorsOf(input, "case", "c1")).toEqual(["B"]);
  });

  it("reports a case as unassigned for conflict of interest when every expert works at the respondent", () => {
    const input = period({ mentors: [mentor("A", ["征地拆迁"], 5, "区住建局")], cases: [complexCase("c1", "征地拆迁", "区住建局")] });
    const result = assignMentors(input);
    expect(result.assignments).toEqual([]);
    expect(result.unassigned).toHaveLength(1);
    expect(result.unassigned[0].reason.zh).toContain("利益冲突");
    expect(result.unassigned[0].reason.en).toContain("conflict of interest");
  });

  it("reports a case as unassigned when no active gold mentor has its domain", () => {
    const inactive = { ...mentor("B", ["医疗卫生"]), active: false };
    const input = period({ mentors: [mentor("A", ["教育"]), inactive], cases: [complexCase("c1", "医疗卫生")] });
    const [u] = assignMentors(input).unassigned;
    expect(u).toMatchObject({ kind: "case", targetId: "c1" });
    expect(u.reason.zh).toBe("没有擅长「医疗卫生」领域的在岗金牌调解员");
  });

  it("reports the complex cases beyond mentor capacity as unassigned, naming capacity as the reason", () => {
    const input = period({
      mentors: [mentor("A", ["物业纠纷"], 2), mentor("B", ["物业纠纷"], 1)],
      cases: ["c1", "c2", "c3", "c4", "c5"].map((id) => complexCase(id, "物业纠纷")),
    });
    const result = assignMentors(input);
    expect(result.assignments).toHaveLength(3);
    expect(result.unassigned).toHaveLength(2);
    for (const u of result.unassigned) {
      expect(u.kind).toBe("case");
      expect(u.reason.zh).toContain("容量已用完");
      expect(u.reason.en).toContain("no capacity left");
    }
  });

  it("covers a 重大 case before a 复杂 one when only one can be taken", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 1)],
      cases: [complexCase("a-complex", "教育"), complexCase("b-major", "教育", "某公司", "重大")],
    });
    expect(assignMentors(input).assignments.map((a) => a.targetId)).toEqual(["b-major"]);
  });

  it("pairs the weaker star first when capacity is short", () => {
    const input = period({ mentors: [mentor("A", ["教育"], 1)], stars: [star("strong", 95, 100), star("weak", 55, 100, 3)] });
    const result = assignMentors(input);
    expect(result.assignments.map((a) => a.targetId)).toEqual(["weak"]);
    expect(result.assignments[0].reason.zh).toContain("调解成功率 55% 低于 80%，超期 3 件");
    expect(result.unassigned.map((u) => u.targetId)).toEqual(["strong"]);
  });

  it("lets one gold mentor pair with several stars up to capacity", () => {
    const input = period({ mentors: [mentor("A", ["教育"], 3)], stars: [star("s1", 5, 10), star("s2", 6, 10), star("s3", 7, 10)] });
    expect(assignMentors(input).assignments.map((a) => a.mentorId)).toEqual(["A", "A", "A"]);
  });

  it("covers complex cases and required town visits before pairing stars", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 2)],
      cases: [complexCase("c1", "教育")],
      towns: [town("甲镇", 90, 100, 0, 1, 1)],
      stars: [star("s1", 10, 100, 9)],
    });
    const result = assignMentors(input);
    expect(result.assignments.map((a) => a.kind).sort()).toEqual(["case", "visit"]);
    expect(result.unassigned.map((u) => u.kind)).toEqual(["pairing"]);
  });

  it("still visits a town with no weak spots once, and gives weak towns extra visits", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 10), mentor("B", ["教育"], 10)],
      towns: [town("好镇", 100, 100, 0, 1, 3), town("弱镇", 40, 100, 4, 1, 3)],
    });
    const visits = assignMentors(input).assignments.filter((a) => a.kind === "visit");
    expect(visits.filter((v) => v.targetId === "好镇")).toHaveLength(1);
    expect(visits.filter((v) => v.targetId === "弱镇")).toHaveLength(3);
    const first = visits.find((v) => v.targetId === "好镇")!;
    expect(first.reason.zh).toContain("必访");
  });

  it("sends a different mentor than last period to a town when one is free (rotation)", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 3), mentor("B", ["教育"], 3)],
      towns: [town("甲镇", 90, 100, 0, 1, 1)],
      previous: [{ kind: "visit", mentorId: "A", targetId: "甲镇", period: "2026-10" }],
    });
    expect(mentorsOf(input, "visit", "甲镇")).toEqual(["B"]);
  });

  it("sends the same mentor again, with the rotation penalty in its terms, when nobody else is available", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 3)],
      towns: [town("甲镇", 90, 100, 0, 1, 1)],
      previous: [{ kind: "visit", mentorId: "A", targetId: "甲镇", period: "2026-10" }],
    });
    const [a] = assignMentors(input).assignments;
    expect(a.mentorId).toBe("A");
    expect(a.terms).toContainEqual({ name: "rotation", value: 3000 });
    expect(a.reason.zh).toContain("轮换");
  });

  it("applies rotation only to the previous period, not older ones", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 3), mentor("B", ["教育"], 3)],
      towns: [town("甲镇", 90, 100, 0, 1, 1)],
      previous: [
        { kind: "visit", mentorId: "A", targetId: "甲镇", period: "2026-09" },
        { kind: "pairing", mentorId: "B", targetId: "x", period: "2026-10" },
      ],
    });
    expect(mentorsOf(input, "visit", "甲镇")).toEqual(["A"]);
  });

  it("keeps last period's pairing when it breaks no rule (stability)", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 3), mentor("B", ["教育"], 3)],
      stars: [star("s1", 60, 100)],
      previous: [{ kind: "pairing", mentorId: "B", targetId: "s1", period: "2026-10" }],
    });
    const [a] = assignMentors(input).assignments;
    expect(a.mentorId).toBe("B");
    expect(a.terms).toContainEqual({ name: "stability", value: -5000 });
    expect(a.reason.zh).toContain("延续上期结对");
  });

  it("keeps the mentor already on a case unless that mentor is now conflicted", () => {
    const kept = period({
      mentors: [mentor("A", ["教育"], 3, "区教育局"), mentor("B", ["教育"], 3)],
      cases: [{ ...complexCase("c1", "教育"), hasMentorId: "B" }],
    });
    expect(mentorsOf(kept, "case", "c1")).toEqual(["B"]);
    const broken = period({
      mentors: [mentor("A", ["教育"], 3), mentor("B", ["教育"], 3, "区教育局")],
      cases: [{ ...complexCase("c1", "教育", "区教育局"), hasMentorId: "B" }],
    });
    expect(mentorsOf(broken, "case", "c1")).toEqual(["A"]);
  });

  it("drops a stable pairing when the mentor is no longer active", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 3), { ...mentor("B", ["教育"], 3), active: false }],
      stars: [star("s1", 60, 100)],
      previous: [{ kind: "pairing", mentorId: "B", targetId: "s1", period: "2026-10" }],
    });
    expect(mentorsOf(input, "pairing", "s1")).toEqual(["A"]);
  });

  it("pairs a star that lists domains only with a mentor sharing one", () => {
    const input = period({ mentors: [mentor("A", ["教育"]), mentor("B", ["交通事故"])], stars: [{ ...star("s1", 5, 10), expertise: ["交通事故"] }] });
    expect(mentorsOf(input, "pairing", "s1")).toEqual(["B"]);
  });

  it("returns each assignment's cost as the sum of its terms and the objective as the sum of the costs", () => {
    const input = period({
      mentors: [mentor("A", ["教育"], 4)],
      cases: [complexCase("c1", "教育", "某公司", "重大")],
      towns: [town("甲镇", 50, 100, 2, 1, 2)],
      stars: [star("s1", 7, 10)],
    });
    const result = assignMentors(input);
    for (const a of result.assignments) expect(a.cost).toBe(a.terms.reduce((s, t) => s + t.value, 0));
    expect(result.objective).toBe(result.assignments.reduce((s, a) => s + a.cost, 0));
  });

  it("gives the same output byte for byte whatever the input order", () => {
    const input = period({
      mentors: [mentor("A", ["教育", "物业纠纷"], 2), mentor("B", ["教育"], 2), mentor("C", ["物业纠纷"], 2)],
      cases: [complexCase("c1", "教育"), complexCase("c2", "物业纠纷"), complexCase("c3", "教育")],
      towns: [town("甲镇", 50, 100), town("乙镇", 70, 100)],
      stars: [star("s1", 5, 10), star("s2", 5, 10)],
    });
    const shuffled = { ...input, mentors: [...input.mentors].reverse(), cases: [...input.cases].reverse(), towns: [...input.towns].reverse(), stars: [...input.stars].reverse() };
    expect(JSON.stringify(assignMentors(shuffled))).toBe(JSON.stringify(assignMentors(input)));
  });

  it("reports every required visit as unassigned when there is no active mentor", () => {
    const result = assignMentors(period({ mentors: [{ ...mentor("A", ["教育"]), active: false }], towns: [town("甲镇", 5, 10, 0, 1, 2)] }));
    expect(result.unassigned).toEqual([{ kind: "visit", targetId: "甲镇", reason: { zh: "本期没有在岗金牌调解员，第 1 次必访未安排", en: "No active gold mentor this period; required visit 1 is not scheduled" } }]);
  });

  it.each([
    ["duplicate mentor ids", { mentors: [mentor("A", ["教育"]), mentor("A", ["教育"])] }, /导师编号重复：A/],
    ["a fractional capacity", { mentors: [mentor("A", ["教育"], 1.5)] }, /capacity of mentor A/],
    ["a town with no required visit", { towns: [town("甲镇", 1, 2, 0, 0, 1)] }, /1 ≤ minVisits ≤ maxVisits/],
    ["more successes than closed cases", { stars: [star("s1", 11, 10)] }, /more successes than closed cases/],
    ["a negative cost setting", { config: { rotationPenalty: -1 } }, /rotationPenalty/],
  ] as [string, Partial<AssignmentInput>, RegExp][])("rejects %s with a clear error", (_name, parts, message) => {
    expect(() => assignMentors(period(parts))).toThrow(message);
  });

  it("gives a 重大 case a team of two different gold mentors when capacity allows (多带一)", () => {
    const input = period({ mentors: [mentor("A", ["征地拆迁"], 2), mentor("B", ["征地拆迁"], 2)], cases: [complexCase("c1", "征地拆迁", "某公司", "重大")] });
    const lines = assignMentors(input).assignments.filter((a) => a.targetId === "c1");
    expect(lines.map((a) => [a.mentorId, a.slot])).toEqual([["A", 1], ["B", 2]]);
    expect(lines[1].terms).toContainEqual({ name: "team", value: -6_000 });
    expect(lines[1].reason.zh).toContain("团队帮带（多带一）：与导师A共同指导");
  });

  it("gives a 复杂 case one mentor only, however much capacity is left", () => {
    const input = period({ mentors: [mentor("A", ["征地拆迁"], 5), mentor("B", ["征地拆迁"], 5)], cases: [complexCase("c1", "征地拆迁")] });
    expect(mentorsOf(input, "case", "c1")).toHaveLength(1);
  });

  it("gives a struggling star a second mentor, but only after every other star has a first one", () => {
    const struggling = star("weak", 1, 10, 4);
    const input = period({ mentors: [mentor("A", ["教育"], 1), mentor("B", ["教育"], 1)], stars: [struggling, star("ok", 9, 10)] });
    expect(mentorsOf(input, "pairing", "ok")).toHaveLength(1);
    expect(mentorsOf(input, "pairing", "weak")).toHaveLength(1);
    const roomy = period({ mentors: [mentor("A", ["教育"], 2), mentor("B", ["教育"], 1)], stars: [struggling, star("ok", 9, 10)] });
    expect(new Set(mentorsOf(roomy, "pairing", "weak")).size).toBe(2);
    expect(mentorsOf(roomy, "pairing", "ok")).toHaveLength(1);
  });

  it("sends another mentor to a town where the recorded visit of last period was made by the one it would pick", () => {
    const base = { mentors: [mentor("A", ["教育"], 1), mentor("B", ["教育"], 1)], towns: [town("甲镇", 100, 100)] };
    expect(mentorsOf(period(base), "visit", "甲镇")).toEqual(["A"]);
    const visited = period({ ...base, visits: [{ mentorId: "A", town: "甲镇", period: "2026-10" }] });
    expect(mentorsOf(visited, "visit", "甲镇")).toEqual(["B"]);
  });

  it("covers the town nobody visited last period first when only one required visit can be made", () => {
    const base = { mentors: [mentor("A", ["教育"], 1)], towns: [town("甲镇", 50, 100), town("乙镇", 90, 100)] };
    // Without a visit record the weaker town wins …
    expect(mentorsOf(period(base), "visit", "甲镇")).toEqual(["A"]);
    // … but 乙镇 had no visit last period while 甲镇 had one.
    const result = assignMentors(period({ ...base, visitPeriod: "2026-10", visits: [{ mentorId: null, town: "甲镇", period: "2026-10" }] }));
    const visit = result.assignments.find((a) => a.kind === "visit")!;
    expect(visit.targetId).toBe("乙镇");
    expect(visit.terms).toContainEqual({ name: "unvisited", value: -20_000 });
    expect(visit.reason.zh).toContain("上期（2026年10月）无巡回指导记录，优先安排");
  });
});
