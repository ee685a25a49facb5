/**
 * 转入案件 / 签收: the cases the coordinator transferred to the clerk's unit, appended as new rows at the bottom of the
 * clerk's own ledger through the clerk's column mapping, exactly once, and then signed for.
 */
import { COLUMNS, columnName, type ColumnKey } from "../../../ledger/columns.ts";
import { dataRowIndexes } from "../../../ledger/data-rows.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { cleanText } from "../../../ledger/text.ts";
import type { ApiClient } from "../../../ledger/api/client.ts";
import { MAX_TRANSFER_CASES, type IncomingCase, type ReceiveReceipt } from "../../../ledger/api/routing.ts";
import type { CellValue } from "../../hosts/ledger-workbook.ts";
import type { ActiveSheet, RoutingWorkbook } from "../../hosts/routing-workbook.ts";
import { COLUMN_SETTINGS_KEY, detectWithSettings, readColumnSettings, type ColumnSettings } from "./columns.ts";

export interface AppendPlan {
  sheetName: string;
  /** Excel row (1-based) of the first new row: right below the last row the sheet uses. */
  firstRow: number;
  rows: CellValue[][];
  /** The cases the new rows hold, in row order. */
  append: IncomingCase[];
  /** Cases whose number the ledger already has: not appended again (a second click, or a crash before 签收). */
  already: string[];
  /** Fields some case has a value for that the ledger has no column for (the clerk can add the column and map it). */
  unmapped: ColumnKey[];
  /** Those values, case by case, so the clerk can type them in. */
  unmappedValues: { caseNo: string; key: ColumnKey; value: string | number }[];
}

export class NoLedgerError extends Error {
  readonly reason: "header" | "caseNo";
  constructor(reason: "header" | "caseNo") {
    super(reason === "header" ? "no ledger header on the active sheet" : "the ledger has no 案件编号 column");
    this.name = "NoLedgerError";
    this.reason = reason;
  }
}

const ORDER: readonly ColumnKey[] = COLUMNS.map((col) => col.key);

/** Headers a ledger's running number goes under (序号, 序 号, No.): not a field of the case, so no column key. */
const SERIAL_HEADER = /^(序号|序|编序|No\.?)$/i;

/**
 * The ledger's 序号 column (not mapped to any field) and the highest number in it among the case rows, so received
 * cases carry on from it. A cell that is not a whole number (“一”, “3-1”) does not count.
 */
