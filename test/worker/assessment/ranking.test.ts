import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATOR_KEYS } from "../../../ledger/api/indicators.ts";
import { DEFAULT_CONFIG, DEFAULT_WEIGHTS, parseWeights, type Weights } from "../../../worker/assessment/config.ts";
import { emptyCounts, type IndicatorCounts } from "../../../worker/assessment/indicators.ts";
import { rankUnits, type UnitCounts, type UnitKind } from "../../../worker/assessment/ranking.ts";

function unit(name: string, counts: Partial<IndicatorCounts>, kind: UnitKind = "town"): UnitCounts {
  return { unit: name, kind, counts: { ...emptyCounts(), ...counts } };
}
const w = (x: Partial<Weights>): Weights => ({ ...Object.fromEntries(INDICATOR_KEYS.map((k) => [k, 0])), ...x }) as Weights;

describe("composite score and ranking", () => {
  it("does not let a unit with 3 perfect cases top one with 300 cases on luck", () => {
    const units = [
      unit("南埔镇", { acceptance: { num: 3, den: 3 }, success: { num: 3, den: 3 } }),
      unit("山腰街道", { acceptance: { num: 300, den: 300 }, success: { num: 270, den: 300 } }),
    ];
    const r = rankUnits(units, DEFAULT_WEIGHTS);
    // weights 20 and 30 re-normalised to 0.4 and 0.6 over the two indicators with data
    // 山腰: 0.4 × 98.736 + 0.6 × 86.083 = 91.1; 南埔: 43.85 (Wilson lower bound of 3/3)
    expect(r.map((u) => [u.unit, u.rank, u.score])).toEqual([["山腰街道", 1, 91.1], ["南埔镇", 2, 43.9]]);
    expect(r[1].indicators.success).toMatchObject({ num: 3, den: 3, rate: 1, basis: expect.closeTo(0.4385, 4), effectiveWeight: 0.6 });
  });

  it("with shrinkage pulls a small unit's rates toward the district rate", () => {
    const units = [
      unit("南埔镇", { acceptance: { num: 3, den: 3 }, success: { num: 3, den: 3 } }),
      unit("山腰街道", { acceptance: { num: 300, den: 300 }, success: { num: 270, den: 300 } }),
    ];
    const config = { ...DEFAULT_CONFIG, ranking: { method: "shrinkage" as const, priorStrength: 20 } };
    const r = rankUnits(units, DEFAULT_WEIGHTS, config);
    const small = r.find((u) => u.unit === "南埔镇")!;
    // district success 273/303; (3 + 20 × 273/303) / 23 = 0.9139 instead of 1
    expect(small.indicators.success.basis).toBeCloseTo(0.9139, 4);
    expect(r.find((u) => u.unit === "山腰街道")!.indicators.success.basis).toBeCloseTo((270 + 20 * 273 / 303) / 320, 10);
  });

  it("lets the assessor's weights change the order the way they should", () => {
    const units = [
      unit("前黄镇", { acceptance: { num: 100, den: 100 }, success: { num: 60, den: 100 } }),
      unit("涂岭镇", { acceptance: { num: 90, den: 100 }, success: { num: 90, den: 100 } }),
    ];
    const acceptanceHeavy = rankUnits(units, w({ acceptance: 80, success: 20 }));
    expect(acceptanceHeavy.map((u) => [u.unit, u.score])).toEqual([["前黄镇", 87.1], ["涂岭镇", 82.6]]);
    const successHeavy = rankUnits(units, w({ acceptance: 20, success: 80 }));
    expect(successHeavy.map((u) => [u.unit, u.score])).toEqual([["涂岭镇", 82.6], ["前黄镇", 59.4]]);
  });

  it("gives equal scores the same rank and skips the next (1, 2, 2, 4)", () => {
    const units = [
      unit("后龙镇", { success: { num: 9, den: 10 } }),
      unit("峰尾镇", { success: { num: 8, den: 10 } }),
      unit("界山镇", { success: { num: 8, den: 10 } }),
      unit("南埔镇", { success: { num: 1, den: 10 } }),
    ];
    const r = rankUnits(units, DEFAULT_WEIGHTS);
    expect(r.map((u) => u.rank)).toEqual([1, 2, 2, 4]);
  });

  it("ranks towns and departments separately", () => {
    const units = [
      unit("区人社局", { success: { num: 5, den: 10 } }, "department"),
      unit("山腰街道", { success: { num: 1, den: 10 } }),
      unit("区住建局", { success: { num: 9, den: 10 } }, "department"),
    ];
    const r = rankUnits(units, DEFAULT_WEIGHTS);
    expect(r.map((u) => [u.unit, u.kind, u.rank])).toEqual([
      ["山腰街道", "town", 1],
      ["区住建局", "department", 1],
      ["区人社局", "department", 2],
    ]);
  });

  it("re-normalises the weights over the indicators a unit has data for, and says which were left out", () => {
    const r = rankUnits([unit("峰尾镇", { acceptance: { num: 50, den: 50 }, success: { num: 50, den: 60 }, onTime: { num: 9, den: 10 } })], DEFAULT_WEIGHTS)[0];
    expect(r.missing).toEqual(["commitments", "ledgerQuality", "review"]);
    // 20 + 30 + 15 = 65 available
    expect(r.indicators.acceptance.effectiveWeight).toBeCloseTo(20 / 65, 12);
    expect(r.indicators.commitments).toMatchObject({ rate: null, effectiveWeight: 0, points: 0, weight: 15 });
    const sum = INDICATOR_KEYS.reduce((s, k) => s + r.indicators[k].points, 0);
    expect(r.score).toBeCloseTo(sum, 1);
    // by hand: (20 × 0.92866 + 30 × 0.71968 + 15 × 0.59585) / 65 × 100
    expect(r.score).toBe(Math.round(((20 * (50 / (50 + 1.959964 ** 2)) + 30 * 0.7196839 + 15 * 0.59585) / 65) * 1000) / 10);
  });

  it("leaves a unit with nothing to measure unranked, after the ranked ones", () => {
    const r = rankUnits([unit("涂岭镇", {}), unit("前黄镇", { acceptance: { num: 1, den: 1 } })], DEFAULT_WEIGHTS);
    expect(r.map((u) => [u.unit, u.rank, u.score])).toEqual([["前黄镇", 1, expect.any(Number)], ["涂岭镇", null, null]]);
  });

  it("rejects weights for unknown indicators, negative weights and all-zero weights", () => {
    expect(() => parseWeights({ speed: 10 })).toThrow(/unknown indicator "speed"/);
    expect(() => parseWeights({ success: -1 })).toThrow(/0–100/);
    expect(() => parseWeights({ success: 0 })).toThrow(/at least one weight/);
    expect(parseWeights({ success: 50 })).toMatchObject({ success: 50, acceptance: 0 });
  });
});

