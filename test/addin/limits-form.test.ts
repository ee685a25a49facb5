import { describe, expect, it } from "vitest";
import { checkLimits, changedFromDefaults, typedFrom } from "../../addin/pane/logic/limits-form.ts";
import type { LimitSettings } from "../../ledger/api/limits.ts";

const DEFAULTS: LimitSettings = {
  timeLimits: { byStage: { 行政复议: 60, 诉前: 30 }, byMediationType: { 人民调解: 30 }, fallback: 30 },
  flags: {
    dueSoonDays: 5, confirmationWindowDays: 30, confirmationWarnDays: 7, repeatWithinMonths: 12, staleAfterDays: 60, notPushedDays: 30,
    minLedgerQuality: 0.9, transferReceiptDays: 3,
  },
};
const typed = typedFrom(DEFAULTS);

describe("the time limits and thresholds a coordinator types in the pane", () => {
  it("shows the settings as text, the ledger quality as a percentage and a stage without its own limit as empty", () => {
    expect(typed["stage.诉前"]).toBe("30");
    expect(typed["stage.执行"]).toBe("");
    expect(typed["flags.minLedgerQuality"]).toBe("90");
    expect(checkLimits(typed, DEFAULTS, "zh-CN")).toEqual({ ok: true, settings: DEFAULTS });
  });

  it("reads full-width digits, a trailing 天 or %, and a new stage limit; an emptied stage falls back", () => {
    const r = checkLimits({ ...typed, "stage.执行": "４５天", "stage.诉前": "", "flags.dueSoonDays": "７", "flags.minLedgerQuality": "８５％" }, DEFAULTS, "zh-CN");
    expect(r).toEqual({
      ok: true,
      settings: {
        timeLimits: { byStage: { 行政复议: 60, 执行: 45 }, byMediationType: { 人民调解: 30 }, fallback: 30 },
        flags: { ...DEFAULTS.flags, dueSoonDays: 7, minLedgerQuality: 0.85 },
      },
    });
  });

  it("refuses a value out of range or not a whole number, naming the field, the range and an example", () => {
    expect(checkLimits({ ...typed, "stage.诉前": "0" }, DEFAULTS, "zh-CN")).toEqual({
      ok: false, field: "stage.诉前", message: "诉前阶段时限（天）：“0”无效，请填写 1–365 的整数，如 30。",
    });
    expect(checkLimits({ ...typed, "flags.repeatWithinMonths": "61" }, DEFAULTS, "en")).toEqual({
      ok: false, field: "flags.repeatWithinMonths", message: "Repeat dispute within (months): \"61\" is not valid; type a whole number 1–60, e.g. 30.",
    });
    expect(checkLimits({ ...typed, "flags.dueSoonDays": "2.5" }, DEFAULTS, "zh-CN")).toMatchObject({ ok: false, field: "flags.dueSoonDays" });
    expect(checkLimits({ ...typed, "flags.minLedgerQuality": "120" }, DEFAULTS, "zh-CN")).toEqual({
      ok: false, field: "flags.minLedgerQuality", message: "台账规范率下限：“120”无效，请填写 0–100% 的百分数（最多两位小数），如 90。",
    });
    expect(checkLimits({ ...typed, fallback: "三十" }, DEFAULTS, "zh-CN")).toMatchObject({ ok: false, field: "fallback" });
  });

  it("takes the ledger quality to a hundredth of a percent, as it shows it, and refuses a finer one rather than round it unseen", () => {
    const ok = checkLimits({ ...typed, "flags.minLedgerQuality": "90.25" }, DEFAULTS, "zh-CN");
    expect(ok).toMatchObject({ ok: true, settings: { flags: { minLedgerQuality: 0.9025 } } });
    expect(checkLimits({ ...typed, "flags.minLedgerQuality": "90.255" }, DEFAULTS, "zh-CN")).toEqual({
      ok: false, field: "flags.minLedgerQuality", message: "台账规范率下限：“90.255”无效，请填写 0–100% 的百分数（最多两位小数），如 90。",
    });
  });

  it("refuses an empty threshold or fallback, which have no 'none'", () => {
    expect(checkLimits({ ...typed, fallback: "" }, DEFAULTS, "zh-CN")).toEqual({
      ok: false, field: "fallback", message: "其他案件时限（天）：不能为空，请填写 1–365 的数。",
    });
  });

  it("refuses a confirmation warning longer than the confirmation window, saying how to fix it", () => {
    const r = checkLimits({ ...typed, "flags.confirmationWarnDays": "40" }, DEFAULTS, "zh-CN");
    expect(r).toEqual({ ok: false, field: "flags.confirmationWarnDays", message: "司法确认期限将届提醒（40 天）不能长于司法确认期限（30 天），请改小提醒天数" });
    expect(checkLimits({ ...typed, "flags.confirmationWarnDays": "40" }, DEFAULTS, "en")).toMatchObject({ message: "The warning (40 days) cannot be longer than the window (30 days); make it shorter" });
  });

  it("names the fields that differ from the defaults", () => {
    const changed = { ...DEFAULTS, flags: { ...DEFAULTS.flags, dueSoonDays: 7 }, timeLimits: { ...DEFAULTS.timeLimits, byStage: { 诉前: 30 } } };
    expect(changedFromDefaults(changed, DEFAULTS)).toEqual(new Set(["stage.行政复议", "flags.dueSoonDays"]));
  });
});
