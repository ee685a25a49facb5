import { describe, expect, it } from "vitest";
import { judge, JUDGMENT_TEXT } from "../../ledger/target-judgment.ts";

describe("the one judgment of a rate against its target", () => {
  it("calls a rate that reaches the target 达标", () => {
    expect(judge({ rate: 0.8, high: 0.9 }, 0.8)).toBe("met");
    expect(JUDGMENT_TEXT[judge({ rate: 0.95, high: 0.99 }, 0.8)].zh).toBe("达标");
  });

  it("calls 75 % of 20 cases under an 80 % target not significant, because its interval still reaches 80 %", () => {
    // 15 of 20: Wilson interval about 53 %–89 %.
    expect(JUDGMENT_TEXT[judge({ rate: 0.75, high: 0.888 }, 0.8)].zh).toBe("低于目标（差异不显著）");
  });

  it("calls a rate 未达标 only when the whole interval lies below the target", () => {
    expect(JUDGMENT_TEXT[judge({ rate: 0.6, high: 0.7 }, 0.8)].zh).toBe("未达标");
    expect(judge({ rate: 0.6, high: 0.8 }, 0.8)).toBe("below");
  });

  it("judges nothing without a rate or a target", () => {
    expect(judge({ rate: null, high: null }, 0.8)).toBe("none");
    expect(judge({ rate: 0.5, high: 0.6 }, null)).toBe("none");
  });
});
