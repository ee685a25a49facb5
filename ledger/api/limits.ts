/**
 * The coordinator's time limits (办理时限) and flag thresholds (预警阈值) as the API takes and returns them
 * (docs/API.md § Time limits and flag thresholds). Each setting's zh/en name and range live here, once, so the
 * Worker's checks, the pane's form and the CLI's table say the same thing.
 */
import { z } from "zod";
import { MEDIATION_TYPES, STAGES, type MediationType, type Stage } from "../choices.ts";
import { toHalfWidth } from "../text.ts";
import { hasAtMostDecimals } from "./decimals.ts";
import { sentKeys } from "./json-keys.ts";

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

/**
 * A map from a known choice (阶段 / 调解类型) to days; an unknown key is named in the message with the allowed ones.
 * The keys are checked as sent, before zod's record reads them: it drops a key "__proto__" unseen, which left
 * `{"byStage":{"__proto__":5}}` saved as no stage limits at all.
 */
function choiceDays<K extends string>(allowed: readonly K[], zh: string, en: string) {
  return z.preprocess((raw, ctx) => {
    for (const key of sentKeys(raw)) {
      if ((allowed as readonly string[]).includes(key)) continue;
      ctx.addIssue({
        code: "custom", path: [key], input: raw,
        message: `未知的${zh}“${key}”，可选：${allowed.join("、")} Unknown ${en} "${key}"; allowed: ${allowed.join(", ")}`,
      });
    }
    return raw;
  }, z.record(z.string(), Days)) as unknown as z.ZodType<Partial<Record<K, number>>>;
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
    // A share is shown and typed as a percentage with at most two decimals (90.25%): 0–1 with at most four.
    const schema = s.unit === "share"
      ? z.number().min(0, `${s.zh}须在 0–100% 之间 ${s.en} must be 0–1 (0–100 %)`).max(1, `${s.zh}须在 0–100% 之间 ${s.en} must be 0–1 (0–100 %)`)
        .refine((v) => hasAtMostDecimals(v, 4), `${s.zh}最多精确到 0.01%（0–1 之间最多四位小数，如 0.9025） ${s.en} must be at most 4 decimals, 0.01 % (e.g. 0.9025)`)
      : whole(s, s.zh, s.en);
    return [k, schema];
  })) as Record<FlagThresholdKey, z.ZodNumber>,
).strict();
export type FlagThresholds = z.infer<typeof FlagThresholdsSchema>;

