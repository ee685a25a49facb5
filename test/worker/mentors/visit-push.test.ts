import { describe, expect, it } from "vitest";
import { checkVisits } from "../../../worker/mentors/visit-push.ts";

const scope = (mentors: [string, number | null][]) => ({
  mentors: new Map(mentors), towns: new Map([["涂岭镇", 7], ["山腰街道", 1]]), locale: "zh-CN" as const, today: "2026-11-27",
});
const row = (r: number, mentor: string, town = "涂岭镇") => ({ row: r, values: { date: "2026-10-09", mentor, town } });

describe("reading a visit push against the roster and the towns", () => {
  it("stores each mentor of a team visit with their roster id and the town's unit id", () => {
    const c = checkVisits({ locale: "zh-CN", rows: [row(3, "蔡国华、庄丽君", "山腰")] }, scope([["蔡国华", 11], ["庄丽君", 12]]));
    expect(c.accepted.map((v) => [v.mentorId, v.mentorName, v.townId, v.town, v.visitedOn])).toEqual([
      [11, "蔡国华", 1, "山腰街道", "2026-10-09"], [12, "庄丽君", 1, "山腰街道", "2026-10-09"],
    ]);
    expect(c.rejectedRows).toEqual([]);
  });

  it("does not guess between two gold mentors of the same name: the row is refused and says so", () => {
    const c = checkVisits({ locale: "zh-CN", rows: [row(3, "王秀珍"), row(4, "蔡国华")] }, scope([["王秀珍", null], ["蔡国华", 11]]));
    expect(c.rejectedRows).toEqual([3]);
    expect(c.issues.map((i) => [i.row, i.code])).toEqual([[3, "unknown_mentor"]]);
    expect(c.issues[0].message).toContain("名册中有两位同名的在册金牌调解员，无法确定是哪一位");
    expect(c.accepted.map((v) => v.mentorName)).toEqual(["蔡国华"]);
  });

  it("refuses a visit dated after today", () => {
    const c = checkVisits({ locale: "en", rows: [{ row: 3, values: { date: "2026-12-01", mentor: "蔡国华", town: "涂岭镇" } }] }, { ...scope([["蔡国华", 11]]), locale: "en" });
    expect(c.issues[0]).toMatchObject({ code: "future_date", message: expect.stringContaining("is after today (2026-11-27)") });
  });
});
