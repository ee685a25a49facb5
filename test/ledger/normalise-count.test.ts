import { describe, expect, it } from "vitest";
import { normaliseCount } from "../../ledger/normalise/count.ts";

describe("normaliseCount", () => {
  it.each([
    [1, 1],
    [3, 3],
    [3.0, 3],
    [250, 250],
    ["3", 3],
    ["3人", 3],
    ["3 人", 3],
    ["3名", 3],
    ["３", 3],
    ["１２人", 12],
    ["03", 3],
    [" 5\n", 5],
    [{ formula: "B2+1", result: 4 }, 4],
  ])("reads %j as %s", (input, expected) => {
    expect(normaliseCount(input)).toEqual({ ok: true, value: expected });
  });

  it.each(["0", "0人", "-3", "2.5", "3.0", "三人", "若干", "3-5人", "约10人", "3户", "3人以上", "1e3"])(
    "refuses %j and keeps the text as typed",
    (input) => {
      expect(normaliseCount(input)).toEqual({ ok: false, raw: input });
    },
  );

  it.each([
    [0, "0"],
    [-3, "-3"],
    [2.5, "2.5"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [2 ** 53, "9007199254740992"],
    [true, "是"],
  ])("refuses the cell value %s", (input, raw) => {
    expect(normaliseCount(input)).toEqual({ ok: false, raw });
  });

  it.each([null, undefined, "", "  "])("reads the empty cell %j as null", (input) => {
    expect(normaliseCount(input)).toEqual({ ok: true, value: null });
  });
});
