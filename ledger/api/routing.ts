/**
 * Routing (分流), transfer (转交) and receipt (签收) as the API takes and returns them (DOMAIN §6; docs/API.md § Routing).
 *
 * The coordinator's day, in calls:
 * 1. PUT /api/routing/{domains|places}: push a rule sheet (rows as the roster push sends them). The Worker reads the
 *    cells again with ledger/routing/; a sheet with any error stores nothing (it replaces the previous one whole),
 *    otherwise it becomes the next version and the previous one is kept.
 * 2. GET /api/routing/rules: the rules in force (units by kind, the domain map with its source, the villages).
 * 3. Suggestions are computed on the client: `suggestRoutes(rows, toRoutingRules(rules))` (ledger/routing/suggest.ts,
 *    the pure routeCase). Why not a POST: the intake rows carry applicants' names, ID numbers and phones, and a
 *    suggestion needs none of them to leave the coordinator's machine; the rules are small and one GET serves a
 *    whole sheet; the pane can re-suggest at once while the coordinator edits a row. The Worker does not trust a
 *    suggestion: at confirm it re-reads each row and checks the lead and assisting units itself.
 * 4. POST /api/transfers (Idempotency-Key): confirm — each case goes to its lead unit. Per case the receipt says
 *    transferred, unchanged (already transferred the same way: nothing written) or refused (code + message).
 * 5. The receiving clerk: GET /api/transfers/incoming lists what was transferred to their unit, with the case's
 *    cells by column key for appending to their ledger; POST /api/transfers/receive records 签收 (idempotent).
 * Only coordinators reach 1–4; only clerks reach 5, and only for their own unit.
 */
import { z } from "zod";
import { keyedRecord } from "./keyed-record.ts";
import { DOMAINS, type Domain } from "../choices.ts";
import { COLUMN_KEYS } from "../columns.ts";
import { IssueSchema } from "../schema.ts";
import { RULE_ISSUE_CODES, type RuleIssueCode } from "../routing/rule-issues.ts";
import type { RoutingRules } from "../routing/route-case.ts";
import { CellSchema } from "./push.ts";
import { columnLettersSchema, sheetRowSchema, sheetRowsSchema } from "./sheet-rows.ts";

const Bilingual = z.object({ zh: z.string(), en: z.string() });
const UnitName = z.string().trim().min(1).max(100);

// ---------------------------------------------------------------------------------------------------------------
// Rule sheets

export const RULE_SHEET_KINDS = ["domains", "places"] as const;
export type RuleSheetKindName = (typeof RULE_SHEET_KINDS)[number];
export const DOMAIN_RULE_KEYS = ["domain", "department"] as const;
export const PLACE_RULE_KEYS = ["village", "town"] as const;
/** Far above a district's domains (14) or villages (a few hundred); one request, one batch. */
export const MAX_RULE_ROWS = 5_000;
/** Villages and communities one place sheet may list (a row may list several): far above a district's few hundred. */
export const MAX_VILLAGES = 5_000;
/**
 * Bytes of a rule sheet as stored: D1 keeps it as one row's JSON text and refuses a row over 2 MB in production
 * (the local simulator does not), so the Worker refuses a sheet past half of that before writing.
 */
export const MAX_RULES_BYTES = 1_000_000;

const RuleCell = z.union([z.string().max(2_000), z.number(), z.boolean(), z.null()]);

/** PUT /api/routing/domains: a 纠纷领域 | 主管部门 sheet's data rows, raw cells by key. */
export const DomainSheetPushSchema = z.object({
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  columns: columnLettersSchema(DOMAIN_RULE_KEYS).optional(),
  rows: sheetRowsSchema(sheetRowSchema(DOMAIN_RULE_KEYS, RuleCell), MAX_RULE_ROWS),
});
export type DomainSheetPush = z.infer<typeof DomainSheetPushSchema>;

/** PUT /api/routing/places: a 村（社区） | 所属镇（街道） sheet's data rows, raw cells by key. */
export const PlaceSheetPushSchema = z.object({
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  columns: columnLettersSchema(PLACE_RULE_KEYS).optional(),
  rows: sheetRowsSchema(sheetRowSchema(PLACE_RULE_KEYS, RuleCell), MAX_RULE_ROWS),
});
export type PlaceSheetPush = z.infer<typeof PlaceSheetPushSchema>;

export const RuleIssueSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  key: z.string().describe("domain | department (domain sheet); village | town (place sheet)"),
  code: z.enum(RULE_ISSUE_CODES as [RuleIssueCode, ...RuleIssueCode[]]),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
});
export type RuleIssueView = z.infer<typeof RuleIssueSchema>;

