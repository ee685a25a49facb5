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
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2023-02-29",
    "1900-02-29",
    "2026.2.30",
    "2026年2月30日",
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
    "2026年五月二十六日",
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
    [20260230, "20260230"],
    [12345678, "12345678"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [true, "是"],
  ])("refuses the cell value %s (raw %j)", (input, raw) => {
    expect(normaliseDate(input)).toEqual({ ok: false, raw });
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
