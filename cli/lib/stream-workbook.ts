/**
 * Reads an .xlsx part by part as it unpacks, keeping only each cell's plain value. exceljs's whole-workbook reader
 * held every part as one string and every cell as an object of ~500 bytes: 1.2 GB for a 100,000-case ledger.
 *
 * exceljs's own streaming reader (ExcelJS.stream.xlsx.WorkbookReader) was looked at and not used: it ignores
 * <mergeCells>, keeps only the last run of an inline rich-text cell, reads a formula's cached error as NaN and a
 * formula's cached date as a serial, orders sheets by their place in the zip rather than in the workbook, and
 * unpacks the zip by its local headers where prescan-workbook.ts checked the central directory. So the parts are
 * unpacked here from the same central directory the pre-scan checked, and parsed with saxes (the XML parser
 * exceljs itself uses), giving the grid exceljs's whole-workbook reader gave, cell for cell:
 * - a number in a cell styled with a date format is a Date (UTC), as exceljs makes it; other numbers stay serials;
 * - shared and inline strings are their text (rich-text runs joined), a formula its cached result, an error nothing;
 * - a merged area repeats its top-left value in every cell (or is empty when that cell is), as exceljs repeats it;
 *   merges come after the cells in the sheet's XML, so each row is kept as it streams and the merged areas are laid
 *   into the rows once the sheet ends (sparse-grid rules: empty rows shared, empty columns left out);
 * - the merged areas that hold a value are also given in grid coordinates, so ledger/ can tell a row merged across the
 *   table (a heading, a note) from a case, as the pane does with the areas Excel lists.
 *
 * What it holds, and so what the caps in workbook-limits.ts bound (the file itself is read from disk a piece at a
 * time, zip-directory.ts): the shared strings, and one slot per grid cell (a row is made once, as wide as its last
 * cell, and becomes its grid row unless empty columns are dropped). Strings are copied out of the parser's 64 KB pieces, which a kept slice of them would otherwise keep
 * whole (144 → 70 MB for 1.5 million shared strings), and equal date cells share one Date.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { columnLetter } from "../../ledger/columns.ts";
import type { Locale } from "../../ledger/messages.ts";
import type { ColumnPlaces } from "../../ledger/sheet-columns.ts";
import type { MergedArea } from "../../ledger/merged-areas.ts";
import { WorkbookError } from "./workbook-error.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";
import { unpackEntry, zipEntries, type ZipEntry, type ZipSource } from "./zip-directory.ts";
import { gridColumns } from "./grid-columns.ts";

export interface StreamedSheet {
  name: string;
  /** Values as Excel shows them: numbers, strings, booleans, Dates, null. Empty columns are left out. */
  grid: unknown[][];
  /** The sheet column (0-based) of each grid column. */
  columns: ColumnPlaces;
  /** The merged areas whose top-left cell holds a value, in grid coordinates (rows from Excel row 1, grid columns). */
  merges: MergedArea[];
}

