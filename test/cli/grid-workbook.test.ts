// Report layouts with native charts, written by the CLI: each chart part points at the cells it draws (so an edited
// figure redraws), caches their values (so a reader that does not recalculate draws it as written), and the file
// opens in LibreOffice with every sheet printed.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grid, GridCell } from "../../ledger/reports/grid.ts";
import { gridWorkbookBytes } from "../../cli/lib/grid-workbook.ts";

const run = promisify(execFile);
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tiaojie-grid-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const c = (v: string | number | null, style: GridCell["style"] = "cell"): GridCell => ({ v, style });

/** Units down the left, two counts and a rate across; a bar chart of the counts, a pie of the first count. */
function unitsGrid(): Grid {
  return {
    name: "按单位 By unit",
    rows: [
      [c("法院委派案件结果", "title")],
      [c("单位", "header"), c("成功", "header"), c("不成功", "header"), c("成功率", "header")],
      [c("山腰街道"), c(12), c(3), { v: 0.8, style: "cell", format: "0.0%" }],
      [c("峰尾镇"), c(5), c(5), { v: 0.5, style: "cell", format: "0.0%" }],
      [c("区人社局"), c(0), c(2), { v: 0, style: "cell", format: "0.0%" }],
    ],
    merges: [{ row: 0, col: 0, rows: 1, cols: 4 }],
    widths: [14, 10, 10, 10],
    charts: [
      { kind: "bar", title: "结果 Outcomes", headerRow: 1, firstRow: 2, lastRow: 4, labelCol: 0, firstValueCol: 1, lastValueCol: 2, seriesIn: "columns", at: { row: 6, col: 0, rows: 14, cols: 6 } },
      { kind: "column", title: "成功率 Success rate", headerRow: 1, firstRow: 2, lastRow: 4, labelCol: 0, firstValueCol: 3, lastValueCol: 3, seriesIn: "columns", at: { row: 21, col: 0, rows: 14, cols: 6 }, valueFormat: "0%" },
      { kind: "pie", title: "成功案件分布", headerRow: 1, firstRow: 2, lastRow: 4, labelCol: 0, firstValueCol: 1, lastValueCol: 1, seriesIn: "columns", at: { row: 36, col: 0, rows: 14, cols: 6 } },
    ],
  };
}

/** Months across, one row per source: a line per row. */
function trendGrid(): Grid {
  return {
    name: "月度趋势",
    rows: [
      [c("来源", "header"), c("2026-04", "header"), c("2026-05", "header"), c("2026-06", "header")],
      [c("法院委派（诉前）"), c(4), c(null), c(7)],
      [c("群众申请"), c(9), c(8), c(11)],
    ],
    merges: [],
    widths: [18, 10, 10, 10],
    charts: [{ kind: "line", title: "受理趋势", headerRow: 0, firstRow: 1, lastRow: 2, labelCol: 0, firstValueCol: 1, lastValueCol: 3, seriesIn: "rows", at: { row: 4, col: 0, rows: 14, cols: 6 } }],
    page: { orientation: "portrait" },
  };
}

async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir && (n.startsWith("xl/charts/") || n.startsWith("xl/worksheets/sheet")))) out[name] = await zip.file(name)!.async("string");
  return out;
}

describe("a workbook of laid-out sheets with charts", () => {
  it("gives every sheet its own charts, each pointing at the cells it draws with their values cached", async () => {
    const bytes = await gridWorkbookBytes([unitsGrid(), trendGrid()]);
    const p = await parts(bytes);
    const charts = Object.keys(p).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort();
    expect(charts).toHaveLength(4);
    const all = charts.map((n) => p[n]);
    const bar = all.find((x) => x.includes('<c:barDir val="bar"/>'))!;
    // One series per value column (成功, 不成功), the units as categories, down the sheet.
    expect(bar.match(/<c:ser>/g)).toHaveLength(2);
    expect(bar).toContain("<c:f>'按单位 By unit'!$B$3:$B$5</c:f>");
    expect(bar).toContain("<c:f>'按单位 By unit'!$A$3:$A$5</c:f>");
    expect(bar).toContain("<c:v>峰尾镇</c:v>");
    expect(bar).toMatch(/<c:pt idx="0"><c:v>12<\/c:v><\/c:pt><c:pt idx="1"><c:v>5<\/c:v>/);
    // The first unit on top, as in the table.
    expect(bar).toContain('<c:orientation val="maxMin"/>');
    const column = all.find((x) => x.includes('<c:barDir val="col"/>'))!;
    expect(column).toContain('formatCode="0%"');
    expect(column).not.toContain("<c:legend>");
    expect(all.find((x) => x.includes("<c:pieChart>"))).toContain('<c:showPercent val="1"/>');
    const line = all.find((x) => x.includes("<c:lineChart>"))!;
    // One series per row, the months as categories; the empty May is a gap, not a zero.
    expect(line).toContain("<c:f>'月度趋势'!$B$2:$D$2</c:f>");
    expect(line).toContain("<c:f>'月度趋势'!$B$1:$D$1</c:f>");
    expect(line).toMatch(/<c:pt idx="0"><c:v>4<\/c:v><\/c:pt><c:pt idx="2"><c:v>7<\/c:v>/);
    // Both sheets carry a drawing; the trend sheet prints portrait.
    const sheets = Object.keys(p).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort();
    expect(sheets.every((n) => p[n].includes("<drawing "))).toBe(true);
    expect(p[sheets[1]]).toContain('orientation="portrait"');
    // exceljs still reads the cells back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["按单位 By unit", "月度趋势"]);
    expect(wb.getWorksheet("按单位 By unit")!.getCell("A4").value).toBe("峰尾镇");
  });

  it("opens in LibreOffice and prints every sheet", async () => {
    const xlsx = path.join(dir, "charts.xlsx");
    await writeFile(xlsx, await gridWorkbookBytes([unitsGrid(), trendGrid()]));
    await run("soffice", [`-env:UserInstallation=file://${path.join(dir, "lo")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx], { timeout: 120_000 });
    const pdf = path.join(dir, "charts.pdf");
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
    const { stdout } = await run("pdftotext", ["-layout", pdf, "-"]);
    expect(stdout).toContain("法院委派案件结果");
    expect(stdout).toContain("法院委派（诉前）");
    if (process.env.GRID_RENDER_DIR) await run("cp", [pdf, xlsx, process.env.GRID_RENDER_DIR]);
  }, 180_000);
});
