import { DEFAULT_CONFIG, type AssessmentConfig } from "../config.ts";
import type { IndicatorValue } from "../indicators.ts";
import { daysBetween } from "../../../ledger/period.ts";
import type { Flag } from "../../../ledger/api/flags.ts";
import { makeFlag } from "./make.ts";
import { judge } from "../../../ledger/target-judgment.ts";

export interface UnitFlagInput {
  unit: string;
  /** The period the rates cover, e.g. "2026-Q2". */
  period: string;
  acceptance: IndicatorValue;
  success: IndicatorValue;
  /** The unit's last push, or null when it never pushed. */
  lastPush: { pushedOn: string; rows: number; cleanRows: number } | null;
  /**
   * A town's circuit visits (巡回指导记录) in the period, when the district keeps a visit record; absent for a
   * department, or when no visit was ever recorded (then nobody is told a town went unvisited).
   */
  visits?: { inPeriod: number; lastVisitOn: string | null };
}

export function unitFlags(u: UnitFlagInput, today: string, config: AssessmentConfig = DEFAULT_CONFIG): Flag[] {
  const out: Flag[] = [];
  const f = config.flags;
  const a = u.acceptance;
  // 受理率 ≥ 97 % is a floor: any shortfall in the period is flagged, 未达标 or not yet significant.
  if (a.rate != null && judge(a, config.targets.acceptance) !== "met") {
    out.push(makeFlag("acceptance_below_target", u.unit, null, { period: u.period, num: a.num, den: a.den, rate: a.rate, low: a.low, high: a.high, target: config.targets.acceptance }));
  }
  // 成功率 "about 80 %": flag only when the whole 95 % interval lies below the target (未达标, as the sheets say).
  const s = u.success;
  if (judge(s, config.targets.success) === "missed") {
    out.push(makeFlag("success_below_target", u.unit, null, { period: u.period, num: s.num, den: s.den, rate: s.rate, low: s.low, high: s.high, target: config.targets.success }));
  }
  if (u.lastPush == null) {
    out.push(makeFlag("ledger_not_pushed", u.unit, null, { lastPushedOn: null, daysSincePush: null, limitDays: f.notPushedDays }));
  } else {
    const daysSincePush = daysBetween(u.lastPush.pushedOn, today);
    if (daysSincePush >= f.notPushedDays) {
      out.push(makeFlag("ledger_not_pushed", u.unit, null, { lastPushedOn: u.lastPush.pushedOn, daysSincePush, limitDays: f.notPushedDays }));
    }
    const { rows, cleanRows } = u.lastPush;
    if (rows > 0 && cleanRows / rows < f.minLedgerQuality) {
      out.push(makeFlag("low_ledger_quality", u.unit, null, { pushedOn: u.lastPush.pushedOn, rows, cleanRows, rate: cleanRows / rows, threshold: f.minLedgerQuality }));
    }
  }
  // DOMAIN §3 "every town/street gets visits each period": one without a recorded visit is the coordinator's to act on.
  if (u.visits && u.visits.inPeriod === 0) {
    out.push(makeFlag("town_not_visited", u.unit, null, { period: u.period, lastVisitOn: u.visits.lastVisitOn }));
  }
  return out;
}
