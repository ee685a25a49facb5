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

function shown(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return typeof v === "string" ? v : String(v);
}

/** What stays the same for every row of one validation run. */
interface RunContext {
  options: RecordOptions;
  locale: Locale;
  today: string;
  units: Set<string> | null;
  unitList: string[];
  mediators: Set<string> | null;
  /** unit → case number → the row it first appeared on. */
  firstRowOfCase: Map<string, Map<string, number>>;
  state: RowState;
}

function label(ctx: RunContext, key: ColumnKey): string {
  const own = ctx.options.labels?.[key];
  if (own) return own;
  return ctx.locale === "en" ? COLUMN_BY_KEY[key].headerEn : COLUMN_BY_KEY[key].header;
}

/** Rows are mostly clean: the issue list is made only for a row that has one, and wording looked up only then. */
function addIssue(
  list: Issue[] | null, ctx: RunContext, row: number, key: ColumnKey, code: IssueCode,
  params: Omit<IssueParams, "header"> = {},
): Issue[] {
  const out = list ?? [];
  out.push({
    row,
    column: ctx.options.columnLetters?.[key] ?? null,
    key,
    code,
    severity: ISSUE_SEVERITY[code],
    message: issueMessage(code, { header: label(ctx, key), ...params }, ctx.locale),
  });
  return out;
}

const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];
const P = Object.fromEntries(PLAN.map((p, i) => [p.col.key, i])) as Record<ColumnKey, number>;

/** Per-row scratch space, reused for every row of a run so clean rows allocate nothing but their result. */
interface RowState {
  row: number;
  issues: Issue[] | null;
  /** One bit per column whose cell could not be read. */
  refused: number;
}

/** Reads and normalises one column of the row; an unreadable cell becomes its issue and reads as null. */
function read(state: RowState, ctx: RunContext, cells: readonly unknown[], at: Int32Array | null, p: number): unknown {
  const { col, normalise, refusal } = PLAN[p];
  const raw = at === null ? cells[p] : at[p] < 0 ? undefined : cells[at[p]];
  const n = normalise(raw);
  if (n.ok) {
    if (n.value === null && col.required) state.issues = addIssue(state.issues, ctx, state.row, col.key, "required");
    return n.value;
  }
  state.refused |= 1 << p;
  if (col.type === "partyId" && typeof raw === "number") {
    state.issues = addIssue(state.issues, ctx, state.row, col.key, refusal, { value: shown(raw), numeric: true });
  } else if (col.type === "yesno") {
    state.issues = addIssue(state.issues, ctx, state.row, col.key, refusal, { value: n.raw, allowed: YES_NO_CHOICES });
  } else {
    state.issues = addIssue(state.issues, ctx, state.row, col.key, refusal, { value: n.raw, allowed: col.choices });
  }
  return null;
}

/**
 * Validates one row. `cells[at[p]]` is the cell of PLAN[p]; `at` null means cells are already in PLAN order.
 * Takes the sheet's row array as it is, so a 100,000-row ledger is not copied cell by cell first.
 */
