// A sheet of the Excel double as a person would open it: written to .xlsx (values, fills, bold header) and, when
// LibreOffice is installed, rendered to PNG next to the screenshots. Only for looking at; nothing asserts on pixels.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { SCREENSHOTS } from "./harness.ts";
import { excel } from "./pane-ui.ts";
import { addCharts, type XlsxChart } from "../../cli/lib/xlsx-charts.ts";
import { parseRect } from "../support/excel-double/address.ts";

/**
 * Writes `sheet` (its first table's range, or without a table its used range with the merges, column widths and bold
 * cells the pane set) to test-output/<name>.xlsx and returns the PNG path, or null without soffice.
 */
export async function renderSheet(page: Page, sheet: string, name: string): Promise<string | null> {
  const tableAddress = (await excel(page, (x, s) => x.tables(s)[0]?.address, sheet)) as string | undefined;
  const size = await excel(page, (x, s) => x.size(s), sheet);
  const laidOut = !tableAddress;
  const address = tableAddress ?? `A1:${colLetter(Math.max(0, size.columns - 1))}${Math.max(1, size.rows)}`;
  const values = await excel(page, (x, a) => x.values(a.sheet, a.address), { sheet, address });
  // Each cell's fill, bold and number format as the pane set them.
  const fills = await excel(page, (x, a) => {
    const out: ({ fill?: string; bold?: boolean; numberFormat?: string } | null)[][] = [];
    const rows = a.rows;
    for (let r = 0; r < rows; r++) {
      const line: ({ fill?: string; bold?: boolean; numberFormat?: string } | null)[] = [];
      for (let c = 0; c < a.cols; c++) {
        const letters = c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));
        line.push(x.format(a.sheet, `${letters}${r + 1}`) ?? null);
      }
      out.push(line);
    }
    return out;
  }, { sheet, rows: values.length, cols: values[0]?.length ?? 0 });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  values.forEach((row, r) => {
    const line = ws.addRow(row.map((v) => (v === null ? "" : v)));
    if (r === 0 && !laidOut) line.font = { bold: true };
    row.forEach((_, c) => {
      const f = fills[r][c];
      const fill = r === 0 && !laidOut ? "#DDEBF7" : f?.fill;
      if (fill) line.getCell(c + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${fill.replace("#", "")}` } };
      if (f?.bold) line.getCell(c + 1).font = { bold: true };
      if (f?.numberFormat && f.numberFormat !== "General") line.getCell(c + 1).numFmt = f.numberFormat;
      if (laidOut) line.getCell(c + 1).alignment = { wrapText: true, vertical: "top" };
    });
  });
  if (laidOut) {
    // As the pane laid it out: its merges and its column widths (points back to Excel's character units).
    for (const m of await excel(page, (x, s) => x.merges(s), sheet)) ws.mergeCells(m);
    const widths = await excel(page, (x, s) => x.columnWidths(s), sheet);
    for (const [c, points] of Object.entries(widths)) ws.getColumn(Number(c) + 1).width = (points / 0.75 - 5) / 7;
  } else {
    ws.columns.forEach((col, c) => {
      const longest = Math.max(...values.map((r) => (typeof r[c] === "number" ? 6 : String(r[c] ?? "").length)));
      col.width = Math.min(60, Math.max(6, longest * 2));
    });
  }
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const dir = path.join(SCREENSHOTS, "..", "sheets");
  mkdirSync(dir, { recursive: true });
  const xlsx = path.join(dir, `${name}.xlsx`);
  // The double's charts, drawn as the same native charts the CLI writes, from the cells they point at.
  const kinds: Record<string, XlsxChart["kind"]> = { Line: "line", BarClustered: "bar", BarStacked: "stackedBar", ColumnClustered: "column", ColumnStacked: "stackedColumn", Pie: "pie" };
  const cellsOf = (r: { r1: number; r2: number; c1: number; c2: number }) =>
    r.r1 === r.r2 ? values[r.r1].slice(r.c1, r.c2 + 1) : values.slice(r.r1, r.r2 + 1).map((row) => row[r.c1]);
  const charts: XlsxChart[] = (await excel(page, (x, s) => x.charts(s), sheet)).filter((c) => kinds[c.type]).map((c) => {
    const x = parseRect(c.series[0]?.xValues ?? "A1")!;
    const pos = parseRect(c.position ?? "A1")!;
    const down = x.r2 > x.r1;
    return {
      kind: kinds[c.type],
      title: c.title ?? "",
      categories: { first: { row: x.r1 + 1, col: x.c1 + 1 }, labels: cellsOf(x).map(String), down },
      series: c.series.map((s) => {
        const v = parseRect(s.values)!;
        const nameCell = down ? { row: v.r1, col: v.c1 + 1 } : { row: v.r1 + 1, col: v.c1 };
        return { name: s.name ?? "", nameCell, first: { row: v.r1 + 1, col: v.c1 + 1 }, down, values: cellsOf(v).map((n) => (typeof n === "number" ? n : null)) };
      }),
      from: { row: pos.r1 + 1, col: pos.c1 + 1 },
      to: { row: pos.r2 + 2, col: pos.c2 + 2 },
      valueAxis: c.valueFormat ? { format: c.valueFormat } : undefined,
    };
  });
  writeFileSync(xlsx, await addCharts(new Uint8Array(await wb.xlsx.writeBuffer()), [{ sheet, charts }]));
  if (!existsSync("/usr/bin/soffice") || !existsSync("/usr/bin/pdftoppm")) return null;
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", xlsx, "--outdir", dir], { stdio: "ignore", timeout: 120_000 });
  execFileSync("pdftoppm", ["-png", "-r", "90", "-f", "1", "-l", "1", path.join(dir, `${name}.pdf`), path.join(dir, name)], { timeout: 60_000 });
  const png = readdirSync(dir).find((f) => f.startsWith(`${name}-`) && f.endsWith(".png"));
  if (!png) return null;
  const target = path.join(SCREENSHOTS, `${name}.png`);
  renameSync(path.join(dir, png), target);
  return target;
}

function colLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
