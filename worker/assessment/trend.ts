/**
 * The trend (考评趋势): the district ranking computed for each month or quarter on its own, with that period's
 * weights, so a point on the trend is exactly what GET /api/rankings?period= says for that period.
 */
import { INDICATOR_KEYS, type IndicatorKey, type Weights } from "./config.ts";
import { rankUnits, type UnitCounts, type UnitKind } from "./ranking.ts";
import { DEFAULT_CONFIG, type AssessmentConfig } from "./config.ts";

export interface TrendInput {
  period: string;
  weights: Weights;
  units: readonly UnitCounts[];
}

export interface TrendLine {
  unit: string;
  kind: UnitKind;
  points: {
    period: string;
    rank: number | null;
    ranked: number;
    score: number | null;
    indicators: Record<IndicatorKey, { num: number; den: number; rate: number | null }>;
  }[];
}

const collator = new Intl.Collator("zh-CN");

/** One line per unit, towns first, then departments; within each kind by the last period's rank, then name. */
export function trendLines(inputs: readonly TrendInput[], config: AssessmentConfig = DEFAULT_CONFIG): TrendLine[] {
  const lines = new Map<string, TrendLine>();
  for (const { period, weights, units } of inputs) {
    const ranked = rankUnits(units, weights, config);
    const rankedOfKind = { town: 0, department: 0 };
    for (const u of ranked) if (u.rank != null) rankedOfKind[u.kind]++;
    for (const u of ranked) {
      let line = lines.get(u.unit);
      if (!line) lines.set(u.unit, (line = { unit: u.unit, kind: u.kind, points: [] }));
      const indicators = Object.fromEntries(INDICATOR_KEYS.map((k) => {
        const v = u.indicators[k];
        return [k, { num: v.num, den: v.den, rate: v.rate }];
      })) as TrendLine["points"][number]["indicators"];
      line.points.push({ period, rank: u.rank, ranked: rankedOfKind[u.kind], score: u.score, indicators });
    }
  }
  const last = (l: TrendLine) => l.points.at(-1)?.rank ?? Infinity;
  return [...lines.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "town" ? -1 : 1) || last(a) - last(b) || collator.compare(a.unit, b.unit));
}