function validateRow(rowNumber: number, cells: readonly unknown[], at: Int32Array | null, ctx: RunContext): RowResult {
  const st = ctx.state;
  st.row = rowNumber;
  st.issues = null;
  st.refused = 0;
  // One object literal with every key in catalogue order: every case object shares one shape.
  const c = {
    caseNo: read(st, ctx, cells, at, 0), receivedOn: read(st, ctx, cells, at, 1), unit: read(st, ctx, cells, at, 2),
    source: read(st, ctx, cells, at, 3), domain: read(st, ctx, cells, at, 4), stage: read(st, ctx, cells, at, 5),
    mediationType: read(st, ctx, cells, at, 6), applicant: read(st, ctx, cells, at, 7),
    applicantId: read(st, ctx, cells, at, 8), phone: read(st, ctx, cells, at, 9), respondent: read(st, ctx, cells, at, 10),
    summary: read(st, ctx, cells, at, 11), accepted: read(st, ctx, cells, at, 12),
    rejectReason: read(st, ctx, cells, at, 13), mediator: read(st, ctx, cells, at, 14), status: read(st, ctx, cells, at, 15),
    closedOn: read(st, ctx, cells, at, 16), amount: read(st, ctx, cells, at, 17),
    judicialConfirmation: read(st, ctx, cells, at, 18), commitment: read(st, ctx, cells, at, 19),
    commitmentDue: read(st, ctx, cells, at, 20), commitmentMetOn: read(st, ctx, cells, at, 21),
    complexity: read(st, ctx, cells, at, 22), partyCount: read(st, ctx, cells, at, 23), notes: read(st, ctx, cells, at, 24),
  } as Record<ColumnKey, unknown>;
  const refused = (key: ColumnKey) => (st.refused & (1 << P[key])) !== 0;
  const add = (key: ColumnKey, code: IssueCode, params?: Omit<IssueParams, "header">) => {
    st.issues = addIssue(st.issues, ctx, rowNumber, key, code, params);
  };

  if (c.unit === null && ctx.options.defaultUnit) c.unit = ctx.options.defaultUnit;
  if (c.unit === null) {
    if (!refused("unit")) add("unit", "required");
  } else if (ctx.units && !ctx.units.has(c.unit as string)) {
    add("unit", "unknown_unit", { value: c.unit as string, allowed: ctx.unitList });
  }

  const receivedOn = c.receivedOn as string | null;
  for (const key of DATES_NOT_AFTER_TODAY) {
    const d = c[key] as string | null;
    if (d !== null && d > ctx.today) add(key, "future_date", { value: d, today: ctx.today });
  }
  if (receivedOn !== null) {
    for (const key of DATES_NOT_BEFORE_RECEIVED) {
      const d = c[key] as string | null;
      if (d !== null && d < receivedOn) add(key, "date_order", { value: d, other: label(ctx, "receivedOn") });
    }
  }

  if (c.accepted === false) {
    if (c.rejectReason === null && !refused("rejectReason")) add("rejectReason", "reject_reason_missing");
  } else if (c.accepted === true) {
    if (c.mediator === null && !refused("mediator")) add("mediator", "required");
    if (c.status === null && !refused("status")) add("status", "required");
  }

  const status = c.status as string | null;
  if (status !== null && status !== "调解中" && c.closedOn === null && !refused("closedOn")) {
    add("closedOn", "close_date_missing", { value: status, other: label(ctx, "status") });
  } else if (status === "调解中" && c.closedOn !== null) {
    add("closedOn", "close_date_unexpected", { value: c.closedOn as string, other: label(ctx, "status") });
  }
  if (c.commitment !== null && c.commitmentDue === null && !refused("commitmentDue")) {
    add("commitmentDue", "commitment_due_missing", { other: label(ctx, "commitment") });
  }

  if (ctx.mediators && c.mediator !== null) {
    for (const name of (c.mediator as string).split(NAME_SEPARATORS)) {
      if (name && !ctx.mediators.has(name)) add("mediator", "unknown_mediator", { value: name });
    }
  }

  if (c.caseNo !== null && c.unit !== null) {
    // Keyed by the cell strings themselves: no joined key string is made and kept per row.
    let seen = ctx.firstRowOfCase.get(c.unit as string);
    if (seen === undefined) ctx.firstRowOfCase.set(c.unit as string, (seen = new Map()));
    const first = seen.get(c.caseNo as string);
    if (first === undefined) seen.set(c.caseNo as string, rowNumber);
    else add("caseNo", "duplicate_case_no", { value: c.caseNo as string, firstRow: first });
  }

  const issues = st.issues as Issue[] | null;
  const hasError = issues !== null && issues.some((i) => i.severity === "error");
  return { row: rowNumber, case: hasError ? null : (c as unknown as CaseRow), issues: issues ?? NO_ISSUES };
}

const DATES_NOT_AFTER_TODAY = ["receivedOn", "closedOn", "commitmentMetOn"] as const;
const DATES_NOT_BEFORE_RECEIVED = ["closedOn", "commitmentMetOn"] as const;

function runContext(options: RecordOptions): RunContext {
  return {
    options,
    locale: options.locale ?? "zh-CN",
    today: options.today ?? chinaToday(),
    units: options.units ? new Set(options.units) : null,
    unitList: options.units ? [...options.units] : [],
    mediators: options.mediators ? new Set(options.mediators) : null,
    firstRowOfCase: new Map(),
    state: { row: 0, issues: null, refused: 0 },
  };
}

/**
 * Validates rows already split into cells by key. The Worker calls this on every pushed row (it never trusts the
 * add-in), the add-in and the CLI after reading a sheet. Duplicate case numbers are found across `records`.
 */
export function validateRecords(records: readonly RawRecord[], options: RecordOptions = {}): RowResult[] {
  const ctx = runContext(options);
  const cells: unknown[] = new Array(PLAN.length);
  return records.map((rec) => {
    for (let p = 0; p < PLAN.length; p++) cells[p] = rec.values[PLAN[p].col.key];
    return validateRow(rec.row, cells, null, ctx);
  });
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
  const columnLetters: Partial<Record<ColumnKey, string>> = {};
  const labels: Partial<Record<ColumnKey, string>> = {};
  const at = new Int32Array(PLAN.length).fill(-1);
  for (const [key, c] of Object.entries(header.columns) as [ColumnKey, number][]) {
    columnLetters[key] = columnLetter(c);
    at[P[key]] = c;
    const text = header.labels[c];
    if (text) labels[key] = text.replace(/\s+/g, "");
  }
  const ctx = runContext({ ...options, columnLetters, labels });
  const indexes = dataRowIndexes(grid, header);
  const rows: RowResult[] = new Array(indexes.length);
  const issues: Issue[] = [];
  for (let i = 0; i < indexes.length; i++) {
    const r = indexes[i];
    const result = validateRow(r + 1, grid[r], at, ctx);
    rows[i] = result;
    for (const issue of result.issues) issues.push(issue);
  }
  return { header, dataRows: indexes.length, rows, issues };
}
