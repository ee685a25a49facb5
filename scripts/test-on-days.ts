/**
 * Runs the clock-reading tests again on chosen days (CI, after `npm test`): "this year by month", overdue flags and
 * period pickers must hold on 1 January, on 29 February, on 31 December and years ahead, not only on the day CI runs.
 *
 * The clock-reading tests are the test files that import ledger/clock.ts, themselves or through a flow they run (a
 * module in a flows/ folder, shared by one flow's tests over several hosts): their fixtures move with the clock (cases
 * received "ten days ago", "this year"), so no case becomes a future date. The harness also reads the clock, to set
 * the pane's; that alone does not make a test clock-reading. Tests with fixed dates pin their own day
 * and are not run again. Each day is one vitest run with TIAOJIE_TODAY set (ledger/clock.ts); the Worker, the CLI
 * and the pane all take it as today. Each day also runs in another time zone (TZ): the machine's zone must not matter,
 * only China's.
 *
 * Two days run at a time: a day's run waits mostly on its browsers and wrangler, so two share the 2-core machine in
 * ~120 s where one after the other took ~175 s; the four days then fit CI's five minutes. Each day's output is printed
 * whole when it ends, so days do not interleave in the log.
 *
 *   node scripts/test-on-days.ts                   # the four days below
 *   node scripts/test-on-days.ts 2030-02-28 …      # other days
 *   TEST_DAYS_AT_ONCE=1 node scripts/test-on-days.ts   # one day at a time
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** New Year's Day, a leap day, New Year's Eve and a day years ahead. */
export const TEST_DAYS = ["2027-01-01", "2028-02-29", "2026-12-31", "2031-06-15"];
/** A machine time zone per day, from 16 hours behind China to 6 hours ahead of it. */
const TIME_ZONES = ["America/Los_Angeles", "UTC", "Asia/Shanghai", "Pacific/Kiritimati"];

const IMPORTS_CLOCK = /^import [^;]* from "(\.\.\/)+ledger\/clock\.ts";/m;
/** The flows a test file runs: its relative imports of modules in a flows/ folder. */
const FLOW_IMPORT = /^import [^;]* from "(\.{1,2}\/(?:[^"]*\/)?flows\/[^"]+\.ts)";/gm;

/** Test files (relative to the root) that read the product's clock. */
export function clockReadingTests(root: string = ROOT): string[] {
  const readsClock = (file: string): boolean => {
    const text = readFileSync(file, "utf8");
    return IMPORTS_CLOCK.test(text) || [...text.matchAll(FLOW_IMPORT)].some((m) => IMPORTS_CLOCK.test(readFileSync(path.resolve(path.dirname(file), m[1]), "utf8")));
  };
  return readdirSync(path.join(root, "test"), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".test.ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => readsClock(path.join(root, f)))
    .sort();
}

/** One day's run of the files, its output kept to print whole; resolves to whether it passed. */
function runDay(files: string[], day: string, tz: string): Promise<boolean> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--reporter=dot", ...files], {
    cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TIAOJIE_TODAY: day, TZ: tz },
  });
  const output: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => output.push(b));
  child.stderr.on("data", (b: Buffer) => output.push(b));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stdout.write(Buffer.concat(output));
      process.stdout.write(`TIAOJIE_TODAY=${day} TZ=${tz}: ${code === 0 ? "passed" : "FAILED"} in ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

async function main(): Promise<number> {
  const days = process.argv.slice(2).length > 0 ? process.argv.slice(2) : TEST_DAYS;
  const atOnce = Math.max(1, Number(process.env.TEST_DAYS_AT_ONCE ?? 2) || 1);
  const files = clockReadingTests();
  process.stdout.write(`在指定日期重跑读取时钟的测试 Clock-reading tests on chosen days: ${files.length} files × ${days.join(", ")}, ${atOnce} at a time\n`);
  const started = performance.now();
  const failed: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < days.length) {
      const i = next++;
      if (!(await runDay(files, days[i], TIME_ZONES[i % TIME_ZONES.length]))) failed.push(days[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, days.length) }, lane));
  process.stdout.write(`${days.length} 个日期共用时 days took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  if (failed.length > 0) process.stdout.write(`失败的日期 Failed on: ${failed.sort().join(", ")}\n`);
  return failed.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
