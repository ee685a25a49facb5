/**
 * The zone competition (分片竞赛与全区比赛相结合): towns/streets ranked inside their 片区 and across the district.
 * Scores are the district's (the same weights, the same small-sample priors), so a zone rank never disagrees with
 * the district order; only the field differs. Ties share a rank (1, 2, 2, 4) as in the district ranking.
 */
import type { RankedUnit } from "./ranking.ts";

export interface ZoneResult {
  zone: string;
  units: (RankedUnit & { zoneRank: number | null; districtRank: number | null })[];
}

/** `zones`: zone → its towns, keyed by the names people gave the zones. */
export function zoneRankings(ranked: readonly RankedUnit[], zones: ReadonlyMap<string, readonly string[]>): { zones: ZoneResult[]; unzoned: string[]; district: RankedUnit[] } {
  const district = ranked.filter((u) => u.kind === "town");
  const byName = new Map(district.map((u) => [u.unit, u]));
  const out: ZoneResult[] = [];
  for (const [zone, towns] of [...zones].sort(([a], [b]) => a.localeCompare(b, "zh"))) {
    // District order (score, then name) is kept; units without a score come last, unranked.
    const inZone = new Set(towns);
    const members = district.filter((u) => inZone.has(u.unit));
    let rank = 0;
    const units = members.map((u, i) => {
      if (u.score == null) return { ...u, zoneRank: null, districtRank: u.rank };
      if (i === 0 || u.score !== members[i - 1].score) rank = i + 1;
      return { ...u, zoneRank: rank, districtRank: u.rank };
    });
    out.push({ zone, units });
  }
  const zoned = new Set([...zones.values()].flat());
  return { zones: out, unzoned: district.filter((u) => !zoned.has(u.unit)).map((u) => u.unit).filter((n) => byName.has(n)), district };
}
