/**
 * The coordinator's time limits (办理时限) and flag thresholds (预警阈值) as the API takes and returns them
 * (docs/API.md § Time limits and flag thresholds). Each setting's zh/en name and range live here, once, so the
 * Worker's checks, the pane's form and the CLI's table say the same thing.
 */
import { z } from "zod";
import { MEDIATION_TYPES, STAGES, type MediationType, type Stage } from "../choices.ts";

export const DAYS = { min: 1, max: 365 } as const;
export const MONTHS = { min: 1, max: 60 } as const;

export const FLAG_THRESHOLD_KEYS = [
  "dueSoonDays", "confirmationWindowDays", "confirmationWarnDays", "repeatWithinMonths", "staleAfterDays", "notPushedDays",
  "minLedgerQuality", "transferReceiptDays",
] as const;
export type FlagThresholdKey = (typeof FLAG_THRESHOLD_KEYS)[number];

/** How a setting is counted: days and months are whole numbers; a share is 0–1 on the wire and a percentage on screen. */
export type SettingUnit = "days" | "months" | "share";

export interface SettingInfo {
  zh: string;
  en: string;
  unit: SettingUnit;
  min: number;
  max: number;
}

export const FLAG_THRESHOLDS: Record<FlagThresholdKey, SettingInfo> = {
  dueSoonDays: { zh: "临近到期提醒（剩余天数）", en: "Due soon: days left", unit: "days", ...DAYS },
  confirmationWindowDays: { zh: "司法确认期限（协议生效后天数）", en: "Judicial confirmation window (days after the agreement)", unit: "days", ...DAYS },
  confirmationWarnDays: { zh: "司法确认期限将届提醒（剩余天数）", en: "Confirmation window closing: days left", unit: "days", ...DAYS },
  repeatWithinMonths: { zh: "重复纠纷认定（月内再次申请）", en: "Repeat dispute within (months)", unit: "months", ...MONTHS },
  staleAfterDays: { zh: "长期未更新（天）", en: "Open case not updated for (days)", unit: "days", ...DAYS },
  notPushedDays: { zh: "台账长期未上报（天）", en: "Ledger not pushed for (days)", unit: "days", ...DAYS },
  minLedgerQuality: { zh: "台账规范率下限", en: "Lowest ledger quality", unit: "share", min: 0, max: 1 },
  transferReceiptDays: { zh: "分流案件签收时限（天）", en: "Days to sign for a transferred case", unit: "days", ...DAYS },
};

/** Names of the time-limit groups, for messages and screens. */
export const TIME_LIMIT_GROUPS = {
  byStage: { zh: "按所处阶段", en: "By stage" },
  byMediationType: { zh: "按调解类型", en: "By mediation type" },
  fallback: { zh: "其他案件（默认时限）", en: "Any other case (fallback)" },
} as const;

const whole = (r: { min: number; max: number }, zh: string, en: string) =>
  z.number().int(`${zh}须为整数 ${en} must be a whole number`).min(r.min, `${zh}须在 ${r.min}–${r.max} 之间 ${en} must be ${r.min}–${r.max}`)
    .max(r.max, `${zh}须在 ${r.min}–${r.max} 之间 ${en} must be ${r.min}–${r.max}`);

const Days = whole(DAYS, "天数", "Days");

/** A map from a known choice (阶段 / 调解类型) to days; an unknown key is named in the message with the allowed ones. */
function choiceDays<K extends string>(allowed: readonly K[], zh: string, en: string) {
  return z.record(z.string(), Days).superRefine((rec, ctx) => {
    for (const key of Object.keys(rec)) {
      if ((allowed as readonly string[]).includes(key)) continue;
      ctx.addIssue({
        code: "custom", path: [key],
        message: `未知的${zh}“${key}”，可选：${allowed.join("、")} Unknown ${en} "${key}"; allowed: ${allowed.join(", ")}`,
      });
    }
  }) as unknown as z.ZodType<Partial<Record<K, number>>>;
}

export const TimeLimitsSchema = z.object({
  /** Checked first (行政复议 60 days, 诉前 court mediation 30). A stage not listed falls through to its mediation type. */
  byStage: choiceDays<Stage>(STAGES, "阶段", "stage"),
  /** When the stage has no limit (人民调解 "一般在一个月内调结": 30). */
  byMediationType: choiceDays<MediationType>(MEDIATION_TYPES, "调解类型", "mediation type"),
  /** When neither has one. */
  fallback: Days,
}).strict();
export type TimeLimitSettings = z.infer<typeof TimeLimitsSchema>;

export const FlagThresholdsSchema = z.object(
  Object.fromEntries(FLAG_THRESHOLD_KEYS.map((k) => {
    const s = FLAG_THRESHOLDS[k];
    const schema = s.unit === "share"
      ? z.number().min(0, `${s.zh}须在 0–100% 之间 ${s.en} must be 0–1 (0–100 %)`).max(1, `${s.zh}须在 0–100% 之间 ${s.en} must be 0–1 (0–100 %)`)
      : whole(s, s.zh, s.en);
    return [k, schema];
  })) as Record<FlagThresholdKey, z.ZodNumber>,
).strict();
export type FlagThresholds = z.infer<typeof FlagThresholdsSchema>;

export const LimitSettingsSchema = z.object({ timeLimits: TimeLimitsSchema, flags: FlagThresholdsSchema }).strict().superRefine((s, ctx) => {
  if (s.flags.confirmationWarnDays > s.flags.confirmationWindowDays) {
    ctx.addIssue({
      code: "custom", path: ["flags", "confirmationWarnDays"],
      message: `司法确认期限将届提醒（${s.flags.confirmationWarnDays} 天）不能长于司法确认期限（${s.flags.confirmationWindowDays} 天） The warning (${s.flags.confirmationWarnDays} days) cannot be longer than the window (${s.flags.confirmationWindowDays} days)`,
    });
  }
});
export type LimitSettings = z.infer<typeof LimitSettingsSchema>;

/** PUT /api/settings/limits. `baseVersion`: the version the editor started from; a newer one stored meanwhile → 409. */
export const LimitsBodySchema = z.object({ settings: LimitSettingsSchema, baseVersion: z.number().int().min(0).optional() }).strict();
export type LimitsBody = z.infer<typeof LimitsBodySchema>;

export const LimitsResponseSchema = z.object({
  /** 0 = never changed: the defaults apply. */
  version: z.number().int(),
  current: LimitSettingsSchema,
  defaults: LimitSettingsSchema,
  /** Who stored the current version and when (null for the defaults, or a version carried over from the old time-limit table). */
  changedBy: z.object({ tokenId: z.number().int().nullable(), label: z.string().nullable() }).nullable(),
  changedAt: z.string().nullable(),
});
export type LimitsResponse = z.infer<typeof LimitsResponseSchema>;
