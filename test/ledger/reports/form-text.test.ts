import { describe, expect, it } from "vitest";
import { beijingTimeText, dayText, periodSpanText, periodText, yuanInCapitals } from "../../../ledger/reports/form-text.ts";

describe("periods, days and times as forms write them", () => {
  it("writes a month, a quarter and a year as a form does", () => {
    expect(periodText("2026-05")).toBe("2026年5月");
    expect(periodText("2026-Q3")).toBe("2026年第三季度");
    expect(periodText("2026")).toBe("2026年");
    expect(periodText("2026-Q3", "en")).toBe("Q3 2026");
    expect(periodText("2026-05", "en")).toBe("May 2026");
  });

  it("says the year of a span once when both ends share it", () => {
    expect(periodSpanText("2026-01", "2026-11")).toBe("2026年1月至11月");
    expect(periodSpanText("2025-Q4", "2026-Q3")).toBe("2025年第四季度至2026年第三季度");
  });

  it("writes an instant in Beijing time whatever the machine's zone, across midnight", () => {
    expect(beijingTimeText("2026-12-07T06:05:00Z")).toBe("2026年12月7日 14:05");
    expect(beijingTimeText("2026-12-31T16:30:00.000Z")).toBe("2027年1月1日 00:30");
    expect(dayText("2026-03-09")).toBe("2026年3月9日");
  });
});

describe("amounts in capitals for payment documents", () => {
  it.each([
    [0.05, "伍分"],
    [10, "壹拾元整"],
    [10.5, "壹拾元伍角整"],
    [100010.5, "壹拾万零壹拾元伍角整"],
    [1_000_000, "壹佰万元整"],
    [1005, "壹仟零伍元整"],
    [10_500, "壹万零伍佰元整"],
    [100_000_001.01, "壹亿零壹元零壹分"],
    [3200.07, "叁仟贰佰元零柒分"],
    [0, "零元整"],
  ])("writes %s yuan as %s", (amount, capitals) => {
    expect(yuanInCapitals(amount)).toBe(capitals);
  });

  it("refuses a negative amount rather than print a wrong one", () => {
    expect(() => yuanInCapitals(-1)).toThrow(RangeError);
  });
});
