import { CHOICE_VARIANTS } from "./choices.ts";
import { COLUMNS, MAX_PLACE, columnName, type ColumnKey, type ColumnSpec } from "./columns.ts";
import { tableRows, type SkippedRows } from "./data-rows.ts";
import { FirstSeen } from "./first-seen.ts";
import { detectHeader, type HeaderResult } from "./header.ts";
import { ISSUE_SEVERITY, type IssueCode } from "./issue-codes.ts";
import type { MergedArea } from "./merged-areas.ts";
import { issueMessage, type IssueParams, type Locale } from "./messages.ts";
import { normaliseAmount } from "./normalise/amount.ts";
import { normaliseChoice } from "./normalise/choice.ts";
import { normaliseCount } from "./normalise/count.ts";
import { normaliseDate } from "./normalise/date.ts";
import type { Normalised, Refusal } from "./normalise/result.ts";
import { normaliseText } from "./normalise/text.ts";
import { cleanText } from "./text.ts";
import { normaliseYesNo } from "./normalise/yes-no.ts";
import { normalisePartyId } from "./party-id.ts";
import { normalisePhone } from "./phone.ts";
import { sheetColumnLetter, type ColumnPlaces } from "./sheet-columns.ts";
import type { CaseRow, Issue } from "./schema.ts";
import { todayInChina } from "./clock.ts";

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
  readonly row: number;
  /** False when the row has an error: it must not be stored. */
  readonly ok: boolean;
  /** The row's unit as validated (the clerk's own when the ledger leaves it out), or null. */
  readonly unit: string | null;
  /** The normalised case, or null when the row has an error. */
  readonly case: CaseRow | null;
  readonly issues: Issue[];
}

const REFUSAL_CODE: Record<ColumnSpec["type"], IssueCode> = {
  date: "invalid_date", yesno: "invalid_choice", amount: "invalid_number", count: "invalid_number",
  partyId: "invalid_id", phone: "invalid_phone", text: "required", choice: "invalid_choice",
};

/** The longest text each column may hold (CaseRowSchema's limits); other text columns hold MAX_TEXT. */
const MAX_TEXT = 20_000;
const MAX_LENGTH: Partial<Record<ColumnKey, number>> = { caseNo: 100, unit: 100, mediator: 200, phone: 100, place: MAX_PLACE };

/**
 * The columns in catalogue order, each with the issue an unreadable cell of it gets, the longest text it holds and
 * its choice variants: looked up once here, not per cell.
 */
const PLAN = COLUMNS.map((col) => ({
  col,
  refusal: REFUSAL_CODE[col.type],
  max: MAX_LENGTH[col.key] ?? MAX_TEXT,
  choices: col.choices ?? [],
  variants: CHOICE_VARIANTS[col.key as keyof typeof CHOICE_VARIANTS] ?? {},
}));
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
  /** The row each unit's case number first appeared on. */
  firstRowOfCase: FirstSeen;
}

function label(ctx: RunContext, key: ColumnKey): string {
  const own = ctx.options.labels?.[key];
  if (own) return own;
  return columnName(key, ctx.locale);
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
/** Each column's bit in a row's `refused` mask. */
const BIT = Object.fromEntries(PLAN.map((p, i) => [p.col.key, 1 << i])) as Record<ColumnKey, number>;

/** The rows of one run, column by column: where each row's cells are, and what each column became. */
interface Batch {
  /** Each row's cells, and the column of each PLAN entry in them (-1: the ledger has no such column). */
  cells: readonly (readonly unknown[])[];
  at: Int32Array;
  /** Normalised values, one array per PLAN entry. */
  values: unknown[][];
  /** Per row, bit p set when PLAN[p]'s cell could not be read. */
  refused: Int32Array;
  /** Per row, the column-level issues found while normalising (in PLAN order), or undefined. */
  early: (Issue[] | undefined)[];
}

function refuseCell(b: Batch, ctx: RunContext, i: number, rowNumber: number, p: number, raw: unknown, r: Refusal): void {
  const { col, refusal } = PLAN[p];
  b.refused[i] |= 1 << p;
  const rawText = r.raw;
  const params: Omit<IssueParams, "header"> =
    col.type === "partyId" && typeof raw === "number" ? { value: shown(raw), numeric: true }
    : col.type === "yesno" ? { value: rawText, allowed: YES_NO_CHOICES }
    : r.noSuchDay ? { value: rawText, noSuchDay: r.noSuchDay }
    : { value: rawText, allowed: col.choices };
  b.early[i] = addIssue(b.early[i] ?? null, ctx, rowNumber, col.key, refusal, params);
}

/**
 * Normalises one column for every row. Each case of the switch calls one normaliser from one call site, so the
 * engine can inline it and drop the short-lived result objects; a row-by-row loop over all columns cannot.
 */
function normaliseColumn(b: Batch, ctx: RunContext, rowNumbers: ArrayLike<number>, p: number): void {
  const { col } = PLAN[p];
  const c = b.at[p];
  const n = b.cells.length;
  const out: unknown[] = new Array(n);
  b.values[p] = out;
  if (c < 0) {
    out.fill(null);
    if (col.required) for (let i = 0; i < n; i++) b.early[i] = addIssue(b.early[i] ?? null, ctx, rowNumbers[i], col.key, "required");
    return;
  }
  const { choices, variants } = PLAN[p];
  const cells = b.cells;
  // One loop per normaliser: each call site sees one function, so it can be inlined and its result object elided.
  switch (col.type) {
    case "date": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normaliseDate(cells[i][c])); break;
    case "yesno": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normaliseYesNo(cells[i][c])); break;
    case "amount": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normaliseAmount(cells[i][c])); break;
    case "count": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normaliseCount(cells[i][c])); break;
    case "partyId": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normalisePartyId(cells[i][c])); break;
    case "phone": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normalisePhone(cells[i][c])); break;
    case "choice": for (let i = 0; i < n; i++) take(b, ctx, rowNumbers, p, i, out, cells[i][c], normaliseChoice(cells[i][c], choices, variants)); break;
    case "text": {
      // Most cells are short, non-empty text: kept without a result object; the rest go the general way.
      const max = PLAN[p].max;
      for (let i = 0; i < n; i++) {
        const s = cleanText(cells[i][c]);
        if (s !== "" && s.length <= max) out[i] = s;
        else take(b, ctx, rowNumbers, p, i, out, cells[i][c], normaliseText(cells[i][c]));
      }
      break;
    }
  }
}

