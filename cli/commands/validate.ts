import type { ColumnKey } from "../../ledger/columns.ts";
import { pickLocale, skippedRowsMessage } from "../../ledger/messages.ts";
import { sheetColumnLetter } from "../../ledger/sheet-columns.ts";
import { validateLedger } from "../../ledger/validate.ts";
import { findLedgerSheet } from "../lib/find-ledger.ts";
import { parseOptions, splitList, UsageError } from "../lib/options.ts";
import { readWorkbook } from "../lib/read-workbook.ts";
import { commandFailed } from "../lib/command-error.ts";

export const USAGE = "用法 Usage: tiaojie validate FILE.xlsx [--sheet NAME] [--locale zh-CN|en] [--json] [--unit 本单位] [--units A,B] [--mediators 张三,李四]";

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      sheet: { type: "string" },
      locale: { type: "string" },
      json: { type: "boolean" },
      unit: { type: "string" },
      units: { type: "string" },
      mediators: { type: "string" },
      today: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("需要一个 .xlsx 文件 Expected one .xlsx file");
    const locale = pickLocale(values.locale ?? process.env.LANG);
    const { sheet, header } = findLedgerSheet(await readWorkbook(positionals[0], locale), values.sheet);
    const columnLetter = (c: number) => sheetColumnLetter(c, sheet.columns);
    const result = validateLedger(sheet.grid, {
      header,
      columnPlaces: sheet.columns,
      merges: sheet.merges,
      locale,
      today: values.today,
      defaultUnit: values.unit,
      units: splitList(values.units),
      mediators: splitList(values.mediators),
    })!;
    const errors = result.issues.filter((i) => i.severity === "error").length;
    if (values.json) {
      const columns: Partial<Record<ColumnKey, string>> = {};
      for (const [k, c] of Object.entries(header.columns) as [ColumnKey, number][]) columns[k] = columnLetter(c);
      process.stdout.write(
        JSON.stringify({
          sheet: sheet.name,
          headerRow: header.headerRow + 1,
          dataRows: result.dataRows,
          columns,
          unmapped: header.unmapped.map(columnLetter),
          skipped: result.skipped,
          issues: result.issues,
        }) + "\n",
      );
    } else {
      const warnings = result.issues.length - errors;
      const okRows = result.rows.filter((r) => r.ok).length;
      const en = locale === "en";
      process.stdout.write(
        en
          ? `Sheet "${sheet.name}": header at row ${header.headerRow + 1}, ${result.dataRows} case rows, ${okRows} valid, ${errors} errors, ${warnings} warnings.\n`
          : `工作表“${sheet.name}”：表头在第 ${header.headerRow + 1} 行，共 ${result.dataRows} 条案件，${okRows} 条通过，错误 ${errors} 处，提醒 ${warnings} 处。\n`,
      );
      const skipped = skippedRowsMessage(result.skipped, locale);
      if (skipped) process.stdout.write(`${skipped}\n`);
      if (header.unmapped.length) {
        const cols = header.unmapped.map((c) => `${columnLetter(c)}「${header.labels[c]}」`).join(en ? ", " : "、");
        process.stdout.write(en ? `Columns not used: ${cols}\n` : `未识别的列：${cols}\n`);
      }
      for (const i of result.issues) {
        const mark = i.severity === "error" ? "✗" : "!";
        const col = header.columns[i.key];
        const label = col === undefined ? i.key : header.labels[col].replace(/\s+/g, "");
        process.stdout.write(`${mark} ${i.column ?? ""}${i.row} ${label}: ${i.message}\n`);
      }
    }
    return errors > 0 ? 1 : 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
