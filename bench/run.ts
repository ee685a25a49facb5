// `npm run bench`: every benchmark, each figure printed beside its baseline from the same run.
// `npm run bench -- validate push` runs only those.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { printFigures, type Figure } from "./report.ts";


const ALL = ["validate", "xlsx", "push", "schema", "cpu", "rankings", "mentors", "addin-bundle", "addin-browser", "load", "repeats"];
const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : ALL;

process.stdout.write(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}\n`);
let failed = false;
for (const name of names) {
  const file = path.join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) {
    if (wanted.length) process.stderr.write(`no benchmark named ${name}\n`);
    continue;
  }
  try {
    // A bench whose run() returns its own detail offers figures() for this table.
    const mod = (await import(file)) as { run(): Promise<Figure[]>; figures?: () => Promise<Figure[]> };
    printFigures(await (mod.figures ?? mod.run)());
  } catch (e) {
    failed = true;
    process.stderr.write(`${name}: ${(e as Error).stack ?? e}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
