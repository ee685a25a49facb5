// Reading a big .xlsx: `tiaojie validate` and `tiaojie push` of a 100,000-case ledger (~11 MB), each run as its own
// process with the streaming reader (cli/lib/stream-workbook.ts) and, in the same run, with the exceljs
// whole-workbook reader it replaced (test/support/exceljs-workbook.ts, swapped in by bench/xlsx-old-reader.ts).
// Figures: peak resident memory of the process (VmHWM) and wall time. `npm run bench -- xlsx`;
// BENCH_XLSX_ROWS and BENCH_XLSX_RUNS change the size and the number of turns.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { recordingServer } from "../test/cli/recording-server.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { generateCases } from "../test/fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS, type LaidOut } from "../test/fixtures/ledger-layout.ts";
import { tiaojieMeasured, type Measured } from "../test/cli/measured-cli.ts";
import { printFigures, type Figure } from "./report.ts";
import { median } from "./stats.ts";

const ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_XLSX_RUNS ?? 2);
const MEMORY_TARGET = 400 * 2 ** 20;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const BLOCK = 50;
/**
 * The usual columns but 序号 and 备注: 100,000 cases of all 26 would be about 2.04 million cells, past the 2,000,000
 * cells `tiaojie` reads (cli/lib/workbook-limits.ts).
 */
const COLUMNS = STANDARD_COLUMNS.filter((c) => c.key !== "seq" && c.key !== "notes");
const UNIT_COLUMN = COLUMNS.findIndex((c) => c.key === "unit");
const DATE_COLUMNS = new Set(COLUMNS.flatMap((c, i) => (["receivedOn", "closedOn", "commitmentDue", "commitmentMetOn"].includes(c.key) ? [i] : [])));

/**
 * A town's ledger as clerks keep it: title and 填报单位 merged across, dates in six forms (the serial ones as real
 * date cells), √/×, 万元, a blank row after every 50 cases, and 承办单位 merged down over each block of 50 (the
 * value only in the block's first cell, as Excel stores it). Written with exceljs's streaming writer, shared strings
 * as Excel writes them.
 */
