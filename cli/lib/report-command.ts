/**
 * The shape every report command shares (rankings, competition, subsidies, mediators …): read --period (and --as-of
 * where the report has an as-of day), ask the Worker once, then write the workbook (--out), the JSON (--json) or a
 * few lines of text. One place decides what --out and --json together mean: the file is written and the JSON is the
 * only thing printed, so a script can read stdout whatever else it asked for.
 */
import type ExcelJS from "exceljs";
import type { Period } from "../../ledger/period.ts";
import { connection, createClient, type Client } from "./client.ts";
import { commandFailed } from "./command-error.ts";
import { parseOptions } from "./options.ts";
import { asOfOption, periodOption } from "./period-options.ts";

export interface ReportCommand<R> {
  usage: string;
  /** Whether the report counts up to a day (--as-of); reports of a whole period's money do not. */
  asOf: boolean;
  /** A report of one unit takes --unit (a clerk's token may leave it out). */
  unit?: boolean;
  fetch(client: Client, period: Period, asOf: string | undefined, unit: string | undefined): Promise<R>;
  /** What --json prints; the response itself when absent. */
  json?(r: R): unknown;
  text(r: R): string;
  /**
   * The workbook --out writes (built with exceljs, or written whole by `write`, e.g. grids with native charts) and
   * the count that the "wrote" line names; no --out when absent.
   */
  workbook?: ({ build(r: R): ExcelJS.Workbook } | { write(r: R, file: string): Promise<void> }) & { wrote(r: R): string };
}

/** A command's `run` built from its report: exit 0, or the code `commandFailed` gives. */
export function reportCommand<R>(spec: ReportCommand<R>): (args: string[]) => Promise<number> {
  return async (args) => {
    try {
      const { values } = parseOptions(args, {
        period: { type: "string" },
        json: { type: "boolean" },
        url: { type: "string" },
        token: { type: "string" },
        ...(spec.asOf ? { "as-of": { type: "string" } } : {}),
        ...(spec.unit ? { unit: { type: "string" } } : {}),
        ...(spec.workbook ? { out: { type: "string" } } : {}),
      }) as { values: { period?: string; json?: boolean; url?: string; token?: string; "as-of"?: string; out?: string; unit?: string } };
      const period = periodOption(values.period);
      const asOf = asOfOption(values["as-of"]);
      const c = connection(values);
      const r = await spec.fetch(createClient(c.url, c.token), period, asOf, values.unit);
      if (values.out && spec.workbook) {
        if ("write" in spec.workbook) await spec.workbook.write(r, values.out);
        else await spec.workbook.build(r).xlsx.writeFile(values.out);
        if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${spec.workbook.wrote(r)}）\n`);
      }
      if (values.json) process.stdout.write(JSON.stringify(spec.json ? spec.json(r) : r) + "\n");
      else if (!values.out) process.stdout.write(spec.text(r));
      return 0;
    } catch (e) {
      return commandFailed(e, spec.usage);
    }
  };
}
