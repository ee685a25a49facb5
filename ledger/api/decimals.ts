/**
 * Whether `v` is written with at most `places` decimals, as JSON and the forms write it: 12.5 has one, 0.29 two;
 * 5e-324 and 0.30000000000000004 have more. A setting is stored in the precision its form shows (subsidy tiers to
 * the fen, weights to a tenth of a point, a share to a hundredth of a percent): a value more precise than that would
 * be stored and used without anyone being able to see it.
 */
export function hasAtMostDecimals(v: number, places: number): boolean {
  if (!Number.isFinite(v)) return false;
  const m = /^\d+(?:\.(\d+))?$/.exec(String(Math.abs(v)));
  return m !== null && (m[1]?.length ?? 0) <= places;
}
