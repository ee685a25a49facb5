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
  // A case transferred to a unit (分流) and not signed for (签收) within TRANSFER_RECEIPT_DAYS (default 3).
  transfer_not_received: "medium",
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

/** GET /api/flags */
export const FlagsSchema = z.object({
  asOf: z.string(),
  period: z.string(),
  counts: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  flags: z.array(FlagSchema),
});
export type Flags = z.infer<typeof FlagsSchema>;