function take(b: Batch, ctx: RunContext, rowNumbers: ArrayLike<number>, p: number, i: number, out: unknown[], raw: unknown, r: Normalised<unknown>): void {
  if (r.ok && typeof r.value === "string") {
    const { col: { key }, max } = PLAN[p];
    if (r.value.length > max) {
      // Refused here, on its own row: the Worker's schema would otherwise refuse the whole chunk.
      out[i] = null;
      b.refused[i] |= 1 << p;
      b.early[i] = addIssue(b.early[i] ?? null, ctx, rowNumbers[i], key, "too_long", { length: r.value.length, max });
      return;
    }
  }
  if (r.ok) {
    out[i] = r.value;
    if (r.value === null && PLAN[p].col.required) b.early[i] = addIssue(b.early[i] ?? null, ctx, rowNumbers[i], PLAN[p].col.key, "required");
  } else {
    out[i] = null;
    refuseCell(b, ctx, i, rowNumbers[i], p, raw, r);
  }
}

/** The cross-column rules of one row, over its already normalised values. */
function checkRow(b: Batch, ctx: RunContext, i: number, rowNumber: number): RowResult {
  const v = b.values;
  // Plain locals, not an object: this runs once per row and nothing of it outlives the call.
  const caseNo = v[P.caseNo][i] as string | null;
  let unit = v[P.unit][i] as string | null;
  const accepted = v[P.accepted][i] as boolean | null;
  const mediator = v[P.mediator][i] as string | null;
  const status = v[P.status][i] as string | null;
  let issues: Issue[] | null = b.early[i] ?? null;
  // Bit p set: PLAN[p]'s cell was unreadable and already has its issue; it must not be reported missing too.
  const refused = b.refused[i];
  const today = ctx.today;

  if (unit === null && ctx.options.defaultUnit) unit = ctx.options.defaultUnit;
  if (unit === null) {
    if (!(refused & BIT.unit)) issues = addIssue(issues, ctx, rowNumber, "unit", "required");
  } else if (ctx.units && !ctx.units.has(unit)) {
    issues = addIssue(issues, ctx, rowNumber, "unit", "unknown_unit", { value: unit, allowed: ctx.unitList });
  }

  const receivedOn = v[P.receivedOn][i] as string | null;
  const closedOn = v[P.closedOn][i] as string | null;
  const metOn = v[P.commitmentMetOn][i] as string | null;
  if (receivedOn !== null && receivedOn > today) issues = addIssue(issues, ctx, rowNumber, "receivedOn", "future_date", { value: receivedOn, today });
  if (closedOn !== null && closedOn > today) issues = addIssue(issues, ctx, rowNumber, "closedOn", "future_date", { value: closedOn, today });
  if (metOn !== null && metOn > today) issues = addIssue(issues, ctx, rowNumber, "commitmentMetOn", "future_date", { value: metOn, today });
  if (receivedOn !== null) {
    if (closedOn !== null && closedOn < receivedOn) {
      issues = addIssue(issues, ctx, rowNumber, "closedOn", "date_order", { value: closedOn, other: label(ctx, "receivedOn") });
    }
    if (metOn !== null && metOn < receivedOn) {
      issues = addIssue(issues, ctx, rowNumber, "commitmentMetOn", "date_order", { value: metOn, other: label(ctx, "receivedOn") });
    }
  }

  if (accepted === false) {
    if (v[P.rejectReason][i] === null && !(refused & BIT.rejectReason)) issues = addIssue(issues, ctx, rowNumber, "rejectReason", "reject_reason_missing");
  } else if (accepted === true) {
    if (mediator === null && !(refused & BIT.mediator)) issues = addIssue(issues, ctx, rowNumber, "mediator", "required");
    if (status === null && !(refused & BIT.status)) issues = addIssue(issues, ctx, rowNumber, "status", "required");
  }

  if (status !== null && status !== "调解中" && closedOn === null && !(refused & BIT.closedOn)) {
    issues = addIssue(issues, ctx, rowNumber, "closedOn", "close_date_missing", { value: status, other: label(ctx, "status") });
  } else if (status === "调解中" && closedOn !== null) {
    issues = addIssue(issues, ctx, rowNumber, "closedOn", "close_date_unexpected", { value: closedOn, other: label(ctx, "status") });
  }
  if (v[P.commitment][i] !== null && v[P.commitmentDue][i] === null && !(refused & BIT.commitmentDue)) {
    issues = addIssue(issues, ctx, rowNumber, "commitmentDue", "commitment_due_missing", { other: label(ctx, "commitment") });
  }

  if (ctx.mediators && mediator !== null) {
    for (const name of mediator.split(NAME_SEPARATORS)) {
      if (name && !ctx.mediators.has(name)) issues = addIssue(issues, ctx, rowNumber, "mediator", "unknown_mediator", { value: name });
    }
  }

  if (caseNo !== null && unit !== null) {
    const first = ctx.firstRowOfCase.firstRow(unit, caseNo, rowNumber);
    if (first >= 0) issues = addIssue(issues, ctx, rowNumber, "caseNo", "duplicate_case_no", { value: caseNo, firstRow: first });
  }

  const found = issues as Issue[] | null;
  const hasError = found !== null && found.some((x) => x.severity === "error");
  return new CheckedRow(rowNumber, !hasError, found ?? NO_ISSUES, b.cells[i], b.at, unit);
}

