// The print check: what a clerk gets from the printer, sheet by sheet. Each workbook is printed by LibreOffice
// (headless, soffice --convert-to pdf) one sheet at a time (a copy with every other sheet hidden, which LibreOffice
// does not print), and each sheet is checked against the rules of issue #26:
// - every page A4 (595 × 842 pt, either way round);
// - no printed text under 8 pt: word heights from `pdftotext -bbox`, against the height of real 8 pt text printed the
//   same way at 100 % (a reference workbook rendered with the others, so the threshold is this machine's font stack);
// - header rows set (print titles) and frozen through on screen (the sheet's <pane state="frozen">); a sheet of more
//   than one page shows its header text on every page;
// - no code in any cell (issue codes, flag codes, snake_case or camelCase identifiers, solver costs);
// - in a Chinese workbook no English outside what users typed (the fixture's own strings);
// - numbers stored as numbers: no text cell that reads as a number or a percentage;
// - charts take no text cell into their value ranges (the chart XML's references, looked up in the sheet).
// `printCheck` returns, per sheet, the findings as sentences naming the sheet's place, and the page count.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ISSUE_CODES } from "../../ledger/issue-codes.ts";
import { FLAG_CODES } from "../../ledger/api/flags.ts";

const run = promisify(execFile);

export interface WorkbookToCheck {
  /** A name for the workbook in findings ("rankings zh-CN"); also its file name, so letters, digits and - only. */
  id: string;
  bytes: Uint8Array;
  locale: "zh-CN" | "en";
  /** What users typed (the fixture's strings): shown as typed, so allowed to hold Latin letters or digits as text. */
  typed?: Iterable<string>;
}

export interface PrintedSheet {
  workbook: string;
  sheet: string;
  /** Printed pages (0 when LibreOffice printed nothing). */
  pages: number;
  /** What is wrong, one sentence each, naming the page or cell; empty when the sheet prints as it should. */
  findings: string[];
  /** The sheet's PDF, to look at (pdftoppm -png -r 50). */
  pdf: string;
}

export interface PrintCheck {
  sheets: PrintedSheet[];
  /** The measured height (pt) of 8 pt text printed at 100 %: the smallest height allowed. */
  minTextHeight: number;
  /** Wall time of rendering and checking, in ms. */
  ms: number;
  dir: string;
}

/** Every string inside a fixture (objects, arrays, nested): what users typed, allowed as typed. */
export function typedStrings(...values: unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => (walk(k), walk(x)));
  };
  values.forEach(walk);
  return out;
}

interface Word { text: string; height: number; yMin: number }
interface Page { width: number; height: number; words: Word[] }

const unesc = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The sheets of an .xlsx in tab order: name and worksheet part. */
async function sheetParts(zip: JSZip): Promise<{ name: string; part: string }[]> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  return [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const name = unesc(/name="([^"]*)"/.exec(m[0])![1]);
    const rid = /r:id="([^"]+)"/.exec(m[0])![1];
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((x) => x[0]).find((t) => t.includes(`Id="${rid}"`))!;
    const target = /Target="([^"]+)"/.exec(rel)![1];
    return { name, part: target.startsWith("/") ? target.slice(1) : `xl/${target}` };
  });
}

