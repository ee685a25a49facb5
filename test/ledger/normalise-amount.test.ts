import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normaliseAmount } from "../../ledger/normalise/amount.ts";

describe("normaliseAmount", () => {
  it.each([
    [0, 0],
    [12000, 12000],
    [12000.5, 12000.5],
    [0.1 + 0.2, 0.3],
    [1234.5678, 1234.57],
    [-0, 0],
    ["12000", 12000],
    ["12000.50", 12000.5],
    ["12,000", 12000],
    ["1,234,567.89", 1234567.89],
    ["12000元", 12000],
    ["12,000元", 12000],
    ["１２，０００元", 12000],
    ["¥12,000", 12000],
    ["￥12000.00", 12000],
    ["￥ 12 000", 12000],
    ["3.5万", 35000],
    ["3.5万元", 35000],
    ["3.5 万元", 35000],
    ["1.15万", 11500],
    ["０．５万元", 5000],
    ["100万", 1000000],
    ["1.23456万", 12345.6],
    [" 800 元 ", 800],
    ["0", 0],
    [{ formula: "SUM(A1:A2)", result: 300 }, 300],
  ])("reads %j as %s", (input, expected) => {
    expect(normaliseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it("gives 35000 exactly, not 35000.000000004, for 3.5万", () => {
    const r = normaliseAmount("3.5万");
    expect(r.ok && r.value).toBe(35000);
  });

  it.each([
    "-100", "-3.5万", "约3万", "三万", "3万5千", "3万多", "万元", "元", "1,2,3", "12,00", "1.2.3", ".5",
    "3.5e4", "3.5万万", "12000美元", "RMB12000", "无", "/", "12000-15000",
  ])("refuses %j and keeps the text as typed", (input) => {
    expect(normaliseAmount(input)).toEqual({ ok: false, raw: input });
  });

  it.each([
    [-1, "-1"],
    [-0.01, "-0.01"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [true, "是"],
  ])("refuses the cell value %s", (input, raw) => {
    expect(normaliseAmount(input)).toEqual({ ok: false, raw });
  });

  it.each([null, undefined, "", "  ", "\n"])("reads the empty cell %j as null", (input) => {
    expect(normaliseAmount(input)).toEqual({ ok: true, value: null });
  });
});

describe("normaliseAmount against the pattern it reads by hand", () => {
  // The written rule: ¥/￥, digits or digits grouped by thousands, decimals, 元/万/万元 — as a regular expression.
  const RULE = /^(?:[¥￥])?(\d+|\d{1,3}(?:,\d{3})+)(\.\d+)?(万元|万|元)?$/;
  const byRule = (text: string) => {
    const m = RULE.exec(text.replaceAll(" ", ""));
    if (!m) return null;
    const yuan = Number(m[1].replaceAll(",", "") + (m[2] ?? ""));
    return Math.round((m[3] === "万" || m[3] === "万元" ? yuan * 10_000 : yuan) * 100) / 100;
  };

  it("accepts exactly what the rule accepts, with the same value, for texts made of the characters amounts use", () => {
    const text = fc.string({ unit: fc.constantFrom(..."0123456789,.¥￥元万 约-"), maxLength: 14 }).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(text, (s) => {
        const got = normaliseAmount(s);
        const want = byRule(s.trim().replace(/ +/g, " "));
        expect(got.ok ? got.value : null).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });
});
