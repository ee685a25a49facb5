// A sheet of the Excel double as a person would open it: written to .xlsx (values, fills, bold header) and, when
// LibreOffice is installed, rendered to PNG next to the screenshots. Only for looking at; nothing asserts on pixels.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { SCREENSHOTS } from "./harness.ts";
import { excel } from "./pane-ui.ts";
import { addLineCharts, type LineChart } from "../../cli/lib/xlsx-line-chart.ts";
import { parseRect } from "../support/excel-double/address.ts";

/** Writes `sheet` (its first table's range) to test-output/<name>.xlsx and returns the PNG path, or null without soffice. */
export async function renderSheet(page: Page, sheet: string, name: string): Promise<string | null> {
  const address = (await excel(page, (x, s) => x.tables(s)[0]?.address, sheet)) as string | undefined;
  if (!address) throw new Error(`no table on ${sheet}`);
  const values = await excel(page, (x, a) => x.values(a.sheet, a.address), { sheet, address });
  // Fill and number format of each cell ("0.0%" shows 0.9067 as 90.7%, as Excel would).
  const formats = await excel(page, (x, a) => {
    const out: { fill: string | null; numberFormat: string | null }[][] = [];
    const column = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : column(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));
    for (let r = 0; r < a.rows; r++) {
      const line: { fill: string | null; numberFormat: string | null }[] = [];
      for (let c = 0; c < a.cols; c++) {
        const f = x.format(a.sheet, `${column(c)}${r + 1}`);
        line.push({ fill: f.fill ?? null, numberFormat: f.numberFormat ?? null });
      }
      out.push(line);
    }
    return out;
  }, { sheet, rows: values.length, cols: values[0]?.length ?? 0 });
  const fills = formats.map((line) => line.map((f) => f.fill));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  values.forEach((row, r) => {
    const line = ws.addRow(row.map((v) => (v === null ? "" : v)));
    if (r === 0) line.font = { bold: true };
    row.forEach((_, c) => {
      const fill = r === 0 ? "#DDEBF7" : fills[r][c];
      if (fill) line.getCell(c + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${fill.replace("#", "")}` } };
      const numFmt = r === 0 ? null : formats[r][c].numberFormat;
      if (numFmt && numFmt !== "General") line.getCell(c + 1).numFmt = numFmt;
    });
  });
  ws.columns.forEach((col, c) => {
    const longest = Math.max(...values.map((r) => (typeof r[c] === "number" ? 6 : String(r[c] ?? "").length)));
    col.width = Math.min(60, Math.max(6, longest * 2));
  });
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const dir = path.join(SCREENSHOTS, "..", "sheets");
  mkdirSync(dir, { recursive: true });
  const xlsx = path.join(dir, `${name}.xlsx`);
  // The double's line charts, drawn as the same native charts the CLI writes, from the cells they point at.
  const charts: LineChart[] = (await excel(page, (x, s) => x.charts(s), sheet)).filter((c) => c.type === "Line").map((c) => {
    const x = parseRect(c.series[0]?.xValues ?? "A1")!;
    const pos = parseRect(c.position ?? "A1")!;
    return {
      title: c.title ?? "",
      categories: { first: { row: x.r1 + 1, col: x.c1 + 1 }, labels: values[x.r1].slice(x.c1, x.c2 + 1).map(String) },
      series: c.series.map((s) => {
        const v = parseRect(s.values)!;
        return { name: s.name ?? "", nameCell: { row: v.r1 + 1, col: v.c1 }, first: { row: v.r1 + 1, col: v.c1 + 1 }, values: values[v.r1].slice(v.c1, v.c2 + 1).map((n) => (typeof n === "number" ? n : null)) };
      }),
      from: { row: pos.r1 + 1, col: pos.c1 + 1 },
      to: { row: pos.r2 + 2, col: pos.c2 + 2 },
    };
  });
  writeFileSync(xlsx, await addLineCharts(new Uint8Array(await wb.xlsx.writeBuffer()), sheet, charts));
  if (!existsSync("/usr/bin/soffice") || !existsSync("/usr/bin/pdftoppm")) return null;
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", xlsx, "--outdir", dir], { stdio: "ignore", timeout: 120_000 });
  execFileSync("pdftoppm", ["-png", "-r", "90", "-f", "1", "-l", "1", path.join(dir, `${name}.pdf`), path.join(dir, name)], { timeout: 60_000 });
  const png = readdirSync(dir).find((f) => f.startsWith(`${name}-`) && f.endsWith(".png"));
  if (!png) return null;
  const target = path.join(SCREENSHOTS, `${name}.png`);
  renameSync(path.join(dir, png), target);
  return target;
}
