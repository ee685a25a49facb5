import { describe, expect, it } from "vitest";
import { checkWeights } from "../../addin/pane/logic/weights-form.ts";

const typed = { acceptance: "20", success: "30", onTime: "15", commitments: "15", preSuit: "0", ledgerQuality: "10", review: "10" };

describe("the weights an assessor types in the pane", () => {
  it("accepts a set totalling 100, full-width digits and decimals included, an empty field as 0", () => {
    expect(checkWeights(typed, "zh-CN")).toEqual({ ok: true, weights: { acceptance: 20, success: 30, onTime: 15, commitments: 15, preSuit: 0, ledgerQuality: 10, review: 10 } });
    expect(checkWeights({ ...typed, success: "２９.５", preSuit: "0.5" }, "zh-CN").ok).toBe(true);
    expect(checkWeights({ ...typed, preSuit: "" }, "zh-CN").ok).toBe(true);
  });

  it("refuses a set that does not total 100, saying the total", () => {
    expect(checkWeights({ ...typed, success: "35" }, "zh-CN")).toEqual({ ok: false, key: null, message: "各项权重合计 105，不是 100：请调整使合计为 100。" });
    expect(checkWeights({ ...typed, success: "25" }, "en")).toMatchObject({ ok: false, message: "The weights add up to 95, not 100: change them so that they total 100." });
  });

  it("takes weights to a tenth of a point, as the Worker stores them, and refuses a finer one naming the indicator", () => {
    expect(checkWeights({ ...typed, success: "29.5", preSuit: "0.5" }, "zh-CN").ok).toBe(true);
    expect(checkWeights({ ...typed, success: "29.75", preSuit: "0.25" }, "zh-CN")).toEqual({ ok: false, key: "success", message: "调解成功率：“29.75”最多保留一位小数，如 12.5。" });
    expect(checkWeights({ ...typed, success: "29.75", preSuit: "0.25" }, "en")).toMatchObject({ ok: false, key: "success", message: expect.stringContaining("more than one decimal place") });
  });

  it("refuses a negative or non-numeric weight, naming the indicator", () => {
    expect(checkWeights({ ...typed, onTime: "-5" }, "zh-CN")).toMatchObject({ ok: false, key: "onTime", message: "按期办结率：“-5”不是 0–100 的分值，请填写数字，如 15。" });
    expect(checkWeights({ ...typed, review: "十" }, "zh-CN")).toMatchObject({ ok: false, key: "review" });
  });
});
