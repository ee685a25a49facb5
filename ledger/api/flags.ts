import { z } from "zod";

/** Flag codes (DOMAIN §5): stable, used by the API, the add-in and tests. */
export const FLAG_SEVERITY = {
  overdue: "high",
  due_soon: "medium",
  commitment_overdue: "high",
  confirmation_window_closing: "medium",
  complex_without_mentor: "medium",
  repeat_dispute: "medium",
  same_dispute_two_units: "medium",
  stale_open_case: "low",
  acceptance_below_target: "medium",
  success_below_target: "high",
  ledger_not_pushed: "medium",
  low_ledger_quality: "low",
  town_not_visited: "medium",
  // A case transferred to a unit (分流) and not signed for (签收) within TRANSFER_RECEIPT_DAYS (default 3).
  transfer_not_received: "medium",
  // 结果转化: the case's latest case-file review (案件质量评查) totals below the pass mark (ledger/review-sheet.ts).
  review_failed: "medium",
} as const;

export type FlagCode = keyof typeof FLAG_SEVERITY;
export type FlagSeverity = "high" | "medium" | "low";
export const FLAG_CODES = Object.keys(FLAG_SEVERITY) as FlagCode[];
export const FLAG_SEVERITIES: readonly FlagSeverity[] = ["high", "medium", "low"];

export type Facts = Record<string, string | number | boolean | null>;

export interface Flag {
  code: FlagCode;
  severity: FlagSeverity;
  scope: "case" | "unit";
  unit: string;
  /** The case the flag is about; null for unit flags. */
  caseNo: string | null;
  /** The facts behind the flag (days open, limit, dates …), so a reader can check it. */
  facts: Facts;
  message: { zh: string; en: string };
}


export const FlagSchema = z.object({
  code: z.enum(FLAG_CODES as [FlagCode, ...FlagCode[]]),
  severity: z.enum(FLAG_SEVERITIES as [FlagSeverity, ...FlagSeverity[]]),
  scope: z.enum(["case", "unit"]),
  unit: z.string(),
  caseNo: z.string().nullable(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  message: z.object({ zh: z.string(), en: z.string() }),
});

/**
 * GET /api/flags lists at most this many repeat_dispute flags of one unit between the same parties, and as many
 * same_dispute_two_units flags of one unit between the same parties with the same other unit: the latest cases'.
 * The latest listed carries `facts.more`, how many more there are ("另有 N 件"), and `counts` counts them all.
 */
export const LISTED_PER_DISPUTE = 3;

/** How many flags a listed flag stands for: itself and the `facts.more` of its dispute left out of the list. */
export const flagsStoodFor = (f: Pick<Flag, "facts">): number => 1 + (typeof f.facts.more === "number" ? f.facts.more : 0);

/** GET /api/flags */
export const FlagsSchema = z.object({
  asOf: z.string(),
  period: z.string(),
  /** Every flag raised, by severity, also those a listed flag stands for (`facts.more`). */
  counts: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  flags: z.array(FlagSchema),
});
export type Flags = z.infer<typeof FlagsSchema>;

/** The longest "due within N days" a flags query takes: a year covers every configured time limit. */
export const MAX_DUE_WITHIN_DAYS = 366;

/**
 * ?dueWithinDays=: whole days from today, 0 (due today) to MAX_DUE_WITHIN_DAYS, in plain digits (the document:
 * an integer of that range).
 */
export const DueWithinDaysQuery = z
  .string()
  .superRefine((days, ctx) => {
    const message = !/^(0|[1-9]\d{0,2})$/.test(days)
      ? `须为 0–${MAX_DUE_WITHIN_DAYS} 的整数天数 Must be a whole number of days from 0 to ${MAX_DUE_WITHIN_DAYS}`
      : Number(days) > MAX_DUE_WITHIN_DAYS ? `不能超过 ${MAX_DUE_WITHIN_DAYS} 天 Must be at most ${MAX_DUE_WITHIN_DAYS} days` : null;
    if (message) ctx.addIssue({ code: "custom", message });
  })
  .transform(Number)
  .meta({
    type: "integer", minimum: 0, maximum: MAX_DUE_WITHIN_DAYS, example: 7,
    description: "Only cases whose time limit (调解期限) runs out within this many days",
  });

/** Each flag code in words (zh-CN, English), for filter pickers and lists. */
export const FLAG_NAMES: Record<FlagCode, { zh: string; en: string }> = {
  overdue: { zh: "案件超期", en: "Overdue" },
  due_soon: { zh: "即将到期", en: "Due soon" },
  commitment_overdue: { zh: "承诺逾期未兑现", en: "Commitment overdue" },
  confirmation_window_closing: { zh: "司法确认申请期将满", en: "Judicial confirmation window closing" },
  complex_without_mentor: { zh: "复杂案件未配导师", en: "Complex case without mentor" },
  repeat_dispute: { zh: "重复纠纷", en: "Repeat dispute" },
  same_dispute_two_units: { zh: "同一纠纷两地台账", en: "Same dispute in two ledgers" },
  stale_open_case: { zh: "在办案件长期未更新", en: "Open case not updated" },
  acceptance_below_target: { zh: "受理率低于目标", en: "Acceptance below target" },
  success_below_target: { zh: "调解成功率低于目标", en: "Success rate below target" },
  ledger_not_pushed: { zh: "台账未按时上报", en: "Ledger not pushed" },
  low_ledger_quality: { zh: "台账规范率偏低", en: "Low ledger quality" },
  town_not_visited: { zh: "本期未巡回指导", en: "Town not visited this period" },
  transfer_not_received: { zh: "转交案件未签收", en: "Transfer not received" },
  review_failed: { zh: "评查不合格", en: "Failed case-file review" },
};

export const SEVERITY_NAMES: Record<FlagSeverity, { zh: string; en: string }> = {
  high: { zh: "高", en: "High" },
  medium: { zh: "中", en: "Medium" },
  low: { zh: "低", en: "Low" },
};
