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
import { parseOptions, UsageError } from "./options.ts";
import { asOfOption, periodOption } from "./period-options.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { letterheadOf, type OfficeLetterhead } from "../../ledger/api/office-profile.ts";

export interface ReportCommand<R> {
  usage: string;
  /** Whether the report counts up to a day (--as-of); reports of a whole period's money do not. */
  asOf: boolean;
  /** A report of one unit takes --unit (a clerk's token may leave it out). */
  unit?: boolean;
  fetch(client: Client, period: Period, asOf: string | undefined, unit: string | undefined): Promise<R>;
  /** What --json prints; the response itself when absent. */
  json?(r: R): unknown;
  text(r: R, o: ReportOutput): string;
  /**
   * The workbook --out writes (built with exceljs, or written whole by `write`, e.g. grids with native charts) and
   * the count that the "wrote" line names; no --out when absent.
   */
  workbook?: ({ build(r: R, o: ReportOutput): ExcelJS.Workbook } | { write(r: R, file: string, o: ReportOutput): Promise<void> }) & { wrote(r: R, o: ReportOutput): string };
}

/** How a report is written: its language (--locale; Chinese unless asked for English) and the day it is filed. */
export interface ReportOutput {
  locale: "zh-CN" | "en";
  filedOn: string;
  /** The office's letterhead (填报单位, 联系人, 联系电话) as the coordinator set it; forms leave lines to fill when absent. */
  office?: OfficeLetterhead;
}

/**
 * The letterhead for a workbook's forms. A Worker that cannot answer (older, or offline for this one read) leaves the
 * lines blank to fill by hand rather than failing a report the office can still print.
 */
export async function letterhead(client: Client): Promise<OfficeLetterhead | undefined> {
  try {
    return letterheadOf(await client.officeProfile());
  } catch {
    return undefined;
  }
}

/** --locale: zh-CN (the default) or en; anything else is a usage error naming both. */
export function localeOption(value: string | undefined): "zh-CN" | "en" {
  if (value === undefined || value === "zh-CN" || value === "zh") return "zh-CN";
  if (value === "en") return "en";
  throw new UsageError(`--locale 须为 zh-CN 或 en：“${value}”`);
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
        locale: { type: "string" },
      }) as { values: { period?: string; json?: boolean; url?: string; token?: string; "as-of"?: string; out?: string; unit?: string; locale?: string } };
      const output: ReportOutput = { locale: localeOption(values.locale), filedOn: todayInChina() };
      const period = periodOption(values.period);
      const asOf = asOfOption(values["as-of"]);
      const c = connection(values);
      const client = createClient(c.url, c.token);
      if (values.out && spec.workbook) output.office = await letterhead(client);
      const r = await spec.fetch(client, period, asOf, values.unit);
      if (values.out && spec.workbook) {
        if ("write" in spec.workbook) await spec.workbook.write(r, values.out, output);
        else await spec.workbook.build(r, output).xlsx.writeFile(values.out);
        if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${spec.workbook.wrote(r, output)}）\n`);
      }
      if (values.json) process.stdout.write(JSON.stringify(spec.json ? spec.json(r) : r) + "\n");
      else if (!values.out) process.stdout.write(spec.text(r, output));
      return 0;
    } catch (e) {
      return commandFailed(e, spec.usage);
    }
  };
}