/** One cell as the row's case holds it: the same normalisers as the column loops, one cell at a time. */
function normaliseCell(p: number, raw: unknown): unknown {
  const { col } = PLAN[p];
  let r: Normalised<unknown>;
  switch (col.type) {
    case "date": r = normaliseDate(raw); break;
    case "yesno": r = normaliseYesNo(raw); break;
    case "amount": r = normaliseAmount(raw); break;
    case "count": r = normaliseCount(raw); break;
    case "partyId": r = normalisePartyId(raw); break;
    case "phone": r = normalisePhone(raw); break;
    case "choice": r = normaliseChoice(raw, PLAN[p].choices, PLAN[p].variants); break;
    case "text": r = normaliseText(raw); break;
  }
  return r.ok ? r.value : null;
}

/**
 * A validated row. Its case object is made from the row's own cells when first asked for, by the same normalisers.
 * The Worker asks for every row it stores, 1,000 at a time; `tiaojie validate` and the add-in's highlights need only
 * the issues and `ok`. Keeping 25 normalised columns alive for 100,000 rows instead, until someone might ask, made
 * the garbage collector copy them from generation to generation: a third of the time it took to validate them.
 */
class CheckedRow implements RowResult {
  readonly row: number;
  readonly ok: boolean;
  readonly issues: Issue[];
  readonly unit: string | null;
  #cells: readonly unknown[] | null;
  #at: Int32Array;
  #case: CaseRow | null = null;

  constructor(row: number, ok: boolean, issues: Issue[], cells: readonly unknown[], at: Int32Array, unit: string | null) {
    this.row = row;
    this.ok = ok;
    this.issues = issues;
    this.#cells = ok ? cells : null;
    this.#at = at;
    this.unit = unit;
  }