export async function bigLedger(file: string, rows = ROWS): Promise<string> {
  const cases = generateCases({ seed: 42, count: rows, unit: "山腰街道" });
  const laid = layOut(cases, {
    title: "泉港区山腰街道行政争议调解工作台账（2026年）", info: "填报单位：山腰街道", columns: COLUMNS,
    dateStyle: "mixed", yesNo: ["√", "×"], amountInWan: true, blankEvery: BLOCK, totalRow: true,
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("台账");
  ws.columns = COLUMNS.map(() => ({ width: 14 }));
  const caseRow = new Set(laid.caseRows.map((r) => r - 1));
  const mergesEndingAt = new Map<number, LaidOut["merges"]>();
  for (const m of laid.merges) {
    const end = m.row + (m.rows ?? 1) - 1;
    mergesEndingAt.set(end, [...(mergesEndingAt.get(end) ?? []), m]);
  }
  // Rows stay open until their merged areas are known: the writer cannot merge a row it has written out.
  const pending: ExcelJS.Row[] = [];
  let blockStart = -1;
  const endBlock = (last: number) => {
    if (blockStart >= 0 && last > blockStart) ws.mergeCells(blockStart + 1, UNIT_COLUMN + 1, last + 1, UNIT_COLUMN + 1);
    blockStart = -1;
  };
  laid.grid.forEach((values, r) => {
    const isCase = caseRow.has(r);
    const out = values.map((v, c) => (DATE_COLUMNS.has(c) && typeof v === "number" ? new Date(EXCEL_EPOCH + v * 86_400_000) : v));
    if (isCase && blockStart < 0) blockStart = r;
    else if (isCase) out[UNIT_COLUMN] = null;
    const row = ws.addRow(out);
    out.forEach((v, c) => {
      if (v instanceof Date) row.getCell(c + 1).numFmt = "yyyy-mm-dd";
    });
    pending.push(row);
    for (const m of mergesEndingAt.get(r) ?? []) ws.mergeCells(m.row + 1, m.from + 1, m.row + (m.rows ?? 1), m.to + 1);
    if (!isCase) {
      endBlock(r - 1);
      for (const p of pending.splice(0)) p.commit();
    }
  });
  endBlock(laid.grid.length - 1);
  ws.commit();
  await wb.commit();
  return file;
}

/** A stand-in Worker that accepts every chunk and keeps nothing: only the CLI's own cost is measured. */
const acceptingServer = () => recordingServer({ keep: false });

const OLD = { NODE_OPTIONS: `--import=${path.join(import.meta.dirname, "xlsx-old-reader.ts")}` };

function checked(r: Measured, what: string, says: string): Measured {
  if (r.code !== 0 || !(r.stdout + r.stderr).includes(says)) throw new Error(`${what} exited ${r.code}: ${(r.stdout + r.stderr).slice(0, 600)}`);
  return r;
}

export async function run(): Promise<Figure[]> {
  const dir = path.join(tmpdir(), "tiaojie-bench-xlsx");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ledger-${ROWS}.xlsx`);
  if (!existsSync(file)) await bigLedger(file);
  const mb = statSync(file).size / 2 ** 20;
  const server = await acceptingServer();
  const validate = ["validate", file, "--unit", "山腰街道", "--today", "2026-11-25"];
  const push = ["push", file, "--url", server.url, "--token", "bench-token"];
  const says = `共 ${ROWS} 条案件，${ROWS} 条通过`;
  const pushed = `已推送 ${ROWS} 行`;
  const t: Record<string, Measured[]> = { sv: [], ov: [], sp: [], op: [] };
  try {
    // In turns, so both readers see the same load on a shared machine.
    for (let k = 0; k < RUNS; k++) {
      t.sv.push(checked(await tiaojieMeasured(validate), "validate (streaming)", says));
      t.ov.push(checked(await tiaojieMeasured(validate, OLD), "validate (exceljs)", says));
      t.sp.push(checked(await tiaojieMeasured(push), "push (streaming)", pushed));
      t.op.push(checked(await tiaojieMeasured(push, OLD), "push (exceljs)", pushed));
    }
  } finally {
    await server.close();
  }
  const peak = (m: Measured[]) => Math.max(...m.map((x) => x.peakBytes)) / 2 ** 20;
  const secs = (m: Measured[]) => median(m.map((x) => x.ms)) / 1000;
  const rows = `${ROWS.toLocaleString("en-US")} rows, ${mb.toFixed(1)} MB`;
  return [
    { bench: "xlsx", measure: `tiaojie validate, ${rows}: peak memory (VmHWM, worst of ${RUNS})`, value: peak(t.sv), unit: "MB", baseline: { name: "exceljs whole-workbook reader", value: peak(t.ov) }, target: "≤ 400 MB", met: peak(t.sv) * 2 ** 20 <= MEMORY_TARGET },
    { bench: "xlsx", measure: `tiaojie validate, ${rows}: wall time (median of ${RUNS})`, value: secs(t.sv), unit: "s", baseline: { name: "exceljs whole-workbook reader", value: secs(t.ov) }, target: "no slower than the baseline", met: secs(t.sv) <= secs(t.ov) },
    { bench: "xlsx", measure: `tiaojie push to a stand-in Worker, ${rows}: peak memory (VmHWM, worst of ${RUNS})`, value: peak(t.sp), unit: "MB", baseline: { name: "exceljs whole-workbook reader", value: peak(t.op) }, target: "≤ 400 MB", met: peak(t.sp) * 2 ** 20 <= MEMORY_TARGET },
    { bench: "xlsx", measure: `tiaojie push to a stand-in Worker, ${rows}: wall time (median of ${RUNS})`, value: secs(t.sp), unit: "s", baseline: { name: "exceljs whole-workbook reader", value: secs(t.op) }, target: "no slower than the baseline", met: secs(t.sp) <= secs(t.op) },
  ];
}

if (import.meta.main) printFigures(await run());