interface Handlers {
  open(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** Tag names without their namespace prefix: some writers spell <x:c> where Excel writes <c>. */
function local(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Feeds one part to saxes as it unpacks, 64 KB at a time; the decoder keeps a character split between pieces whole. */
async function parsePart(buf: ZipSource, entry: ZipEntry, h: Handlers): Promise<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on("opentag", (tag: SaxesTagPlain) => h.open(local(tag.name), tag.attributes));
  if (h.text) {
    const text = h.text;
    parser.on("text", text);
    parser.on("cdata", text);
  }
  if (h.close) {
    const close = h.close;
    parser.on("closetag", (tag: SaxesTagPlain) => close(local(tag.name)));
  }
  const decoder = new TextDecoder("utf-8");
  for await (const piece of unpackEntry(buf, entry)) parser.write(decoder.decode(piece, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

/** "_x000D_" as Excel escapes a control character in shared strings; exceljs decodes it (upper-case hex only). */
const decodeEscapes = (s: string) => (s.includes("_x") ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/**
 * exceljs decodes the five named entities a second time in `str` (formula text) results; saxes has already decoded
 * them once. Kept so that both readers give the same text.
 */
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' };
const decodeAgain = (s: string) => (s.includes("&") ? s.replace(/&([a-z]*);/g, (m) => ENTITIES[m] ?? m) : s);

/** exceljs's test for a date format: any of y m d h s b left once [..] and "..." are taken out. */
export function isDateFormat(code: string | undefined): boolean {
  if (!code) return false;
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/**
 * Built-in number formats exceljs knows by id. The locale-dependent ids (27–36, 50–58: 2026年5月26日 and the like)
 * have no single code in exceljs, so it leaves such cells as serials; the ledger reads serials as dates anyway.
 */
const BUILT_IN: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
  13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
  20: "h:mm", 21: "h:mm:ss", 22: 'm/d/yy "h":mm', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
};

const EXCEL_EPOCH_DAYS = 25569;

/**
 * A date cell's Date. A ledger's dates are a few hundred days over hundreds of thousands of cells, so equal ones share
 * one Date (about 80 bytes each); nothing that reads the grid changes a Date. Bounded: a file of distinct
 * date-times gets fresh ones past it.
 */
const dateCache = new Map<number, Date>();
const DATE_CACHE = 65_536;

function excelDate(serial: number, date1904: boolean): Date {
  const ms = Math.round((serial - EXCEL_EPOCH_DAYS + (date1904 ? 1462 : 0)) * 86_400_000);
  let d = dateCache.get(ms);
  if (d === undefined) {
    d = new Date(ms);
    if (dateCache.size < DATE_CACHE) dateCache.set(ms, d);
  }
  return d;
}

/**
 * The text as a string of its own. saxes hands out text as slices of the 64 KB piece it parses, and V8 keeps the whole
 * piece alive for as long as any slice of 13 characters or more is kept: the shared strings then cost their part's
 * size twice over. Shorter strings are copied by V8 already.
 */
function owned(text: string): string {
  if (text.length < 13) return text;
  // A lone surrogate (from an "_xD83D_" escape) would not survive UTF-8: JSON keeps it, more slowly.
  return LONE_SURROGATE.test(text) ? (JSON.parse(JSON.stringify(text)) as string) : Buffer.from(text, "utf8").toString("utf8");
}
/** With the u flag, a surrogate range matches only a surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** 1-based column of "XFD1048576" (letters only), or 0 when the reference has none. */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + k - 64;
    else if (k >= 97 && k <= 122) c = c * 26 + k - 96;
    else break;
  }
  return c;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? parseInt(m[0], 10) : 0;
}

/** Target of a relationship as a zip path: relative to xl/ unless it starts with "/". */
function partPath(target: string): string {
  const t = target.trim();
  const parts = (t.startsWith("/") ? t.slice(1) : `xl/${t}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** The id attribute of <sheet r:id="…">, whatever the relationships namespace is called. */
function relationId(attributes: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(attributes)) if (k.endsWith(":id")) return v;
  return undefined;
}

interface Workbook {
  sheets: { name: string; rId: string | undefined }[];
  date1904: boolean;
}

async function readWorkbookPart(buf: ZipSource, entry: ZipEntry): Promise<Workbook> {
  const wb: Workbook = { sheets: [], date1904: false };
  await parsePart(buf, entry, {
    open(name, a) {
      if (name === "sheet") wb.sheets.push({ name: a.name ?? "", rId: relationId(a) });
      // exceljs reads only "1"; LibreOffice writes "true".
      else if (name === "workbookPr") wb.date1904 = a.date1904 === "1" || a.date1904 === "true";
    },
  });
  return wb;
}

async function readRelationships(buf: ZipSource, entry: ZipEntry | undefined): Promise<Map<string, { target: string; type: string }>> {
  const rels = new Map<string, { target: string; type: string }>();
  if (!entry) return rels;
  await parsePart(buf, entry, {
    open(name, a) {
      if (name === "Relationship" && a.Id && a.Target) rels.set(a.Id, { target: a.Target, type: a.Type ?? "" });
    },
  });
  return rels;
}

/** Whether each cell style (cellXfs index) shows a date, the way exceljs decides it. */
async function readDateStyles(buf: ZipSource, entry: ZipEntry | undefined): Promise<Uint8Array> {
  if (!entry) return new Uint8Array(0);
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parsePart(buf, entry, {
    open(name, a) {
      if (name === "numFmt") formats.set(parseInt(a.numFmtId ?? "", 10), a.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) xfs.push(parseInt(a.numFmtId ?? "0", 10) || 0);
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  const dates = new Uint8Array(xfs.length);
  xfs.forEach((id, i) => {
    if (id) dates[i] = isDateFormat(formats.get(id) ?? BUILT_IN[id]) ? 1 : 0;
  });
  return dates;
}

/**
 * The shared strings as plain text: rich-text runs joined, phonetic guides (<rPh>) left out, an <si> with no text at
 * all (which exceljs reads as an empty object) as null.
 */
async function readSharedStrings(buf: ZipSource, entry: ZipEntry | undefined, limit: () => never): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  if (!entry) return strings;
  let text: string | null = null;
  let runs: string | null = null;
  let inT = false;
  let inPhonetic = 0;
  let inRun = false;
  let piece = "";
  await parsePart(buf, entry, {
    open(name) {
      switch (name) {
        case "si": text = null; runs = null; break;
        case "rPh": inPhonetic++; break;
        case "r": if (!inPhonetic) inRun = true; break;
        case "t": if (!inPhonetic) { inT = true; piece = ""; } break;
      }
    },
    text(t) {
      if (inT) piece += t;
    },
    close(name) {
      switch (name) {
        case "t":
          if (!inT) break;
          inT = false;
          if (inRun) runs = (runs ?? "") + decodeEscapes(piece);
          else text = decodeEscapes(piece);
          break;
        case "r": inRun = false; break;
        case "rPh": inPhonetic--; break;
        case "si":
          strings.push(runs === null && text === null ? null : owned(runs ?? text!));
          // Excel stores each distinct text once, so there are never more than there are cells; a file of millions of
          // tiny strings is hand-made, and refused before they fill memory.
          if (strings.length > LIMITS.cells) limit();
          break;
      }
    },
  });
  return strings;
}

/** Merged areas as [top, left, bottom, right] (1-based), four numbers each. */
type Merges = number[];

/** A row whose few cells lie far apart, kept as [column, value, column, value, …] rather than as wide as its last cell. */
class SparseRow {
  readonly cells: unknown[];
  constructor(cells: unknown[]) {
    this.cells = cells;
  }
}

/**
 * A row as read: its values by sheet column (index c - 1, null where empty), as wide as its last cell; a SparseRow when
 * that would be mostly empty (a far-right cell must not make a row 16,384 slots wide); undefined when it has none.
 */
type RawRow = unknown[] | SparseRow | undefined;

/** A row is kept by sheet column while it is at most this wide for its n cells: 2n + 8. */
const denseEnough = (lastColumn: number, cells: number) => lastColumn <= 2 * cells + 8;

/** The row's cells as a [column, value, …] list. */
function pairs(row: unknown[] | SparseRow): unknown[] {
  if (row instanceof SparseRow) return row.cells;
  const out: unknown[] = [];
  for (let i = 0; i < row.length; i++) if (row[i] !== null) out.push(i + 1, row[i]);
  return out;
}

interface RawSheet {
  /** rows[r - 1]: row r as read. */
  rows: RawRow[];
  /** The last row number a <row> or a merged area reaches: exceljs's rowCount. */
  height: number;
  merges: Merges;
  /** The first cell (by row, then column) beyond Excel's last column, named as Excel names it. */
  beyondColumns: { row: number; column: number } | null;
}

async function readSheetPart(buf: ZipSource, entry: ZipEntry, strings: (string | null)[], dates: Uint8Array, date1904: boolean, limit: () => never): Promise<RawSheet> {
  const sheet: RawSheet = { rows: [], height: 0, merges: [], beyondColumns: null };
  let inData = false;
  let rowNumber = 0;
  // The row being read, as (column, value) pairs: reused from row to row, so a row is allocated once, at its size.
  const columns: number[] = [];
  const values: unknown[] = [];
  let column = 0;
  // The cell being read.
  let type: string | undefined;
  let style = 0;
  let value: string | undefined;
  let formula = false;
  let formulaText = "";
  let into: "v" | "t" | "f" | null = null;
  let inPhonetic = 0;
  let count = 0;

  const endCell = () => {
    let v: unknown = null;
    if (formula) {
      // exceljs keeps a cached result only when it is not empty.
      if (value) {
        if (type === "str") v = owned(decodeAgain(value));
        else if (type === "b") v = parseInt(value, 10) !== 0;
        else if (type === "e") v = null;
        else {
          const n = parseFloat(value);
          v = style && dates[style] ? excelDate(n, date1904) : n;
        }
      }
    } else if (value !== undefined) {
      switch (type) {
        case "s": v = strings[parseInt(value, 10)] ?? null; break;
        case "str": v = owned(decodeAgain(value)); break;
        case "inlineStr": v = owned(value); break;
        case "b": v = parseInt(value, 10) !== 0; break;
        case "e": v = null; break;
        case "d": {
          // An ISO date cell (LibreOffice and some generators write them; exceljs read 2026 from "2026-05-26"). Without a
          // zone it is the day shown, so it is taken as UTC, as date cells are everywhere else.
          const t = Date.parse(/T[^Z+-]*$/.test(value) ? `${value}Z` : value);
          v = Number.isNaN(t) ? owned(value) : new Date(t);
          break;
        }
        default: {
          const n = parseFloat(value);
          v = style && dates[style] ? excelDate(n, date1904) : n;
        }
      }
    }
    if (v === null) return;
    if (column > LIMITS.excelColumns) {
      const b = sheet.beyondColumns;
      if (!b || rowNumber < b.row || (rowNumber === b.row && column < b.column)) sheet.beyondColumns = { row: rowNumber, column };
      return;
    }
    if (rowNumber > LIMITS.excelRows) return;
    columns.push(column);
    values.push(v);
  };

  /** The row just read, made once: by sheet column when dense enough, else as pairs. */
  const endRow = () => {
    const n = columns.length;
    if (n === 0 || rowNumber < 1 || rowNumber > LIMITS.excelRows) return;
    let last = 0;
    for (let i = 0; i < n; i++) if (columns[i] > last) last = columns[i];
    let made: unknown[] | SparseRow;
    if (denseEnough(last, n)) {
      made = new Array(last).fill(null);
      // A column written twice in one row (hand-made files): the last one wins, as in exceljs.
      for (let i = 0; i < n; i++) made[columns[i] - 1] = values[i];
    } else {
      const list: unknown[] = new Array(2 * n);
      for (let i = 0; i < n; i++) {
        list[2 * i] = columns[i];
        list[2 * i + 1] = values[i];
      }
      made = new SparseRow(list);
    }
    // Two <row> elements with one number (hand-made files): their cells together, as exceljs keeps them.
    const before = sheet.rows[rowNumber - 1];
    sheet.rows[rowNumber - 1] = before ? new SparseRow(pairs(before).concat(pairs(made))) : made;
  };

  await parsePart(buf, entry, {
    open(name, a) {
      if (!inData) {
        if (name === "sheetData") inData = true;
        else if (name === "mergeCell" && a.ref) {
          const [from, to = from] = a.ref.split(":");
          const top = rowOf(from), left = columnOf(from), bottom = rowOf(to), right = columnOf(to);
          if (top && left && bottom >= top && right >= left) {
            sheet.merges.push(top, left, bottom, right);
            // Each merged area is laid out row by row below: counted with the cells, so a file of millions is refused.
            if (++count > LIMITS.cells) limit();
          }
        }
        return;
      }
      switch (name) {
        case "row":
          rowNumber = a.r ? parseInt(a.r, 10) : rowNumber + 1;
          if (rowNumber > sheet.height) sheet.height = rowNumber;
          columns.length = 0;
          values.length = 0;
          column = 0;
          break;
        case "c":
          column = a.r ? columnOf(a.r) || column + 1 : column + 1;
          type = a.t;
          style = a.s ? parseInt(a.s, 10) || 0 : 0;
          value = undefined;
          formula = false;
          formulaText = "";
          into = null;
          break;
        case "f":
          into = "f";
          if (a.t) formula = true;
          break;
        case "v":
          into = "v";
          break;
        case "rPh":
          inPhonetic++;
          break;
        case "t":
          if (!inPhonetic) into = "t";
          break;
      }
    },
    text(t) {
      if (into === "v" || into === "t") value = value === undefined ? t : value + t;
      else if (into === "f") formulaText += t;
    },
    close(name) {
      if (!inData) return;
      switch (name) {
        case "f":
          if (formulaText) formula = true;
          into = null;
          break;
        case "v":
        case "t":
          into = null;
          break;
        case "rPh":
          inPhonetic--;
          break;
        case "c":
          endCell();
          break;
        case "row":
          endRow();
          columns.length = 0;
          values.length = 0;
          break;
        case "sheetData":
          inData = false;
          break;
      }
    },
  });
  for (let m = 0; m < sheet.merges.length; m += 4) if (sheet.merges[m + 2] > sheet.height) sheet.height = sheet.merges[m + 2];
  return sheet;
}

/** The value a row holds for `column` (for pairs, the last one written wins, as in exceljs), or null. */
function valueAt(row: RawRow, column: number): unknown {
  if (!row) return null;
  if (!(row instanceof SparseRow)) return row[column - 1] ?? null;
  const cells = row.cells;
  let v: unknown = null;
  for (let i = 0; i < cells.length; i += 2) if (cells[i] === column) v = cells[i + 1];
  return v;
}

/**
 * The grid of one sheet, by sparse-grid rules: rows keep their place (grid index r is Excel row r + 1), every empty
 * row is one shared blank row; columns that hold nothing are left out, a run of them kept as one empty column so
 * that two-level headers still see the gap. When no column is left out (a ledger), each row read becomes its grid row
 * as it is: the sheet is never held twice.
 */
function layGrid(raw: RawSheet, name: string, file: string, locale?: Locale): { grid: unknown[][]; columns: ColumnPlaces; merges: MergedArea[] } {
  const { rows, height, merges } = raw;
  if (height > LIMITS.excelRows) throw tooLarge(file, { kind: "outsideExcel", sheet: name, cell: `A${height}` }, locale);
  if (raw.beyondColumns) {
    const b = raw.beyondColumns;
    throw tooLarge(file, { kind: "outsideExcel", sheet: name, cell: `${columnLetter(b.column - 1)}${b.row}` }, locale);
  }

  // Each merged area's top-left value, and the merged areas sorted by their top row for one sweep down the sheet.
  const mergeCount = merges.length / 4;
  const masters: unknown[] = new Array(mergeCount);
  for (let m = 0; m < mergeCount; m++) masters[m] = valueAt(rows[merges[4 * m] - 1], merges[4 * m + 1]);
  const byTop = Array.from({ length: mergeCount }, (_, m) => m).sort((x, y) => merges[4 * x] - merges[4 * y]);

  /** Calls `each` for the merged areas covering row r; `advance` must be called with r = 1, 2, 3, … */
  let next = 0;
  let active: number[] = [];
  const advance = (r: number) => {
    active = active.filter((m) => merges[4 * m + 2] >= r);
    while (next < byTop.length && merges[4 * byTop[next]] <= r) {
      if (merges[4 * byTop[next] + 2] >= r) active.push(byTop[next]);
      next++;
    }
  };
  const merged = (c: number) => {
    for (const m of active) if (c >= merges[4 * m + 1] && c <= merges[4 * m + 3]) return true;
    return false;
  };

  // First pass: which columns hold a value, how many rows do. A merged area's columns are marked once for the whole
  // area (not row by row), so a hostile A1:XFD1048576 costs no more than a small one before the size check.
  const usedCount = new Int32Array(LIMITS.excelColumns + 2);
  let lastColumn = 0;
  for (let m = 0; m < mergeCount; m++) {
    if (masters[m] === null) continue;
    usedCount[merges[4 * m + 1]]++;
    usedCount[Math.min(merges[4 * m + 3], LIMITS.excelColumns) + 1]--;
    if (merges[4 * m + 3] > lastColumn) lastColumn = Math.min(merges[4 * m + 3], LIMITS.excelColumns);
  }
  const used = new Uint8Array(LIMITS.excelColumns + 1);
  let filledRows = 0;
  const mark = (c: number) => {
    if (active.length && merged(c)) return false;
    used[c] = 1;
    if (c > lastColumn) lastColumn = c;
    return true;
  };
  for (let r = 1; r <= height; r++) {
    advance(r);
    const row = rows[r - 1];
    let filled = active.some((m) => masters[m] !== null);
    if (row instanceof SparseRow) {
      for (let i = 0; i < row.cells.length; i += 2) if (mark(row.cells[i] as number)) filled = true;
    } else if (row) {
      for (let i = 0; i < row.length; i++) if (row[i] !== null && mark(i + 1)) filled = true;
    }
    if (filled) filledRows++;
  }
  for (let c = 1, run = 0; c <= lastColumn; c++) {
    run += usedCount[c];
    if (run > 0) used[c] = 1;
  }

  const { at, places } = gridColumns(used, lastColumn, filledRows, { file, sheet: name, locale });
  const width = places.length;
  // Every column up to the last holds a value: grid column c is sheet column c + 1, and a row read is its grid row.
  const inPlace = width === lastColumn;

  const blank: unknown[] = new Array(width).fill(null);
  const grid: unknown[][] = new Array(height).fill(blank);
  next = 0;
  active = [];
  for (let r = 1; r <= height; r++) {
    advance(r);
    const row = rows[r - 1];
    // What was read of the row is not needed once its grid row is made.
    rows[r - 1] = undefined;
    let out: unknown[] | null = null;
    if (inPlace && Array.isArray(row)) {
      out = row;
      // Cut to the grid's width: cells beyond it lie only under merged areas that empty them.
      if (out.length > width) out.length = width;
      while (out.length < width) out.push(null);
      // A cell under a merged area shows the area's value, not its own (filled in below, or emptied).
      if (active.length) for (const m of active) out.fill(null, merges[4 * m + 1] - 1, Math.min(merges[4 * m + 3], lastColumn));
    } else if (row) {
      const cells = pairs(row);
      for (let i = 0; i < cells.length; i += 2) {
        const c = cells[i] as number;
        if (active.length && merged(c)) continue;
        out ??= new Array(width).fill(null);
        out[at[c]] = cells[i + 1];
      }
    }
    for (const m of active) {
      const v = masters[m];
      if (v === null) continue;
      out ??= new Array(width).fill(null);
      const right = Math.min(merges[4 * m + 3], lastColumn);
      for (let c = merges[4 * m + 1]; c <= right; c++) out[at[c]] = v;
    }
    if (out) grid[r - 1] = out;
  }
  // Every column of an area with a value was marked used above, so each edge has its grid column.
  const areas: MergedArea[] = [];
  for (let m = 0; m < mergeCount; m++) {
    if (masters[m] === null) continue;
    const left = at[merges[4 * m + 1]] ?? -1;
    const right = at[Math.min(merges[4 * m + 3], lastColumn)] ?? -1;
    if (left >= 0 && right >= left) areas.push({ top: merges[4 * m] - 1, left, bottom: merges[4 * m + 2] - 1, right });
  }
  return { grid, columns: places, merges: areas };
}

/**
 * Every sheet of the workbook, in the workbook's order, as a grid. `buf` has been through prescanWorkbook, so every
 * part listed in the central directory unpacks within the limits; anything else wrong is `corrupt`.
 */
export async function streamWorkbook(buf: ZipSource, file: string, corrupt: () => WorkbookError, locale?: Locale): Promise<StreamedSheet[]> {
  const limit = (): never => {
    throw tooLarge(file, { kind: "cells" }, locale);
  };
  try {
    const entries = await zipEntries(buf);
    if (!entries) throw corrupt();
    const byName = new Map<string, ZipEntry>();
    for (const e of entries) byName.set(e.name.replace(/^\//, ""), e);
    const workbookEntry = byName.get("xl/workbook.xml");
    if (!workbookEntry) throw corrupt();
    const workbook = await readWorkbookPart(buf, workbookEntry);
    const rels = await readRelationships(buf, byName.get("xl/_rels/workbook.xml.rels"));
    const partOf = (type: string, fallback: string) => {
      for (const r of rels.values()) if (r.type.endsWith(`/${type}`)) return byName.get(partPath(r.target));
      return byName.get(fallback);
    };
    const dates = await readDateStyles(buf, partOf("styles", "xl/styles.xml"));
    const strings = await readSharedStrings(buf, partOf("sharedStrings", "xl/sharedStrings.xml"), limit);
    const sheets: StreamedSheet[] = [];
    for (const s of workbook.sheets) {
      const rel = s.rId === undefined ? undefined : rels.get(s.rId);
      // A chart sheet or a sheet whose part is missing has no cells to read; exceljs leaves it out too.
      const entry = rel && /\/worksheet$/.test(rel.type) ? byName.get(partPath(rel.target)) : undefined;
      if (!entry) continue;
      const raw = await readSheetPart(buf, entry, strings, dates, workbook.date1904, limit);
      sheets.push({ name: s.name, ...layGrid(raw, s.name, file, locale) });
    }
    return sheets;
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw corrupt();
  }
}
