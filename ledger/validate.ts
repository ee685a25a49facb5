import { CHOICE_VARIANTS } from "./choices.ts";
import { COLUMNS, COLUMN_BY_KEY, columnLetter, type ColumnKey, type ColumnSpec } from "./columns.ts";
import { dataRowIndexes } from "./data-rows.ts";
import { detectHeader, type HeaderResult } from "./header.ts";
import { ISSUE_SEVERITY, type IssueCode } from "./issue-codes.ts";
import { issueMessage, type IssueParams, type Locale } from "./messages.ts";
import { normaliseAmount } from "./normalise/amount.ts";
import { normaliseChoice } from "./normalise/choice.ts";
import { normaliseCount } from "./normalise/count.ts";
import { normaliseDate } from "./normalise/date.ts";
import type { Normalised } from "./normalise/result.ts";
import { normaliseText } from "./normalise/text.ts";
import { normaliseYesNo } from "./normalise/yes-no.ts";
import { normalisePartyId } from "./party-id.ts";
import { normalisePhone } from "./phone.ts";
import type { CaseRow, Issue } from "./schema.ts";

export interface ValidateOptions {
  locale?: Locale;
  /** "YYYY-MM-DD"; dates after it are future_date. Defaults to today in China (UTC+8). */
  today?: string;
  /** Configured units; when given, a unit outside it is unknown_unit. Offline validation may not know them. */
  units?: readonly string[];
  /** The mediator roster's names; when given, other names are unknown_mediator. */
  mediators?: readonly string[];
  /** The clerk's own unit, used where the ledger has no unit column or leaves it empty. */
  defaultUnit?: string;
}

/** One row to validate: its Excel row number and its cells by canonical key. */
export interface RawRecord {
  row: number;
  values: Partial<Record<ColumnKey, unknown>>;
}

export interface RecordOptions extends ValidateOptions {
  /** Column letters to report issues at; without them issues carry column null. */
  columnLetters?: Partial<Record<ColumnKey, string>>;
  /** Column names as the clerk's ledger writes them, for messages. */
  labels?: Partial<Record<ColumnKey, string>>;
}

export interface RowResult {
  row: number;
  /** The normalised case, or null when the row has an error (it must not be stored). */
  case: CaseRow | null;
  issues: Issue[];
}

export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

type Normaliser = (v: unknown) => Normalised<unknown>;

function normaliserFor(col: ColumnSpec): Normaliser {
  switch (col.type) {
    case "date": return normaliseDate;
    case "yesno": return normaliseYesNo;
    case "amount": return normaliseAmount;
    case "count": return normaliseCount;
    case "partyId": return normalisePartyId;
    case "phone": return normalisePhone;
    case "text": return normaliseText;
    case "choice": {
      const choices = col.choices ?? [];
      const variants = CHOICE_VARIANTS[col.key as keyof typeof CHOICE_VARIANTS] ?? {};
      return (v) => normaliseChoice(v, choices, variants);
    }
  }
}

const REFUSAL_CODE: Record<ColumnSpec["type"], IssueCode> = {
  date: "invalid_date", yesno: "invalid_choice", amount: "invalid_number", count: "invalid_number",
  partyId: "invalid_id", phone: "invalid_phone", text: "required", choice: "invalid_choice",
};

const PLAN = COLUMNS.map((col) => ({ col, normalise: normaliserFor(col), refusal: REFUSAL_CODE[col.type] }));
const YES_NO_CHOICES = ["是", "否"] as const;
const NAME_SEPARATORS = /[、,，;；/\s]+/;

/** Collects a row's issues; wording is looked up only for the issues there are. */
class RowIssues {
  readonly list: Issue[] = [];
  errors = 0;
  private readonly row: number;
  private readonly options: RecordOptions;
  private readonly locale: Locale;
  constructor(row: number, options: RecordOptions) {
    this.row = row;
    this.options = options;
    this.locale = options.locale ?? "zh-CN";
  }

  label(key: ColumnKey): string {
    const own = this.options.labels?.[key];
    if (own) return own;
    return this.locale === "en" ? COLUMN_BY_KEY[key].headerEn : COLUMN_BY_KEY[key].header;
  }

  add(key: ColumnKey, code: IssueCode, params: Omit<IssueParams, "header"> = {}): void {
    const severity = ISSUE_SEVERITY[code];
    if (severity === "error") this.errors++;
    this.list.push({
      row: this.row,
      column: this.options.columnLetters?.[key] ?? null,
      key,
      code,
      severity,
      message: issueMessage(code, { header: this.label(key), ...params }, this.locale),
    });
  }
}

function shown(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return typeof v === "string" ? v : String(v);
}

/**
 * Validates rows already split into cells by key. The Worker calls this on every pushed row (it never trusts the
 * add-in), the add-in and the CLI after reading a sheet. Duplicate case numbers are found across `records`.
 */
