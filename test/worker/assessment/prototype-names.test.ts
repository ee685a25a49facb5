// The Worker's pure rules given names that are also an object's built-ins: zones so named are ranked.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, DEFAULT_WEIGHTS } from "../../../worker/assessment/config.ts";
import { zoneRankings } from "../../../worker/assessment/competition.ts";
import { rankUnits, type UnitCounts } from "../../../worker/assessment/ranking.ts";
import { emptyCounts } from "../../../worker/assessment/indicators.ts";

const NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

describe("the zone competition", () => {
  it("ranks the towns of zones so named inside their zone", () => {
    const counts = (success: number): UnitCounts["counts"] => ({ ...emptyCounts(), success: { num: success, den: 10 }, acceptance: { num: 10, den: 10 } });
    const ranked = rankUnits(NAMES.map((n, i) => ({ unit: `镇${i}`, kind: "town" as const, counts: counts(10 - i) })), DEFAULT_WEIGHTS, DEFAULT_CONFIG);
    const zones = new Map(NAMES.map((n, i) => [n, [`镇${i}`]]));
    const result = zoneRankings(ranked, zones);
    expect(result.zones.map((z) => [z.zone, z.units.map((u) => [u.unit, u.zoneRank])]).sort()).toEqual(NAMES.map((n, i) => [n, [[`镇${i}`, 1]]]).sort());
    expect(result.unzoned).toEqual([]);
  });
});
