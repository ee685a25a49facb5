// Reading a big .xlsx: `tiaojie validate` and `tiaojie push` of a 100,000-case ledger of 27 columns and of a
// 200,000-case ledger of 40 columns (the largest `tiaojie` promises to read in 400 MB), each run as its own process
// with the streaming reader (cli/lib/stream-workbook.ts) and, in the same run for the 100,000-row ledger, with the
// exceljs whole-workbook reader it replaced (test/support/exceljs-workbook.ts, swapped in by bench/xlsx-old-reader.ts;
// at 200,000 × 40 it would need several GB). Figures: peak resident memory of the process (VmHWM) and wall time.
// `npm run bench -- xlsx`; BENCH_XLSX_ROWS (with BENCH_XLSX_WIDTH) measures one size only, BENCH_XLSX_RUNS the turns.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { recordingServer } from "../test/cli/recording-server.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import { bigLedger } from "../test/fixtures/big-ledger.ts";
import { tiaojieMeasured, type Measured } from "../test/cli/measured-cli.ts";
import { printFigures, type Figure } from "./report.ts";
import { median } from "./stats.ts";

const ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_XLSX_RUNS ?? 2);
/** The ledgers measured: rows × columns. 200,000 × 40 is the largest ledger `tiaojie` promises to read in 400 MB. */
const SIZES: { rows: number; width: number }[] = process.env.BENCH_XLSX_ROWS
  ? [{ rows: ROWS, width: Number(process.env.BENCH_XLSX_WIDTH ?? 27) }]
  : [{ rows: 100_000, width: 27 }, { rows: 200_000, width: 40 }];
const MEMORY_TARGET = 400 * 2 ** 20;
/** A stand-in Worker that accepts every chunk and keeps nothing: only the CLI's own cost is measured. */
const acceptingServer = () => recordingServer({ keep: false });

const OLD = { NODE_OPTIONS: `--import=${path.join(import.meta.dirname, "xlsx-old-reader.ts")}` };

function checked(r: Measured, what: string, says: string): Measured {
  if (r.code !== 0 || !(r.stdout + r.stderr).includes(says)) throw new Error(`${what} exited ${r.code}: ${(r.stdout + r.stderr).slice(0, 600)}`);
  return r;
}

/** Whose whole-workbook baseline still fits this machine: the exceljs reader took 1.1–1.3 GB at 100,000 × 24. */
const WITH_BASELINE = 100_000;

async function measure(rows: number, width: number, server: { url: string }): Promise<Figure[]> {
  const dir = path.join(tmpdir(), "tiaojie-bench-xlsx");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ledger-${rows}x${width}.xlsx`);
  if (!existsSync(file)) await bigLedger(file, rows, width);
  const mb = statSync(file).size / 2 ** 20;
  const validate = ["validate", file, "--unit", "山腰街道", "--today", "2026-11-25"];
  const push = ["push", file, "--url", server.url, "--token", "bench-token"];
  const says = `共 ${rows} 条案件，${rows} 条通过`;
  const pushed = `已推送 ${rows} 行`;
  const old = rows <= WITH_BASELINE;
  const t: Record<string, Measured[]> = { sv: [], ov: [], sp: [], op: [] };
  // In turns, so both readers see the same load on a shared machine.
  for (let k = 0; k < RUNS; k++) {
    t.sv.push(checked(await tiaojieMeasured(validate), "validate (streaming)", says));
    if (old) t.ov.push(checked(await tiaojieMeasured(validate, OLD), "validate (exceljs)", says));
    t.sp.push(checked(await tiaojieMeasured(push), "push (streaming)", pushed));
    if (old) t.op.push(checked(await tiaojieMeasured(push, OLD), "push (exceljs)", pushed));
  }
  const peak = (m: Measured[]) => Math.max(...m.map((x) => x.peakBytes)) / 2 ** 20;
  const secs = (m: Measured[]) => median(m.map((x) => x.ms)) / 1000;
  const what = `${rows.toLocaleString("en-US")} rows × ${width} columns, ${mb.toFixed(1)} MB`;
  const base = (m: Measured[], f: (m: Measured[]) => number) => (old ? { baseline: { name: "exceljs whole-workbook reader", value: f(m) } } : {});
  const figures: Figure[] = [
    { bench: "xlsx", measure: `tiaojie validate, ${what}: peak memory (VmHWM, worst of ${RUNS})`, value: peak(t.sv), unit: "MB", ...base(t.ov, peak), target: "≤ 400 MB", met: peak(t.sv) * 2 ** 20 <= MEMORY_TARGET },
    { bench: "xlsx", measure: `tiaojie push to a stand-in Worker, ${what}: peak memory (VmHWM, worst of ${RUNS})`, value: peak(t.sp), unit: "MB", ...base(t.op, peak), target: "≤ 400 MB", met: peak(t.sp) * 2 ** 20 <= MEMORY_TARGET },
  ];
  if (old) {
    figures.push(
      { bench: "xlsx", measure: `tiaojie validate, ${what}: wall time (median of ${RUNS})`, value: secs(t.sv), unit: "s", ...base(t.ov, secs), target: "no slower than the baseline", met: secs(t.sv) <= secs(t.ov) },
      { bench: "xlsx", measure: `tiaojie push to a stand-in Worker, ${what}: wall time (median of ${RUNS})`, value: secs(t.sp), unit: "s", ...base(t.op, secs), target: "no slower than the baseline", met: secs(t.sp) <= secs(t.op) },
    );
  } else {
    figures.push(
      { bench: "xlsx", measure: `tiaojie validate, ${what}: wall time (median of ${RUNS})`, value: secs(t.sv), unit: "s" },
      { bench: "xlsx", measure: `tiaojie push to a stand-in Worker, ${what}: wall time (median of ${RUNS})`, value: secs(t.sp), unit: "s" },
    );
  }
  return figures;
}

export async function run(): Promise<Figure[]> {
  const server = await acceptingServer();
  try {
    const figures: Figure[] = [];
    for (const { rows, width } of SIZES) figures.push(...(await measure(rows, width, server)));
    return figures;
  } finally {
    await server.close();
  }
}

if (import.meta.main) printFigures(await run());