/** The answer to a rule-sheet push. */
export const RuleSheetReceiptSchema = z.object({
  kind: z.enum(RULE_SHEET_KINDS),
  /** false when the sheet had an error: nothing was stored and the version in force is unchanged. */
  stored: z.boolean(),
  /** false when the sheet equals the version in force (stored, but no new version). */
  changed: z.boolean(),
  /** The version in force after this push; null when no sheet of this kind was ever stored. */
  version: z.number().int().nullable(),
  /** Data rows read. */
  rows: z.number().int(),
  /** Domains mapped (domain sheet) or villages listed (place sheet) by the version in force. */
  rules: z.number().int(),
  issues: z.array(RuleIssueSchema),
});
export type RuleSheetReceipt = z.infer<typeof RuleSheetReceiptSchema>;

/** GET /api/routing/rules: what routing uses now. */
export const RoutingRulesSchema = z.object({
  /** Configured units by kind (units are configuration: never a hard-coded district). */
  towns: z.array(z.string()),
  departments: z.array(z.string()),
  /** The centre's own units: an intake row whose unit is one of these (or empty) awaits routing (awaitsRouting). */
  centres: z.array(z.string()),
  domains: z.object({
    /** `default`: DOMAIN §6's map (no sheet pushed yet); `sheet`: the coordinator's sheet, version `version`. */
    source: z.enum(["default", "sheet"]),
    version: z.number().int().nullable(),
    pushedAt: z.string().nullable(),
    map: keyedRecord(DOMAINS, z.string()),
  }),
  places: z.object({
    /** null until a place sheet is pushed: then no village is known and only town names in a place route. */
    version: z.number().int().nullable(),
    pushedAt: z.string().nullable(),
    villages: z.array(z.object({ name: z.string(), town: z.string() })),
  }),
});
export type RoutingRulesView = z.infer<typeof RoutingRulesSchema>;

