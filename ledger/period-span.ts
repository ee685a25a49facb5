/**
 * A run of consecutive months or quarters (the trend's columns): `from` and `to` name months ("2026-01") or, for
 * quarters, quarters ("2026-Q1") or the months that bound whole quarters (2026-01 … 2026-06 → Q1, Q2).
 * Used by the Worker (a 400 naming what to fix) and by the CLI (the same words, before anything is sent).
 */
import { parsePeriod, PeriodError, type Period } from "./period.ts";

export const TREND_GRANULARITIES = ["month", "quarter"] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];

/** At most two years in one trend: enough to compare a year with the last, few enough to read as one chart. */
export const MAX_TREND_MONTHS = 24;

export class PeriodSpanError extends Error {
  readonly field: "from" | "to" | "by";
  constructor(field: "from" | "to" | "by", zh: string, en: string) {
    super(`${zh} ${en}`);
    this.name = "PeriodSpanError";
    this.field = field;
  }
}

/** Month index since year 0 of a "YYYY-MM-DD" day. */
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
const monthLabel = (i: number) => `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;

function read(field: "from" | "to", label: string): Period {
  let p: Period;
  try {
    p = parsePeriod(label);
  } catch (e) {
    if (!(e instanceof PeriodError)) throw e;
    throw new PeriodSpanError(field, `${field} 格式不对：“${label}”，请写作 2026-01（月）或 2026-Q1（季度）。`, `Invalid ${field} "${label}": write 2026-01 (month) or 2026-Q1 (quarter).`);
  }
  if (p.kind === "year") throw new PeriodSpanError(field, `${field} 须为月份或季度（如 2026-01、2026-Q1），不能是整年“${label}”。`, `${field} must be a month or a quarter (e.g. 2026-01, 2026-Q1), not the year "${label}".`);
  return p;
}

/** The periods from `from` to `to` inclusive, oldest first; PeriodSpanError says what is wrong and how to fix it. */
export function periodSpan(from: string, to: string, by?: TrendGranularity): Period[] {
  const a = read("from", from);
  const b = read("to", to);
  const gran: TrendGranularity = by ?? (a.kind === "quarter" && b.kind === "quarter" ? "quarter" : "month");
  if (gran === "month" && (a.kind === "quarter" || b.kind === "quarter")) {
    throw new PeriodSpanError("by", "按月统计时 from 和 to 须为月份（如 2026-01）；要按季度请加 by=quarter。", "With by=month, from and to must be months (e.g. 2026-01); add by=quarter for quarters.");
  }
  const first = monthIndex(a.start);
  const last = monthIndex(b.end) - 1;
  if (last < first) throw new PeriodSpanError("to", `to（${to}）早于 from（${from}）：请把较早的期间写在 from。`, `to (${to}) is before from (${from}): put the earlier period in from.`);
  const months = last - first + 1;
  if (months > MAX_TREND_MONTHS) {
    throw new PeriodSpanError("to", `期间跨度 ${months} 个月，超过上限 ${MAX_TREND_MONTHS} 个月：请缩短 from–to（如 ${monthLabel(last - MAX_TREND_MONTHS + 1)} 至 ${monthLabel(last)}）。`,
      `The span is ${months} months, more than the limit of ${MAX_TREND_MONTHS}: shorten from–to (e.g. ${monthLabel(last - MAX_TREND_MONTHS + 1)} to ${monthLabel(last)}).`);
  }
  if (gran === "quarter") {
    if (first % 3 !== 0) throw new PeriodSpanError("from", `按季度统计时 from 须为季度的第一个月（1、4、7、10 月）或写作 2026-Q1：“${from}”不是。`, `With by=quarter, from must be a quarter's first month (Jan, Apr, Jul, Oct) or a quarter like 2026-Q1: "${from}" is not.`);
    if (last % 3 !== 2) throw new PeriodSpanError("to", `按季度统计时 to 须为季度的最后一个月（3、6、9、12 月）或写作 2026-Q2：“${to}”不是。`, `With by=quarter, to must be a quarter's last month (Mar, Jun, Sep, Dec) or a quarter like 2026-Q2: "${to}" is not.`);
    const out: Period[] = [];
    for (let i = first; i <= last; i += 3) out.push(parsePeriod(`${Math.floor(i / 12)}-Q${(i % 12) / 3 + 1}`));
    return out;
  }
  const out: Period[] = [];
  for (let i = first; i <= last; i++) out.push(parsePeriod(monthLabel(i)));
  return out;
}
