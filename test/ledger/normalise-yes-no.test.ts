import { describe, expect, it } from "vitest";
import { normaliseYesNo } from "../../ledger/normalise/yes-no.ts";

describe("normaliseYesNo", () => {
  it.each([
    "是", "Y", "y", "yes", "YES", "Yes", "√", "✓", "✔", "有", "已", "TRUE", "true", "1",
    "已受理", "受理", "予以受理", "已确认", " 是 ", "是\n", "Ｙ", "ＹＥＳ", "１",
  ])("reads %j as yes", (input) => {
    expect(normaliseYesNo(input)).toEqual({ ok: true, value: true });
  });

  it.each([
    "否", "N", "n", "no", "NO", "×", "✗", "✘", "✕", "无", "未", "FALSE", "false", "0",
    "不予受理", "不受理", "未受理", "未确认", "不 予 受 理", "Ｎ", "０",
  ])("reads %j as no", (input) => {
    expect(normaliseYesNo(input)).toEqual({ ok: true, value: false });
  });

  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [{ formula: "A1=1", result: true }, true],
  ])("reads the cell value %j as %s", (input, expected) => {
    expect(normaliseYesNo(input)).toEqual({ ok: true, value: expected });
  });

  it.each(["对", "错", "x", "X", "确认", "是否", "部分受理", "待定", "?", "2", "yes!", "是（已受理）"])(
    "refuses %j and keeps the text as typed",
    (input) => {
      expect(normaliseYesNo(input)).toEqual({ ok: false, raw: input });
    },
  );

  it.each([
    [2, "2"],
    [0.5, "0.5"],
    [-1, "-1"],
    [Number.NaN, "NaN"],
  ])("refuses the number %s", (input, raw) => {
    expect(normaliseYesNo(input)).toEqual({ ok: false, raw });
  });

  it.each([null, undefined, "", "  ", "\u3000"])("reads the empty cell %j as null", (input) => {
    expect(normaliseYesNo(input)).toEqual({ ok: true, value: null });
  });
});