function serialColumn(values: readonly (readonly unknown[])[], header: NonNullable<ReturnType<typeof detectWithSettings>>, rows: readonly number[]): { column: number; highest: number } | null {
  const mapped = new Set(Object.values(header.columns));
  const column = header.labels.findIndex((label, c) => !mapped.has(c) && SERIAL_HEADER.test(cleanText(label).split("/").pop()!.replace(/\s+/g, "")));
  if (column === -1) return null;
  let highest = 0;
  for (const r of rows) {
    const v = values[r]?.[column];
    const n = typeof v === "number" ? v : /^\d+$/.test(cleanText(v)) ? Number(cleanText(v)) : NaN;
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return { column, highest };
}

/** The new rows for `cases` not yet in the ledger, each value in the column the clerk's mapping gives its key. */
export function planAppend(sheet: ActiveSheet, settings: ColumnSettings, cases: readonly IncomingCase[]): AppendPlan {
  const header = detectWithSettings(sheet.values, settings);
  if (!header) throw new NoLedgerError("header");
  const caseCol = header.columns.caseNo;
  if (caseCol === undefined) throw new NoLedgerError("caseNo");
  const dataRows = dataRowIndexes(sheet.values, header);
  const have = new Set(dataRows.map((r) => cleanText(sheet.values[r]?.[caseCol])).filter(Boolean));
  const serial = serialColumn(sheet.values, header, dataRows);
  const rows: CellValue[][] = [];
  const append: IncomingCase[] = [];
  const already: string[] = [];
  const unmapped = new Set<ColumnKey>();
  const unmappedValues: AppendPlan["unmappedValues"] = [];
  for (const c of cases) {
    const caseNo = cleanText(c.caseNo);
    if (have.has(caseNo)) {
      already.push(c.caseNo);
      continue;
    }
    have.add(caseNo);
    const row: CellValue[] = [];
    for (const key of ORDER) {
      const value = c.values[key];
      if (value === undefined) continue;
      const col = header.columns[key];
      if (col === undefined) {
        unmapped.add(key);
        unmappedValues.push({ caseNo: c.caseNo, key, value });
        continue;
      }
      while (row.length < col) row.push(null);
      row[col] = value;
    }
    // The next 序号 after the ledger's highest, in a new row's empty cell: never over a value the case brought.
    if (serial && (row[serial.column] ?? null) === null) {
      while (row.length < serial.column) row.push(null);
      row[serial.column] = serial.highest + rows.length + 1;
    }
    rows.push(row);
    append.push(c);
  }
  return {
    sheetName: sheet.sheetName,
    firstRow: sheet.values.length + 1,
    rows,
    append,
    already,
    unmapped: ORDER.filter((k) => unmapped.has(k)),
    unmappedValues,
  };
}

export interface ReceiveResult {
  plan: AppendPlan;
  /** Excel rows the new cases went to, or null when nothing was appended. */
  appendedRows: [number, number] | null;
  receipt: ReceiveReceipt | null;
}

/** A long list would bury the message: the first ones, then how many more. */
const SHOW_VALUES = 20;

/** The fields the ledger has no column for, and their values case by case ("ZX-102 纠纷发生地“涂岭镇”"). */
export function unmappedText(plan: Pick<AppendPlan, "unmapped" | "unmappedValues">, locale: Locale): { fields: string; values: string } {
  const en = locale === "en";
  const fields = plan.unmapped.map((k) => columnName(k, locale)).join(en ? ", " : "、");
  const shown = plan.unmappedValues.slice(0, SHOW_VALUES).map((u) => (en ? `${u.caseNo} ${columnName(u.key, locale)} “${u.value}”` : `${u.caseNo} ${columnName(u.key, locale)}“${u.value}”`));
  const more = plan.unmappedValues.length - shown.length;
  const values = shown.join(en ? "; " : "；") + (more > 0 ? (en ? `; and ${more} more` : `；另有 ${more} 项`) : "");
  return { fields, values };
}

/**
 * 签收 of the pending transfers into the active sheet (the clerk's ledger). Clicked twice, the second click waits for
 * the first and then finds the cases in the ledger: each case is appended once.
 */
export class Receiver {
  private running: Promise<ReceiveResult> | null = null;

  private readonly deps: { workbook: RoutingWorkbook; client: ApiClient };
  constructor(deps: { workbook: RoutingWorkbook; client: ApiClient }) {
    this.deps = deps;
  }

  receive(cases: readonly IncomingCase[]): Promise<ReceiveResult> {
    const previous = this.running;
    const next = (async () => {
      await previous?.catch(() => undefined);
      return this.once(cases);
    })();
    this.running = next;
    return next;
  }

  private async once(cases: readonly IncomingCase[]): Promise<ReceiveResult> {
    const pending = cases.filter((c) => c.receivedAt === null);
    const sheet = await this.deps.workbook.readActive(COLUMN_SETTINGS_KEY);
    const plan = planAppend(sheet, readColumnSettings(sheet.setting), pending);
    let appendedRows: [number, number] | null = null;
    if (plan.rows.length > 0) appendedRows = [plan.firstRow, await this.deps.workbook.appendRows(plan.sheetName, plan.firstRow, plan.rows)];
    // Rows first, receipt second. A crash in between leaves cases in the ledger but not signed for: they stay in the
    // list, and the next 签收 finds their numbers in the ledger, appends nothing and records the receipt. The other
    // order could lose a case: signed for (no longer pending) but never written to the ledger.
    const caseNos = [...plan.append.map((c) => c.caseNo), ...plan.already];
    let receipt: ReceiveReceipt | null = null;
    for (let i = 0; i < caseNos.length; i += MAX_TRANSFER_CASES) {
      const part = await this.deps.client.receiveTransfers(caseNos.slice(i, i + MAX_TRANSFER_CASES));
      receipt = receipt ? { cases: [...receipt.cases, ...part.cases], notFound: [...receipt.notFound, ...part.notFound] } : part;
    }
    return { plan, appendedRows, receipt };
  }
}