/** The rules as the pure routeCase takes them. */
export function toRoutingRules(r: RoutingRulesView): RoutingRules {
  return { towns: r.towns, departments: r.departments, domainDepartments: r.domains.map as Partial<Record<Domain, string>>, villages: r.places.villages };
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions (computed on the client; see the top of this file)

export const ROUTING_BASES = ["respondent", "domain", "place"] as const;

/** One intake row's suggestion: `row` is the Excel row; `lead` null = the coordinator must choose. */
export const RoutingSuggestionSchema = z.object({
  row: z.number().int(),
  caseNo: z.string().nullable(),
  lead: z.string().nullable(),
  assist: z.string().nullable(),
  basis: z.enum(ROUTING_BASES).nullable(),
  reason: Bilingual,
});
export type RoutingSuggestion = z.infer<typeof RoutingSuggestionSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Transfers

export const MAX_TRANSFER_CASES = 500;

/** One case to transfer: its intake row as the push sends it, and the (possibly changed) suggestion. */
export const TransferCaseSchema = z.object({
  /** The Excel row of the intake sheet, for messages; optional. */
  row: z.number().int().min(1).max(1_048_576).optional(),
  /** The row's raw cells by ledger column key; the Worker validates them as a push would (unit = the lead). */
  values: keyedRecord(COLUMN_KEYS, CellSchema),
  lead: UnitName,
  assist: UnitName.nullable().default(null),
  /** null when the coordinator chose the lead by hand. */
  basis: z.enum(ROUTING_BASES).nullable().default(null),
  /** The reason as the coordinator confirmed it (the suggestion's zh text, or their own words). */
  reason: z.string().max(1_000).nullable().default(null),
});
export type TransferCase = z.input<typeof TransferCaseSchema>;

/** POST /api/transfers, with an Idempotency-Key header (same key + same body = the same receipt, nothing written again). */
export const TransferRequestSchema = z.object({
  /** The sending unit; default: the one configured unit of kind centre. */
  from: UnitName.optional(),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  columns: columnLettersSchema(COLUMN_KEYS).optional(),
  cases: z.array(TransferCaseSchema).min(1).max(MAX_TRANSFER_CASES),
});
export type TransferRequest = z.input<typeof TransferRequestSchema>;

/**
 * Why a case was not transferred. A case number reaches a lead unit once and leaves a sending unit once, so 签收 never
 * has two cases to choose from and a unit's ledger is never changed behind its clerk's back.
 */
export const TRANSFER_REFUSALS = [
  "invalid_row", // the row has errors (see `issues`); fix the intake sheet
  "unknown_lead", // the lead is not a configured town or department
  "unknown_assist", // the assisting unit is not a configured unit, or is the lead
  "duplicate_case_no", // the same case number twice in this request
  "already_transferred", // this sending unit transferred the case earlier: to another unit, or with other values
  "case_no_taken", // the lead already has a case with this number: live in its ledger, or transferred to it from another unit
  "lead_is_sender", // the lead is the sending unit itself: nothing to transfer
  // a town or department sends a case it holds live in its own ledger, or one still waiting for its own 签收: the unit's
  // clerk deletes it first (its versions are kept), so only the clerk takes a case out of their ledger
  "in_sender_ledger",
] as const;
export type TransferRefusal = (typeof TRANSFER_REFUSALS)[number];

export const TRANSFER_OUTCOMES = ["transferred", "unchanged", "refused"] as const;

export const TransferOutcomeSchema = z.object({
  row: z.number().int().nullable(),
  caseNo: z.string().nullable(),
  outcome: z.enum(TRANSFER_OUTCOMES),
  lead: z.string(),
  assist: z.string().nullable(),
  code: z.enum(TRANSFER_REFUSALS).nullable(),
  message: z.string().nullable(),
  /** The row's issues (errors and warnings), as a push would report them. */
  issues: z.array(IssueSchema),
});
export type TransferOutcome = z.infer<typeof TransferOutcomeSchema>;

export const TransferReceiptSchema = z.object({
  from: z.string(),
  at: z.string(),
  counts: z.object({ transferred: z.number().int(), unchanged: z.number().int(), refused: z.number().int() }),
  cases: z.array(TransferOutcomeSchema),
});
export type TransferReceipt = z.infer<typeof TransferReceiptSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Incoming transfers and receipt (签收), the receiving clerk's side

/**
 * A case's cells as the clerk's ledger would hold them, by column key: dates YYYY-MM-DD, yes/no 是/否, amounts and
 * counts as numbers, other values as text; empty cells left out. Written through the clerk's column mapping and
 * read back, they give the same case (so the clerk's next push is "unchanged").
 */
export const CaseCellsSchema = keyedRecord(COLUMN_KEYS, z.union([z.string(), z.number()]));
export type CaseCells = z.infer<typeof CaseCellsSchema>;

export const IncomingCaseSchema = z.object({
  caseNo: z.string(),
  from: z.string(),
  lead: z.string(),
  assist: z.string().nullable(),
  transferredAt: z.string(),
  /** null until the clerk signs for it (签收). */
  receivedAt: z.string().nullable(),
  basis: z.enum(ROUTING_BASES).nullable(),
  reason: z.string().nullable(),
  values: CaseCellsSchema,
});
export type IncomingCase = z.infer<typeof IncomingCaseSchema>;

/** GET /api/transfers/incoming[?pending=true]: oldest transfer first. */
export const IncomingSchema = z.object({ cases: z.array(IncomingCaseSchema) });
export type Incoming = z.infer<typeof IncomingSchema>;

/** POST /api/transfers/receive */
export const ReceiveRequestSchema = z.object({
  caseNos: z.array(z.string().trim().min(1).max(100)).min(1).max(MAX_TRANSFER_CASES),
  /** The language of a refusal's message. */
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
});
export type ReceiveRequest = z.input<typeof ReceiveRequestSchema>;

/**
 * Why a transfer was not received. `case_no_taken`: the unit holds a different live case under the number (only data
 * stored before a pending transfer blocked the unit's own pushes of its number can be in that state); the clerk
 * deletes their case (its versions are kept) and signs again. The transfer stays pending.
 */
export const RECEIVE_REFUSALS = ["case_no_taken"] as const;

export const ReceiveReceiptSchema = z.object({
  cases: z.array(z.object({
    caseNo: z.string(),
    /**
     * `received` now: the case is live in the unit's ledger with exactly the transferred values; `already_received`
     * earlier (receivedAt is the first receipt's); `refused`: not received (code, message), the transfer still waits.
     */
    outcome: z.enum(["received", "already_received", "refused"]),
    receivedAt: z.string().nullable(),
    code: z.enum(RECEIVE_REFUSALS).nullable(),
    message: z.string().nullable(),
  })),
  /** Case numbers with no transfer to the caller's unit (never said to exist elsewhere). */
  notFound: z.array(z.string()),
});
export type ReceiveReceipt = z.infer<typeof ReceiveReceiptSchema>;
