// A ledger kept in monthly blocks (samples/houlong-2026-blocks.xlsx) read by the pane through the Excel double and by
// the CLI's streaming reader: the same cases, the same rows skipped, the same issues, the same rows to push.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { planLedgerPush } from "../../addin/pane/logic/push-rows.ts";
import { runValidation } from "../../addin/pane/logic/validate.ts";
import { findLedgerSheet } from "../../cli/lib/find-ledger.ts";
import { readWorkbook } from "../../cli/lib/read-workbook.ts";
import { columnLetters, sheetRows } from "../../ledger/api/push-rows.ts";
import type { ColumnKey } from "../../ledger/columns.ts";
import { normaliseDate } from "../../ledger/normalise/date.ts";
import { validateLedger } from "../../ledger/validate.ts";
import { BLOCKS_UNIT, blocksLedger } from "../fixtures/blocks-ledger.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { seedFromXlsx } from "../support/excel-double/seed.ts";

const FILE = path.resolve(import.meta.dirname, "../../samples/houlong-2026-blocks.xlsx");
const TODAY = "2026-11-25";
const g = globalThis as { Office?: unknown };

/** Which Excel the pane runs in: ExcelApi up to 1.`minor` (1.13 lists merged areas). */
function excelApiUpTo(minor: number): void {
  g.Office = { context: { requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= minor } } };
}

afterEach(() => {
  delete g.Office;
});

/** The pane's path: read the active sheet, validate it as the Validate page does, plan the push as the Push page does. */
async function throughThePane() {
  const { state, run } = excelDouble(await seedFromXlsx(FILE));
  const grid = await createExcelWorkbook({ run }).readSheet();
  const validation = runValidation(grid.values, emptyColumnSettings(), { locale: "zh-CN", today: TODAY, defaultUnit: BLOCKS_UNIT, merges: grid.merges })!;
  const plan = planLedgerPush(grid.values, validation, { role: "clerk", locale: "zh-CN", pushId: "p" })!;
  const rows = plan.chunks.flatMap((c) => JSON.parse(new TextDecoder().decode(c.body())).rows);
  const columns = JSON.parse(new TextDecoder().decode(plan.chunks[0].body())).columns;
  return { grid, result: validation.result, rows, columns, recorder: state.recorder };
}

/** The CLI's path: the streaming reader, local validation and the push rows as `tiaojie push` makes them. */
async function throughTheCli() {
  const { sheet, header } = findLedgerSheet(await readWorkbook(FILE));
  const result = validateLedger(sheet.grid, { header, columnPlaces: sheet.columns, locale: "zh-CN", today: TODAY, defaultUnit: BLOCKS_UNIT, merges: sheet.merges })!;
  const rows = sheetRows<ColumnKey>(sheet.grid, header.columns, result.rows.map((r) => r.row));
  return { result, rows, columns: columnLetters<ColumnKey>(header.columns, sheet.columns) };
}

type PushRow = { row: number; values: Record<string, unknown> };
const DATES = ["receivedOn", "closedOn", "commitmentDue", "commitmentMetOn"];
/** Office.js gives a date cell as its serial, the CLI's reader as the day: the server reads both as the same day. */
const sameDates = (rows: PushRow[]) =>
  rows.map((r) => ({ row: r.row, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, DATES.includes(k) ? normaliseDate(v) : v])) }));

const gist = (r: Awaited<ReturnType<typeof throughTheCli>>["result"]) => ({
  rows: r.rows.map((x) => [x.row, x.ok]),
  issues: r.issues,
  skipped: r.skipped,
});

describe("a ledger kept in monthly blocks, in the pane", () => {
  const laid = blocksLedger();

  it("reads the same cases as the CLI from the same workbook, skips the same headings, headers, 小计 and signature rows, and pushes the same rows", async () => {
    excelApiUpTo(13);
    const pane = await throughThePane();
    const cli = await throughTheCli();

    expect(pane.result.rows.map((r) => r.row)).toEqual(laid.caseRows);
    expect(pane.result.issues).toEqual([]);
    expect(pane.result.skipped).toEqual({ ...laid.notCases, below: [], end: laid.notCases!.note[0] });
    expect(gist(pane.result)).toEqual(gist(cli.result));
    expect(sameDates(pane.rows)).toEqual(sameDates(JSON.parse(JSON.stringify(cli.rows))));
    expect(pane.columns).toEqual(cli.columns);
    // 承办单位 written once per block and merged down it still counts for every case of the block.
    const unitOf = new Map(pane.rows.map((r: { row: number; values: { unit: string | null } }) => [r.row, r.values.unit]));
    expect(laid.caseRows.every((row) => unitOf.get(row) === BLOCKS_UNIT)).toBe(true);

    // Still one size sync and one sync per values chunk: the merged areas come with the values they belong to.
    const syncs = pane.recorder.syncs.length;
    expect(syncs).toBe(1 + pane.grid.chunks);
    expect(pane.recorder.reads.filter((r) => r.object === "RangeAreas").map((r) => r.sync)).toEqual(
      pane.recorder.reads.filter((r) => r.object === "Range" && r.properties.includes("values")).map((r) => r.sync),
    );
  });

  it("reads the same cases where Excel cannot list merged areas (ExcelApi below 1.13): headings known by their words, the unit from the clerk", async () => {
    excelApiUpTo(9);
    const pane = await throughThePane();
    const cli = await throughTheCli();

    expect(pane.grid.merges).toBeUndefined();
    expect(gist(pane.result)).toEqual(gist(cli.result));
    // The unit merged down a block is in its first case only; the others are pushed without one and take the clerk's.
    const unitless = pane.rows.filter((r: { values: { unit: string | null } }) => r.values.unit === null).length;
    expect(unitless).toBeGreaterThan(0);
    expect(unitless).toBeLessThan(laid.caseRows.length);
  });
});