export function validateRecords(records: readonly RawRecord[], options: RecordOptions = {}): RowResult[] {
  const today = options.today ?? chinaToday();
  const units = options.units ? new Set(options.units) : null;
  const mediators = options.mediators ? new Set(options.mediators) : null;
  const firstRowOfCase = new Map<string, number>();
  const results: RowResult[] = new Array(records.length);

  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const issues = new RowIssues(rec.row, options);
    const out: Record<string, unknown> = {};
    const vals = rec.values;
    // A cell we could not read already has its issue; it must not also be reported as missing.
    const refused: Partial<Record<ColumnKey, true>> = {};

    for (const { col, normalise, refusal } of PLAN) {
      const raw = vals[col.key];
      const n = normalise(raw);
      if (n.ok) {
        out[col.key] = n.value;
        if (n.value === null && col.required) issues.add(col.key, "required");
      } else {
        out[col.key] = null;
        refused[col.key] = true;
        if (col.type === "partyId" && typeof raw === "number") issues.add(col.key, refusal, { value: shown(raw), numeric: true });
        else if (col.type === "yesno") issues.add(col.key, refusal, { value: n.raw, allowed: YES_NO_CHOICES });
        else issues.add(col.key, refusal, { value: n.raw, allowed: col.choices });
      }
    }

    if (out.unit === null && options.defaultUnit) out.unit = options.defaultUnit;
    if (out.unit === null) issues.add("unit", "required");
    else if (units && !units.has(out.unit as string)) issues.add("unit", "unknown_unit", { value: out.unit as string, allowed: [...units] });

    const receivedOn = out.receivedOn as string | null;
    for (const key of ["receivedOn", "closedOn", "commitmentMetOn"] as const) {
      const d = out[key] as string | null;
      if (d && d > today) issues.add(key, "future_date", { value: d, today });
    }
    if (receivedOn) {
      for (const key of ["closedOn", "commitmentMetOn"] as const) {
        const d = out[key] as string | null;
        if (d && d < receivedOn) issues.add(key, "date_order", { value: d, other: issues.label("receivedOn") });
      }
    }

    if (out.accepted === false) {
      if (out.rejectReason === null && !refused.rejectReason) issues.add("rejectReason", "reject_reason_missing");
    } else if (out.accepted === true) {
      if (out.mediator === null && !refused.mediator) issues.add("mediator", "required");
      if (out.status === null && !refused.status) issues.add("status", "required");
    }

    const status = out.status as string | null;
    if (status && status !== "调解中" && out.closedOn === null && !refused.closedOn) {
      issues.add("closedOn", "close_date_missing", { value: status, other: issues.label("status") });
    } else if (status === "调解中" && out.closedOn !== null) {
      issues.add("closedOn", "close_date_unexpected", { value: out.closedOn as string, other: issues.label("status") });
    }
    if (out.commitment !== null && out.commitmentDue === null && !refused.commitmentDue) {
      issues.add("commitmentDue", "commitment_due_missing", { other: issues.label("commitment") });
    }

    if (mediators && out.mediator) {
      for (const name of (out.mediator as string).split(NAME_SEPARATORS)) {
        if (name && !mediators.has(name)) issues.add("mediator", "unknown_mediator", { value: name });
      }
    }

    if (out.caseNo !== null && out.unit !== null) {
      const k = `${out.unit}\u0000${out.caseNo}`;
      const first = firstRowOfCase.get(k);
      if (first === undefined) firstRowOfCase.set(k, rec.row);
      else issues.add("caseNo", "duplicate_case_no", { value: out.caseNo as string, firstRow: first });
    }

    results[i] = { row: rec.row, case: issues.errors === 0 ? (out as CaseRow) : null, issues: issues.list };
  }
  return results;
}

export interface LedgerResult {
  header: HeaderResult;
  /** Number of case rows found (blank, total and notes rows excluded). */
  dataRows: number;
  rows: RowResult[];
  issues: Issue[];
}

/** Reads a whole sheet as Excel gives it: finds the header, the case rows, and validates them. */
export function validateLedger(
  grid: readonly (readonly unknown[])[],
  options: ValidateOptions & { header?: HeaderResult } = {},
): LedgerResult | null {
  const header = options.header ?? detectHeader(grid);
  if (!header) return null;
  const entries = Object.entries(header.columns) as [ColumnKey, number][];
  const columnLetters: Partial<Record<ColumnKey, string>> = {};
  const labels: Partial<Record<ColumnKey, string>> = {};
  for (const [key, c] of entries) {
    columnLetters[key] = columnLetter(c);
    const label = header.labels[c];
    if (label) labels[key] = label.replace(/\s+/g, "");
  }
  const records: RawRecord[] = dataRowIndexes(grid, header).map((r) => {
    const row = grid[r];
    const values: Partial<Record<ColumnKey, unknown>> = {};
    for (const [key, c] of entries) values[key] = row[c];
    return { row: r + 1, values };
  });
  const rows = validateRecords(records, { ...options, columnLetters, labels });
  const issues: Issue[] = [];
  for (const r of rows) for (const issue of r.issues) issues.push(issue);
  return { header, dataRows: records.length, rows, issues };
}
