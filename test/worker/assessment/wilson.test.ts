import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilson } from "../../../worker/assessment/wilson.ts";

describe("Wilson 95 % interval", () => {
  it("matches hand-computed bounds", () => {
    // 0/10: high = z²/(n+z²) = 3.8415/13.8415
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.27753, 5) });
    // n/n: low = n/(n+z²)
    expect(wilson(3, 3)!.low).toBeCloseTo(3 / (3 + 3.841459), 5);
    expect(wilson(3, 3)!.high).toBe(1);
    expect(wilson(300, 300)!.low).toBeCloseTo(0.98736, 5);
    // 8/10: textbook (0.4902, 0.9433)
    expect(wilson(8, 10)!.low).toBeCloseTo(0.4902, 4);
    expect(wilson(8, 10)!.high).toBeCloseTo(0.9433, 4);
  });

  it("says nothing is known when the denominator is zero", () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it("refuses a numerator above the denominator", () => {
    expect(() => wilson(5, 4)).toThrow(/0 ≤ num ≤ den/);
  });

  it("keeps 0 ≤ low ≤ rate ≤ high ≤ 1 for every count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (den, frac) => {
        const num = Math.floor(frac * den);
        const iv = wilson(num, den)!;
        const rate = num / den;
        return 0 <= iv.low && iv.low <= rate && rate <= iv.high && iv.high <= 1;
      }),
      { numRuns: 2000 },
    );
  });

  it("narrows as the sample grows at the same rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 10 }), (n, k) => {
        const num = Math.min(k, 10);
        const small = wilson(num, 10)!;
        const big = wilson(num * n * 10, 100 * n)!;
        return big.high - big.low <= small.high - small.low + 1e-12;
      }),
    );
  });
});