  get case(): CaseRow | null {
    const cells = this.#cells;
    if (cells === null) return this.#case;
    const v: unknown[] = new Array(PLAN.length);
    for (let p = 0; p < PLAN.length; p++) v[p] = this.#at[p] < 0 ? null : normaliseCell(p, cells[this.#at[p]]);
    // One object literal with every key in catalogue order: every case object shares one shape.
    this.#case = {
      caseNo: v[0], receivedOn: v[1], unit: this.unit, source: v[3], domain: v[4], stage: v[5],
      mediationType: v[6], applicant: v[7], applicantId: v[8], phone: v[9], respondent: v[10],
      summary: v[11], accepted: v[12], rejectReason: v[13], mediator: v[14], status: v[15],
      closedOn: v[16], amount: v[17], judicialConfirmation: v[18], commitment: v[19],
      commitmentDue: v[20], commitmentMetOn: v[21], complexity: v[22], partyCount: v[23], notes: v[24],
      place: v[25],
    } as unknown as CaseRow;
    this.#cells = null;
    return this.#case;
  }

  toJSON(): { row: number; ok: boolean; unit: string | null; case: CaseRow | null; issues: Issue[] } {
    return { row: this.row, ok: this.ok, unit: this.unit, case: this.case, issues: this.issues };
  }
}

function runContext(options: RecordOptions, rowCount: number): RunContext {
  return {
    options,
    locale: options.locale ?? "zh-CN",
    today: options.today ?? todayInChina(),
    units: options.units ? new Set(options.units) : null,
    unitList: options.units ? [...options.units] : [],
    mediators: options.mediators ? new Set(options.mediators) : null,
    firstRowOfCase: new FirstSeen(undefined, rowCount),
  };
}

/**
 * Rows per block: a block's rows stay in the CPU's cache across its 25 column loops, and its column arrays are
 * small and die young.
 */
const BLOCK = 2048;

/** Validates rows given as cell arrays: block by block, normalising column by column, then each row's rules. */
function validateBatch(cells: readonly (readonly unknown[])[], at: Int32Array, rowNumbers: ArrayLike<number>, ctx: RunContext): RowResult[] {
  const results: RowResult[] = new Array(cells.length);
  for (let start = 0; start < cells.length; start += BLOCK) {
    const end = Math.min(cells.length, start + BLOCK);
    const n = end - start;
    const b: Batch = {
      cells: cells.slice(start, end), at, values: new Array(PLAN.length), refused: new Int32Array(n), early: new Array(n),
    };
    const numbers = Array.prototype.slice.call(rowNumbers, start, end) as number[];
    for (let p = 0; p < PLAN.length; p++) normaliseColumn(b, ctx, numbers, p);
    for (let i = 0; i < n; i++) results[start + i] = checkRow(b, ctx, i, numbers[i]);
  }
  return results;
}

const IN_PLAN_ORDER = Int32Array.from(PLAN, (_, p) => p);

/**
 * Validates rows already split into cells by key. The Worker calls this on every pushed row (it never trusts the
 * add-in), the add-in and the CLI after reading a sheet. Duplicate case numbers are found across `records`.
 */
export function validateRecords(records: readonly RawRecord[], options: RecordOptions = {}): RowResult[] {
  const cells = records.map((rec) => PLAN.map(({ col }) => rec.values[col.key]));
  return validateBatch(cells, IN_PLAN_ORDER, records.map((r) => r.row), runContext(options, records.length));
}

export interface LedgerResult {
  header: HeaderResult;
  /** Number of case rows found (blank, total and notes rows excluded). */
  dataRows: number;
  rows: RowResult[];
  issues: Issue[];
  /** The rows under the header that are not cases (headings, the header again, 小计, notes): not validated. */
  skipped: SkippedRows;
}

/**
 * Reads a whole sheet as Excel gives it: finds the header, the case rows, and validates them. `merges`: the sheet's
 * merged areas when the reader could list them, so a row merged across the table is known for a heading.
 */
export function validateLedger(
  grid: readonly (readonly unknown[])[],
  options: ValidateOptions & { header?: HeaderResult; columnPlaces?: ColumnPlaces; merges?: readonly MergedArea[] } = {},
): LedgerResult | null {
  const header = options.header ?? detectHeader(grid);
  if (!header) return null;
  const columnLetters: Partial<Record<ColumnKey, string>> = {};
  const labels: Partial<Record<ColumnKey, string>> = {};
  const at = new Int32Array(PLAN.length).fill(-1);
  for (const [key, c] of Object.entries(header.columns) as [ColumnKey, number][]) {
    columnLetters[key] = sheetColumnLetter(c, options.columnPlaces);
    at[P[key]] = c;
    const text = header.labels[c];
    if (text) labels[key] = text.replace(/\s+/g, "");
  }
  const { data: indexes, skipped } = tableRows(grid, header, options.merges);
  const ctx = runContext({ ...options, columnLetters, labels }, indexes.length);
  const rows = validateBatch(indexes.map((r) => grid[r]), at, indexes.map((r) => r + 1), ctx);
  const issues: Issue[] = [];
  for (let r = 0; r < rows.length; r++) {
    const found = rows[r].issues;
    for (let k = 0; k < found.length; k++) issues.push(found[k]);
  }
  return { header, dataRows: indexes.length, rows, issues, skipped };
}