const arbCount = fc.integer({ min: 0, max: 400 }).chain((den) => fc.integer({ min: 0, max: den }).map((num) => ({ num, den })));
const arbUnit = fc.record({
  kind: fc.constantFrom("town" as const, "department" as const),
  acceptance: arbCount,
  success: arbCount,
  onTime: arbCount,
  commitments: arbCount,
});
const arbWeights = fc.record(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, fc.integer({ min: 0, max: 100 })])) as Record<string, fc.Arbitrary<number>>);

describe("ranking invariants", () => {
  it("ranks every unit exactly once, and each rank is one more than the number of same-kind units scoring higher", () => {
    fc.assert(
      fc.property(fc.array(arbUnit, { maxLength: 30 }), arbWeights, fc.constantFrom("wilson-lower" as const, "shrinkage" as const), (raw, weights, method) => {
        const units = raw.map((u, i) => unit(`U${i}`, { acceptance: u.acceptance, success: u.success, onTime: u.onTime, commitments: u.commitments }, u.kind));
        const r = rankUnits(units, { ...DEFAULT_WEIGHTS, ...weights } as Weights, { ...DEFAULT_CONFIG, ranking: { method, priorStrength: 20 } });
        const names = r.map((u) => u.unit).sort();
        if (JSON.stringify(names) !== JSON.stringify(units.map((u) => u.unit).sort())) return false;
        return r.every((u) => {
          if (u.score == null) return u.rank == null;
          const higher = r.filter((o) => o.kind === u.kind && o.score != null && o.score > u.score!).length;
          return u.rank === higher + 1 && u.score >= 0 && u.score <= 100;
        });
      }),
    );
  });
});