/** A copy of the workbook that prints only sheet `index`: every other sheet hidden, that one active. */
async function onlySheet(bytes: Uint8Array, index: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let workbook = await zip.file("xl/workbook.xml")!.async("string");
  let i = 0;
  workbook = workbook.replace(/<sheet\b[^>]*?\/>/g, (tag) => {
    const plain = tag.replace(/\sstate="[^"]*"/, "");
    return i++ === index ? plain : plain.replace(/\/>$/, ` state="hidden"/>`);
  });
  // LibreOffice prints the active sheet even when hidden: make the one to print active (ExcelJS may write no view).
  if (/<workbookView\b/.test(workbook)) {
    workbook = workbook.replace(/<workbookView\b[^>]*?\/>/, (tag) => tag.replace(/\s(activeTab|firstSheet)="[^"]*"/g, "").replace(/\/>$/, ` activeTab="${index}" firstSheet="${index}"/>`));
  } else workbook = workbook.replace("<sheets>", `<bookViews><workbookView activeTab="${index}" firstSheet="${index}"/></bookViews><sheets>`);
  zip.file("xl/workbook.xml", workbook);
  return zip.generateAsync({ type: "uint8array" });
}

/** Converts the files to PDF with `processes` soffice processes at once, each with a profile of its own. */
async function toPdf(files: string[], outDir: string, processes: number): Promise<void> {
  const lanes = Array.from({ length: processes }, (_, k) => files.filter((_, i) => i % processes === k)).filter((l) => l.length > 0);
  await Promise.all(lanes.map((lane, k) => run("soffice", [`-env:UserInstallation=file://${path.join(outDir, `profile-${k}`)}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, ...lane], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 })));
}

/** The PDF's pages: size and words with their heights (pdftotext -bbox). */
async function pdfPages(pdf: string): Promise<Page[]> {
  const { stdout } = await run("pdftotext", ["-bbox", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split(/<page\b/).slice(1).map((chunk) => {
    const width = Number(/width="([\d.]+)"/.exec(chunk)![1]);
    const height = Number(/height="([\d.]+)"/.exec(chunk)![1]);
    const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ text: unesc(m[5]), yMin: Number(m[2]), height: Number(m[4]) - Number(m[2]) }));
    return { width, height, words };
  });
}

/** The reference: 8 pt text, Chinese and Latin, on A4 at 100 %, printed the way the sheets are. */
async function referenceWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("八磅", { pageSetup: { paperSize: 9, orientation: "portrait", scale: 100 } });
  ws.getColumn(1).width = 60;
  ["八磅中文字样调解成功率", "Eight point Latin 12345", "混合Mixed文字 98.5%"].forEach((text, i) => {
    ws.getCell(i + 1, 1).value = text;
    ws.getCell(i + 1, 1).font = { size: 8 };
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const CODES = new Set<string>([...ISSUE_CODES, ...FLAG_CODES]);
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z]*\b/g;
const LATIN = /[A-Za-z]{2,}/g;
const NUMBER_TEXT = /^\s*[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*%?\s*$/;

function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "$B$2:$C$5" → rows and columns, 1-based. */
function refCells(ref: string): { row: number; col: number }[] {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) return [];
  const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [c1, r1] = [col(m[1]), Number(m[2])];
  const [c2, r2] = m[3] ? [col(m[3]), Number(m[4])] : [c1, r1];
  const out: { row: number; col: number }[] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push({ row: r, col: c });
  return out;
}

/** The text a cell shows, when it holds text (rich text joined); null for numbers, dates, empty cells. */
function cellText(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (v && typeof v === "object" && "formula" in v) return typeof v.result === "string" ? v.result : null;
  return null;
}

interface SheetFacts {
  titleRows: { first: number; last: number } | null;
  frozen: { rows: number; cols: number } | null;
  /** The chart's title and the value cells its series take. */
  charts: { title: string; values: { row: number; col: number }[] }[];
}

/** Print titles (workbook.xml), frozen pane (the sheet's XML) and charts (their XML) of each sheet. */
async function sheetFacts(bytes: Uint8Array): Promise<Map<string, SheetFacts>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const out = new Map<string, SheetFacts>();
  for (const [i, { name, part }] of parts.entries()) {
    const xml = await zip.file(part)!.async("string");
    const titles = [...workbook.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
      .find((m) => m[1].includes(`name="_xlnm.Print_Titles"`) && m[1].includes(`localSheetId="${i}"`))?.[2];
    const rows = titles && /\$(\d+):\$(\d+)/.exec(unesc(titles));
    const pane = /<pane\b[^>]*>/.exec(xml)?.[0];
    const frozen = pane && /state="frozen"/.test(pane)
      ? { rows: Number(/ySplit="([\d.]+)"/.exec(pane)?.[1] ?? 0), cols: Number(/xSplit="([\d.]+)"/.exec(pane)?.[1] ?? 0) }
      : null;
    out.set(name, { titleRows: rows ? { first: Number(rows[1]) - 1, last: Number(rows[2]) - 1 } : null, frozen, charts: [] });
  }
  for (const file of Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))) {
    const xml = await zip.file(file)!.async("string");
    const title = [...(/<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unesc(m[1])).join("");
    const values = new Map<string, { row: number; col: number }[]>();
    for (const m of xml.matchAll(/<c:val>\s*<c:numRef>\s*<c:f>([^<]*)<\/c:f>/g)) {
      const f = unesc(m[1]);
      const bang = f.lastIndexOf("!");
      const sheet = f.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
      values.set(sheet, [...(values.get(sheet) ?? []), ...refCells(f.slice(bang + 1))]);
    }
    for (const [sheet, cells] of values) out.get(sheet)?.charts.push({ title, values: cells });
  }
  return out;
}

const flat = (s: string) => s.replace(/\s+/g, "");

/** Counts of each character of `s`. */
function charCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of flat(s)) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

/**
 * Whether a page shows a header text: the page's text holds it, or (a header cell wrapped over lines that the text
 * order interleaves with its neighbours') its characters all stand in the top third of the page's text.
 */
function pageShows(page: Page, header: string): boolean {
  const text = flat(page.words.map((w) => w.text).join(""));
  if (text.includes(flat(header))) return true;
  const ys = page.words.map((w) => w.yMin);
  const top = Math.min(...ys) + (Math.max(...ys) - Math.min(...ys)) / 3;
  const have = charCounts(page.words.filter((w) => w.yMin <= top).map((w) => w.text).join(""));
  return [...charCounts(header)].every(([ch, n]) => (have.get(ch) ?? 0) >= n);
}

function checkSheet(ws: ExcelJS.Worksheet, facts: SheetFacts, pages: Page[], o: { locale: "zh-CN" | "en"; typed: Set<string>; typedText: string; minHeight: number }): string[] {
  const findings: string[] = [];
  const name = ws.name;
  if (pages.length === 0) return [`${name}: LibreOffice printed no page`];
  // Paper.
  pages.forEach((p, i) => {
    const [a, b] = [Math.min(p.width, p.height), Math.max(p.width, p.height)];
    if (Math.abs(a - 595.3) > 2 || Math.abs(b - 841.9) > 2) findings.push(`${name}: page ${i + 1} is ${Math.round(p.width)} × ${Math.round(p.height)} pt, not A4 (595 × 842)`);
  });
  // Text size.
  const small = pages.flatMap((p, i) => p.words.filter((w) => w.height < o.minHeight - 0.05).map((w) => ({ page: i + 1, w })));
  if (small.length > 0) {
    const smallest = Math.min(...small.map((s) => s.w.height));
    const examples = small.slice(0, 4).map((s) => `“${s.w.text}” (page ${s.page})`).join(", ");
    findings.push(`${name}: ${small.length} words print under 8 pt, the smallest at ${((8 * smallest) / o.minHeight).toFixed(1)} pt: ${examples}`);
  }
  // A figure wider than its column prints as ### in place of the number.
  const cut = pages.flatMap((p, i) => p.words.filter((w) => /^#{2,}$/.test(w.text)).map(() => i + 1));
  if (cut.length > 0) findings.push(`${name}: ${cut.length} figures print as ### (too wide for their column), on page ${[...new Set(cut)].join(", ")}`);
  // Header rows: set, frozen, repeated.
  const shown = (r: number, c: number): string | null => {
    const cell = ws.getCell(r, c);
    if (cell.isMerged && cell.master !== cell) return null;
    const t = cellText(cell);
    return t !== null ? t : cell.value === null || cell.value === undefined ? null : String(cell.value);
  };
  if (!facts.titleRows) findings.push(`${name}: no header rows set: none repeat on printed pages (print titles) and none are frozen on screen`);
  else {
    const { first, last } = facts.titleRows;
    if (!facts.frozen || facts.frozen.rows < last + 1) {
      findings.push(`${name}: header rows ${first + 1}–${last + 1} are not frozen on screen (${facts.frozen ? `frozen through row ${facts.frozen.rows}` : "no frozen pane"})`);
    }
    if (pages.length > 1) {
      const headers = new Set<string>();
      for (let r = first + 1; r <= last + 1; r++) for (let c = 1; c <= ws.columnCount; c++) {
        const t = shown(r, c);
        if (t && flat(t)) headers.add(t);
      }
      pages.forEach((p, i) => {
        const missing = [...headers].filter((h) => !pageShows(p, h));
        if (missing.length > 0) findings.push(`${name}: page ${i + 1} of ${pages.length} lacks the header text ${missing.slice(0, 3).map((m) => `“${m}”`).join(", ")}`);
      });
    }
  }
  // Cells: codes, English, numbers as text. The sheet's name prints in the footer, so it counts as text too.
  const texts: { where: string; text: string }[] = [{ where: "the sheet's name", text: name }];
  ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => {
    if (cell.isMerged && cell.master !== cell) return;
    const t = cellText(cell);
    if (t !== null && t.trim() !== "") texts.push({ where: `${columnLetters(c)}${r}`, text: t });
  }));
  for (const { where, text } of texts) {
    if (o.typed.has(text)) continue;
    const codes = [
      ...(text.match(SNAKE) ?? []), ...(text.match(CAMEL) ?? []),
      ...(text.match(/\b[a-z]+\b/g) ?? []).filter((w) => CODES.has(w as never)),
      ...(text.match(/[-−]\s?1,?000,?000\b/g) ?? []),
    ].filter((code) => !o.typedText.includes(code));
    if (codes.length > 0) findings.push(`${name}!${where}: holds the code ${[...new Set(codes)].map((x) => `“${x}”`).join(", ")} in “${text}”`);
    if (o.locale === "zh-CN") {
      const english = (text.match(LATIN) ?? []).filter((w) => !o.typedText.includes(w));
      if (english.length > 0) findings.push(`${name}!${where}: English in a Chinese sheet: ${[...new Set(english)].slice(0, 4).map((x) => `“${x}”`).join(", ")} in “${text}”`);
    }
    if (NUMBER_TEXT.test(text) && /\d/.test(text)) findings.push(`${name}!${where}: the number “${text}” is stored as text`);
  }
  // Charts.
  for (const chart of facts.charts) {
    const bad = chart.values.filter(({ row, col }) => cellText(ws.getCell(row, col)) !== null);
    if (bad.length > 0) {
      findings.push(`${name}: the chart “${chart.title}” takes text into its values: ${bad.slice(0, 4).map(({ row, col }) => `${columnLetters(col)}${row} “${cellText(ws.getCell(row, col))}”`).join(", ")}`);
    }
  }
  return findings;
}

/**
 * Prints every sheet of every workbook through LibreOffice and checks it (see the head of this file). `processes`
 * soffice run at once (two by default, or fewer CPUs).
 */
export async function printCheck(workbooks: readonly WorkbookToCheck[], o: { dir?: string; processes?: number } = {}): Promise<PrintCheck> {
  const started = performance.now();
  const dir = o.dir ?? (await mkdtemp(path.join(tmpdir(), "tiaojie-print-")));
  await mkdir(dir, { recursive: true });
  const jobs: { wb: WorkbookToCheck; sheet: string; index: number; file: string }[] = [];
  await writeFile(path.join(dir, "reference-8pt.xlsx"), await referenceWorkbook());
  for (const wb of workbooks) {
    const sheets = await sheetParts(await JSZip.loadAsync(wb.bytes));
    for (const [index, { name }] of sheets.entries()) {
      const file = path.join(dir, `${wb.id}--${index + 1}.xlsx`);
      await writeFile(file, await onlySheet(wb.bytes, index));
      jobs.push({ wb, sheet: name, index, file });
    }
  }
  await toPdf([path.join(dir, "reference-8pt.xlsx"), ...jobs.map((j) => j.file)], dir, o.processes ?? Math.max(1, Math.min(2, cpus().length)));
  const reference = await pdfPages(path.join(dir, "reference-8pt.pdf"));
  const minTextHeight = Math.min(...reference.flatMap((p) => p.words.map((w) => w.height)));
  const sheets: PrintedSheet[] = [];
  for (const wb of workbooks) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(wb.bytes));
    const facts = await sheetFacts(wb.bytes);
    const typed = new Set(wb.typed ?? []);
    const typedText = [...typed].join("\n");
    for (const job of jobs.filter((j) => j.wb === wb)) {
      const pdf = job.file.replace(/\.xlsx$/, ".pdf");
      const pages = await readFile(pdf).then(() => pdfPages(pdf), () => [] as Page[]);
      const ws = book.worksheets.find((w) => w.name === job.sheet)!;
      const findings = checkSheet(ws, facts.get(job.sheet)!, pages, { locale: wb.locale, typed, typedText, minHeight: minTextHeight });
      sheets.push({ workbook: wb.id, sheet: job.sheet, pages: pages.length, findings, pdf });
    }
  }
  return { sheets, minTextHeight, ms: Math.round(performance.now() - started), dir };
}
