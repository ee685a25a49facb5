/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for num successes out of den trials. Unlike the textbook p ± z·se it stays inside [0, 1]
 * and is sensible for 0/n and n/n, which is exactly where small units live. `num` may be fractional (mean review
 * scores use it as a conservative bound, see docs/ASSESSMENT.md). Returns null when den is 0: nothing is known.
 */
export function wilson(num: number, den: number, z: number = Z95): Interval | null {
  if (!(den > 0)) return null;
  if (!(num >= 0) || num > den) throw new RangeError(`wilson: need 0 ≤ num ≤ den, got ${num}/${den}`);
  const p = num / den;
  const z2 = z * z;
  const denom = 1 + z2 / den;
  const centre = (p + z2 / (2 * den)) / denom;
  const margin = (z * Math.sqrt((p * (1 - p)) / den + z2 / (4 * den * den))) / denom;
  // Rounding can put the bound a hair past p at 0/n and n/n; clamp so 0 ≤ low ≤ p ≤ high ≤ 1 always holds.
  return { low: Math.min(p, Math.max(0, centre - margin)), high: Math.max(p, Math.min(1, centre + margin)) };
}
