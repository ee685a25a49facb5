import { describe, expect, it } from "vitest";
import { normaliseDate } from "../../ledger/normalise/date.ts";

describe("normaliseDate", () => {
  it.each([
    [46168, "2026-05-26"],
    [46168.75, "2026-05-26"], // date with a time of day: the day counts
    [45351, "2024-02-29"],
    [18264, "1950-01-01"],
    [73415, "2100-12-31"],
    [20260526, "2026-05-26"],
    [new Date(Date.UTC(2026, 4, 26)), "2026-05-26"],
    [new Date(Date.UTC(2026, 4, 26, 23, 59)), "2026-05-26"],
    ["2026-05-26", "2026-05-26"],
    ["2026-5-26", "2026-05-26"],
    ["2026.5.26", "2026-05-26"],
    ["2026/5/26", "2026-05-26"],
    ["2026/05/26", "2026-05-26"],
    ["2026年5月26日", "2026-05-26"],
    ["2026年5月26", "2026-05-26"],
    ["2026年05月26号", "2026-05-26"],
    ["2026 年 5 月 26 日", "2026-05-26"],
    ["2026 - 5 - 26", "2026-05-26"],
    ["２０２６年５月２６日", "2026-05-26"],
    ["２０２６．５．２６", "2026-05-26"],
    ["20260526", "2026-05-26"],
    ["２０２６０５２６", "2026-05-26"],
    ["2026-5-26 10:30", "2026-05-26"],
    ["2026/05/26 10:30:00", "2026-05-26"],
    ["2026-05-26T10:30:00", "2026-05-26"],
    ["2026年5月26日 14:00", "2026-05-26"],
    ["2026年5月26日14:00", "2026-05-26"],
    [" 2026-05-26\n", "2026-05-26"],
    ["2024-02-29", "2024-02-29"],
    ["2000.2.29", "2000-02-29"],
    [{ formula: "TODAY()", result: 46168 }, "2026-05-26"],
  ])("reads %j as %s", (input, expected) => {
    expect(normaliseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "2026-13-01",
    "2026-00-10",
    "1900-02-29",
    "1949-12-31",
    "2101-01-01",
    "26.5.26",
    "26-05-26",
    "5/26/2026",
    "26/05/2026",
    "2026-5/26",
    "2026年5-26",
    "2026.5.26日",
    "2026年5月",
    "2026-05-26 25:00",
    "20261301",
    "202605",
    "46168",
    "下周一",
    "约2026年5月",
    "2026-05-26至2026-06-01",
  ])("refuses %j and keeps the text as typed", (input) => {
    expect(normaliseDate(input)).toEqual({ ok: false, raw: input });
  });

  it.each([
    [60, "60"],
    [1, "1"],
    [0, "0"],
    [-5, "-5"],
    [18263, "18263"], // 1949-12-31
    [73416, "73416"], // 2101-01-01
    [2958466, "2958466"],
    [12345678, "12345678"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [true, "是"],
  ])("refuses the cell value %s (raw %j)", (input, raw) => {
    expect(normaliseDate(input)).toEqual({ ok: false, raw });
  });

  it.each([
    ["2026-02-30", 2026, 2, 28],
    ["2026-04-31", 2026, 4, 30],
    ["2023-02-29", 2023, 2, 28],
    ["2026.2.30", 2026, 2, 28],
    ["2026年2月30日", 2026, 2, 28],
    [20260230, 2026, 2, 28],
    ["二〇二六年二月三十日", 2026, 2, 28],
    ["二〇二六年四月三十一日", 2026, 4, 30],
    ["二〇二六年三月三十二日", 2026, 3, 31],
    ["二〇二三年二月二十九日", 2023, 2, 28],
  ])("refuses %j, a day the calendar does not have, and says how many days %i-%i has (%i)", (input, year, month, days) => {
    expect(normaliseDate(input)).toEqual({ ok: false, raw: String(input), noSuchDay: { year, month, days } });
  });

  it.each([
    ["二〇二六年三月五日", "2026-03-05"],
    ["二〇二六年十月二十五日", "2026-10-25"],
    ["二〇二六年十二月三十一日", "2026-12-31"],
    ["二〇二六年十一月十日", "2026-11-10"],
    ["二〇二六年十月十九日", "2026-10-19"],
    ["二〇二六年九月二十日", "2026-09-20"],
    ["二〇二六年一月三十日", "2026-01-30"],
    ["二〇二四年二月二十九日", "2024-02-29"],
    ["二〇二六 年 三 月 五 日", "2026-03-05"],
    ["二〇二六年 十月 二十五日", "2026-10-25"],
    ["二〇二六\u3000年三月五日", "2026-03-05"],
    ["二零二六年三月五日", "2026-03-05"],
    ["二○二六年三月五日", "2026-03-05"],
    ["二0二六年三月五日", "2026-03-05"],
    ["二O二六年三月五日", "2026-03-05"],
    ["二〇二六年三月五号", "2026-03-05"],
    ["二〇二六年三月五", "2026-03-05"],
    ["一九九九年十二月三十一日", "1999-12-31"],
    ["二〇二六年三月五日 14:00", "2026-03-05"],
    ["2026年五月二十六日", "2026-05-26"],
    ["二〇二六年5月26日", "2026-05-26"],
  ])("reads the 公文 date %j (Chinese numerals) as %s", (input, expected) => {
    expect(normaliseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "二〇二六年十三月一日", // no 13th month
    "二〇二六年零月五日",
    "二〇二六年三月〇日",
    "二六年三月五日", // two-digit year, as with 26.5.26
    "一九四九年十二月三十一日", // before 1950
    "二〇二六年〇三月〇五日", // 公文 never writes a leading 〇 in the month or day
    "二〇二六年二十月一日",
    "二〇二六年十二三月一日",
    "二〇二六年三十二十月一日",
    "二〇二六年十〇月一日",
    "二〇二六年三月", // no day
    "二〇二六.三.五", // 公文 numerals go with 年月日
    "二〇二六年三月五日至四月一日",
    "三月五日",
    "十",
    "一二三",
  ])("refuses %j in Chinese numerals that is not a whole, real date", (input) => {
    expect(normaliseDate(input)).toEqual({ ok: false, raw: input });
  });

  it("refuses an invalid Date object and a Date before 1950", () => {
    expect(normaliseDate(new Date(Number.NaN))).toEqual({ ok: false, raw: "Invalid Date" });
    expect(normaliseDate(new Date(Date.UTC(1900, 0, 1)))).toEqual({ ok: false, raw: "1900-01-01" });
  });

  it.each([null, undefined, "", "   ", "\u3000"])("reads the empty cell %j as null", (input) => {
    expect(normaliseDate(input)).toEqual({ ok: true, value: null });
  });

  it("agrees with the calendar for every day serial from 1950 to 2100", () => {
    for (let serial = 18264; serial <= 73415; serial++) {
      const expected = new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);
      const got = normaliseDate(serial);
      if (!got.ok || got.value !== expected) expect({ serial, got }).toEqual({ serial, got: { ok: true, value: expected } });
    }
  });
});
