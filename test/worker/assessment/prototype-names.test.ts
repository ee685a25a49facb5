// The Worker's pure rules given names that are also an object's built-ins: a stage or type read as "constructor"
// has no time limit of its own, a stored settings version keeps only the known stages, zones so named are ranked.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, DEFAULT_WEIGHTS, timeLimitFor } from "../../../worker/assessment/config.ts";
import { zoneRankings } from "../../../worker/assessment/competition.ts";
import { defaultLimitSettings, settingsFromStored } from "../../../worker/assessment/limit-settings.ts";
import { rankUnits, type UnitCounts } from "../../../worker/assessment/ranking.ts";
import { emptyCounts } from "../../../worker/assessment/indicators.ts";

const NAMES = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

describe("time limits", () => {
  it("give a case whose stage or type is such a name the fallback, never an object's function", () => {
    const limits = { byStage: { 诉前: 30 }, byMediationType: { 人民调解: 20 }, fallback: 45 };
    for (const name of NAMES) {
      expect(timeLimitFor(name, name, limits), name).toBe(45);
      expect(timeLimitFor(name, "人民调解", limits), name).toBe(20);
      expect(timeLimitFor("诉前", name, limits), name).toBe(30);
      expect(timeLimitFor(name, null), name).toBe(DEFAULT_CONFIG.timeLimits.fallback);
    }
  });

  it("read back from a stored version keep only the known stages and types", () => {
    const stored = JSON.parse(`{"timeLimits":{"byStage":{"__proto__":5,"constructor":6,"诉前":20,"审判":"x"},"byMediationType":{"toString":7,"人民调解":25},"fallback":40}}`);
    const s = settingsFromStored(stored, defaultLimitSettings(undefined));
    expect(s.timeLimits).toEqual({ byStage: { 诉前: 20 }, byMediationType: { 人民调解: 25 }, fallback: 40 });
    expect(Object.keys(s.timeLimits.byStage)).toEqual(["诉前"]);
  });
});

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
