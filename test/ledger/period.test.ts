import { describe, expect, it } from "vitest";
import { addMonths, daysBetween, inPeriod, parsePeriod, periodContaining, PeriodError } from "../../ledger/period.ts";

describe("assessment periods", () => {
  it("reads a month, a quarter and a year as half-open date ranges", () => {
    expect(parsePeriod("2026-05")).toEqual({ label: "2026-05", kind: "month", start: "2026-05-01", end: "2026-06-01" });
    expect(parsePeriod("2026-Q2")).toEqual({ label: "2026-Q2", kind: "quarter", start: "2026-04-01", end: "2026-07-01" });
    expect(parsePeriod("2026")).toEqual({ label: "2026", kind: "year", start: "2026-01-01", end: "2027-01-01" });
  });

  it("runs December and the fourth quarter into the next January", () => {
    expect(parsePeriod("2026-12").end).toBe("2027-01-01");
    expect(parsePeriod("2026-Q4")).toMatchObject({ start: "2026-10-01", end: "2027-01-01" });
  });

  it("accepts a lower-case q and surrounding spaces", () => {
    expect(parsePeriod(" 2026-q3 ").label).toBe("2026-Q3");
  });

  it.each(["2026-13", "2026-00", "2026-Q5", "26-05", "2026-5", "May 2026", "", "2026/05"])("rejects %j with a bilingual message naming the accepted forms", (bad) => {
    expect(() => parsePeriod(bad)).toThrow(PeriodError);
    expect(() => parsePeriod(bad)).toThrow(/2026-Q2（季度）.*write 2026-05 \(month\)/);
  });

  it("counts the first day and not the day after the period", () => {
    const q = parsePeriod("2026-Q2");
    expect(inPeriod("2026-04-01", q)).toBe(true);
    expect(inPeriod("2026-06-30", q)).toBe(true);
    expect(inPeriod("2026-07-01", q)).toBe(false);
    expect(inPeriod("2026-03-31", q)).toBe(false);
    expect(inPeriod(null, q)).toBe(false);
  });

  it("finds the month, quarter and year around a date", () => {
    expect(periodContaining("2026-08-15", "quarter").label).toBe("2026-Q3");
    expect(periodContaining("2026-08-15", "month").label).toBe("2026-08");
    expect(periodContaining("2026-08-15", "year").label).toBe("2026");
  });

  it("counts days across month and leap-year boundaries and clamps month arithmetic to the month's end", () => {
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2026-05-01", "2026-05-31")).toBe(30);
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-03-15", 12)).toBe("2027-03-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });
});