export const LimitSettingsSchema = z.object({ timeLimits: TimeLimitsSchema, flags: FlagThresholdsSchema }).strict().superRefine((s, ctx) => {
  if (s.flags.confirmationWarnDays > s.flags.confirmationWindowDays) {
    ctx.addIssue({
      code: "custom", path: ["flags", "confirmationWarnDays"],
      message: `司法确认期限将届提醒（${s.flags.confirmationWarnDays} 天）不能长于司法确认期限（${s.flags.confirmationWindowDays} 天），请改小提醒天数 The warning (${s.flags.confirmationWarnDays} days) cannot be longer than the window (${s.flags.confirmationWindowDays} days); make it shorter`,
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

/**
 * Each setting as one field, named the same way in the pane's form and in `tiaojie limits --set FIELD=VALUE`:
 * `stage.诉前`, `type.人民调解`, `fallback`, `flags.dueSoonDays`. A stage or type field may be left empty (no limit of
 * its own: the case falls through to its mediation type, then to the fallback); every other field needs a value.
 */
export interface LimitField {
  id: string;
  group: "byStage" | "byMediationType" | "fallback" | "flags";
  key: string;
  zh: string;
  en: string;
  unit: SettingUnit;
  min: number;
  max: number;
  optional: boolean;
}

export const LIMIT_FIELDS: readonly LimitField[] = [
  ...STAGES.map((s) => ({ id: `stage.${s}`, group: "byStage" as const, key: s, zh: `${s}阶段时限（天）`, en: `Stage ${s}: days`, unit: "days" as const, ...DAYS, optional: true })),
  ...MEDIATION_TYPES.map((t) => ({ id: `type.${t}`, group: "byMediationType" as const, key: t, zh: `${t}时限（天）`, en: `${t}: days`, unit: "days" as const, ...DAYS, optional: true })),
  { id: "fallback", group: "fallback", key: "fallback", zh: "其他案件时限（天）", en: "Any other case: days", unit: "days", ...DAYS, optional: false },
  ...FLAG_THRESHOLD_KEYS.map((k) => ({ id: `flags.${k}`, group: "flags" as const, key: k, ...FLAG_THRESHOLDS[k], optional: false })),
];

/** The field's value as typed: days and months as they are, a share as a percentage ("90" for 0.9); "" when unset. */
export function fieldText(settings: LimitSettings, f: LimitField): string {
  const v = fieldValue(settings, f);
  if (v === undefined) return "";
  return f.unit === "share" ? String(Math.round(v * 10000) / 100) : String(v);
}

export function fieldValue(settings: LimitSettings, f: LimitField): number | undefined {
  if (f.group === "fallback") return settings.timeLimits.fallback;
  if (f.group === "flags") return settings.flags[f.key as FlagThresholdKey];
  return (settings.timeLimits[f.group] as Record<string, number | undefined>)[f.key];
}

/** Sets (or, with undefined, clears) one field in a copy of `settings`. */
export function withField(settings: LimitSettings, f: LimitField, value: number | undefined): LimitSettings {
  const out: LimitSettings = structuredClone(settings);
  if (f.group === "fallback") out.timeLimits.fallback = value!;
  else if (f.group === "flags") out.flags[f.key as FlagThresholdKey] = value!;
  else {
    const rec = out.timeLimits[f.group] as Record<string, number>;
    if (value === undefined) delete rec[f.key];
    else rec[f.key] = value;
  }
  return out;
}

export type FieldReading = { ok: true; value: number | undefined } | { ok: false; message: { zh: string; en: string } };

/**
 * Reads what a person typed for a field: full-width digits and a trailing 天 / 个月 / % are fine; a share is typed as
 * a percentage. The message names the field, its range and an example.
 */
export function readField(f: LimitField, typed: string): FieldReading {
  const text = toHalfWidth(typed).replace(/\s/g, "")
    .replace(/(天|日|个月|月|%)$/, "");
  if (text === "") {
    if (f.optional) return { ok: true, value: undefined };
    return { ok: false, message: { zh: `${f.zh}：不能为空，请填写 ${rangeText(f)} 的数。`, en: `${f.en}: cannot be empty; type a number ${rangeText(f)}.` } };
  }
  const n = Number(text);
  const share = f.unit === "share";
  const whole = !share && !/^\d+$/.test(text);
  const min = share ? f.min * 100 : f.min;
  const max = share ? f.max * 100 : f.max;
  // A percentage is shown with at most two decimals (90.25): a finer one would be stored unseen, so it is refused.
  if (!/^\d+(\.\d+)?$/.test(text) || whole || (share && /\.\d{3,}$/.test(text)) || !Number.isFinite(n) || n < min || n > max) {
    const example = share ? "90" : String(Math.min(max, 30));
    return {
      ok: false,
      message: {
        zh: `${f.zh}：“${typed}”无效，请填写 ${rangeText(f)} 的${share ? "百分数（最多两位小数）" : "整数"}，如 ${example}。`,
        en: `${f.en}: "${typed}" is not valid; type a ${share ? "percentage (at most two decimals)" : "whole number"} ${rangeText(f)}, e.g. ${example}.`,
      },
    };
  }
  return { ok: true, value: share ? Math.round(n * 100) / 10000 : n };
}

function rangeText(f: LimitField): string {
  return f.unit === "share" ? `${f.min * 100}–${f.max * 100}%` : `${f.min}–${f.max}`;
}
