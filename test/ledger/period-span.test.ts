import { describe, expect, it } from "vitest";
import { MAX_TREND_MONTHS, periodSpan, PeriodSpanError } from "../../ledger/period-span.ts";

const labels = (from: string, to: string, by?: "month" | "quarter") => periodSpan(from, to, by).map((p) => p.label);

describe("the trend's span of periods", () => {
  it("lists the months from and to inclusive, across a year end", () => {
    expect(labels("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(labels("2026-05", "2026-05")).toEqual(["2026-05"]);
  });

  it("lists whole quarters, from quarters or from the months that bound them, and infers quarters from quarter ends", () => {
    expect(labels("2026-01", "2026-06", "quarter")).toEqual(["2026-Q1", "2026-Q2"]);
    expect(labels("2025-Q4", "2026-Q2")).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(labels("2026-q1", "2026-03", "quarter")).toEqual(["2026-Q1"]);
  });

  it(`allows ${MAX_TREND_MONTHS} months and refuses ${MAX_TREND_MONTHS + 1}, suggesting a span that fits`, () => {
    expect(labels("2025-01", "2026-12")).toHaveLength(24);
    expect(labels("2025-Q1", "2026-Q4")).toHaveLength(8);
    expect(() => periodSpan("2024-12", "2026-12")).toThrow("期间跨度 25 个月，超过上限 24 个月：请缩短 from–to（如 2025-01 至 2026-12）");
  });

  it("names the end that is wrong and says how to write it", () => {
    const fails = (from: string, to: string, by?: "month" | "quarter") => {
      try {
        periodSpan(from, to, by);
      } catch (e) {
        return [(e as PeriodSpanError).field, (e as Error).message.split("：")[0]];
      }
      return null;
    };
    expect(fails("2026-06", "2026-01")).toEqual(["to", "to（2026-01）早于 from（2026-06）"]);
    expect(fails("2026-02", "2026-06", "quarter")).toEqual(["from", "按季度统计时 from 须为季度的第一个月（1、4、7、10 月）或写作 2026-Q1"]);
    expect(fails("2026-01", "2026-05", "quarter")).toEqual(["to", "按季度统计时 to 须为季度的最后一个月（3、6、9、12 月）或写作 2026-Q2"]);
    expect(fails("2026", "2026-06")).toEqual(["from", "from 须为月份或季度（如 2026-01、2026-Q1），不能是整年“2026”。 from must be a month or a quarter (e.g. 2026-01, 2026-Q1), not the year \"2026\"."]);
    expect(fails("2026-13", "2026-06")).toEqual(["from", "from 格式不对"]);
  });
});
