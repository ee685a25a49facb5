import type { HeaderResult } from "./header.ts";
import { headerKey } from "./header-text.ts";
import { mergedAcross, mergedSpans, type MergedArea } from "./merged-areas.ts";

/*
 * The patterns below are tested against the row's first text with its spaces taken out ("小 计" is 小计).
 */
/** A total row: 合计, 小计 … and a block's own (一月份小计, 第二季度合计, 本页小计). */
const TOTAL = /^[（(]?(本月|本页|本季度?|本年度?|全年|[上下]半年|[0-9一二三四五六七八九十〇]{1,3}月份?|第?[一二三四1-4]季度)?(合计|总计|小计|共计|累计)/;
/**
 * Where the table ends: 以下空白 under the last case, or the first line of the signature block or of 填表说明. Nothing
 * below it is a case, unless the table goes on (see tableRows).
 */
const END = /^[（(【[]?(以下空白|以下无内容|以下无正文|以下无数据|以下为空|此处空白|此栏空白|本页以下空白|填表说明|填报说明|填表人|填报人|制表人|审核人|审批人|统计人|单位负责人|主要负责人|分管领导|负责人|联系人|联系电话[:：]|填表日期|填报日期|报送日期)/;
/** A note that may sit anywhere under the header; one row. */
const FOOTER = /^(说明|注[:：]|注[0-9一二三１-９]|备注[:：]|制表)/;
/**
 * A heading by its words alone (the pane cannot see merged areas below ExcelApi 1.13): a month, a quarter, a half or a
 * whole year, or an outline number (一、 （二）), as the row's only value.
 */
const YEAR = "((19|20)[0-9]{2}|[〇零一二][〇零一二三四五六七八九]{3})年度?";
const HEADING = new RegExp(
  `^(${YEAR})?(` +
    "(第?[一二三四五六七八九十]{1,3}|[0-9]{1,2})月份?" +
    "|第?[一二三四1-4]季度" +
    "|[上下]半年度?" +
    `)([（(][^）)]*[）)])?$` +
    `|^${YEAR}$` +
    "|^[一二三四五六七八九十]+[、.．]" +
    "|^[（(][一二三四五六七八九十]+[）)]",
);
/** Longer than this, a lone text is no heading. */
const MAX_HEADING = 40;
/** A merged note repeated across the row is longer than any single case cell we expect at the row's start. */
const LONG_NOTE = 30;
/**
 * …but no note under a ledger runs to pages: text longer than this alone on a row is a case cell that is too long
 * (validation says so, too_long), not a note to skip. A row is never dropped for looking odd.
 */
const MAX_NOTE = 500;
/** Notes are prose: they have spaces or non-ASCII text. One long run of letters, digits and dashes is a code. */
const CODE_LIKE = /^[\x21-\x7e]+$/;

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === "") return true;
  return typeof v === "string" && v.trim() === "";
}

/**
 * What a row under the header is. Not cases: `blank` (nothing in the data columns: empty or template rows that carry
 * only a 序号), `heading` (merged across the data columns, or a month, quarter or outline number alone: 一月份,
 * 第二季度, 一、), `header` (the header printed again), `total` (小计, 合计 …), `footer` (a note), `end` (以下空白, a
 * signature line or 填表说明: the table ends there). Anything else is a case and is validated, however broken it is.
 */
export type RowKind = "data" | "blank" | "heading" | "header" | "total" | "footer" | "end";

/** What classifying a row needs to know of the header, made once per sheet (rowContext). */
export interface RowContext {
  /**
   * Each mapped column's header texts (a two-level header's group and sub-heading each), by grid column: as written,
   * and as compared (header-text.ts headerKey).
   */
  exact: (string[] | undefined)[];
  keys: (Set<string> | undefined)[];
}

/** The header's texts by mapped column, so the header printed again is known when met. */
export function rowContext(header: Pick<HeaderResult<string>, "columns"> & { labels?: readonly string[] }): RowContext {
  const ctx: RowContext = { exact: [], keys: [] };
  for (const c of Object.values(header.columns) as number[]) {
    const label = header.labels?.[c];
    if (!label) continue;
    const parts = [label, ...label.split("/")].map((s) => s.trim()).filter(Boolean);
    ctx.exact[c] = [...new Set(parts)];
    ctx.keys[c] = new Set(parts.map(headerKey));
  }
  return ctx;
}

/**
 * The header printed again (under a block's heading, at the top of a printed page): at least three of the row's data
 * cells (all, in a narrower sheet) say their own column's header, and they are most of what the row holds. First a
 * cheap look for one of the first cells being exactly its column's header text, which a case row hardly ever holds:
 * this runs on every row of 100,000.
 */
function isHeaderAgain(row: readonly unknown[], mapped: readonly number[], ctx: RowContext): boolean {
  let exact = false;
  // The first three filled data cells only, compared one by one rather than hashed (most cells are strings seen once).
  for (let i = 0, looked = 0; i < mapped.length && looked < 3 && !exact; i++) {
    const v = row[mapped[i]];
    if (v === null || v === undefined || v === "") continue;
    looked++;
    const texts = ctx.exact[mapped[i]];
    if (typeof v === "string" && texts) for (let k = 0; k < texts.length; k++) if (texts[k] === v) exact = true;
  }
  if (!exact) return false;
  let same = 0;
  let filled = 0;
  for (const c of mapped) {
    const v = row[c];
    if (isEmpty(v)) continue;
    filled++;
    if (typeof v === "string" && v.length <= 60 && ctx.keys[c]?.has(headerKey(v))) same++;
  }
  return same >= Math.min(3, mapped.length) && same * 2 > filled;
}

/**
 * The characters a total, an end line or a heading can start with: a row opening with anything else (a case number,
 * a name) is not tested against the patterns at all.
 */
const OPENERS = new Set([..."（(【[以此本填制审统单主分负联报合总小共累第上下全一二三四五六七八九十〇零0123456789"]);

/** Extra facts about a row: its merged-across span (merged-areas.ts `mergedSpans`, -1 for none). */
export interface RowFacts {
  span?: number;
}

/**
 * Tells a case row from what else sits below a ledger's header (see RowKind). `ctx` (rowContext) lets it know the
 * header printed again; `facts.span` a row merged across the data columns. A row must never be dropped because it
 * looked odd: only what a clerk would never write as a case is anything but `data`.
 */
export function classifyRow(row: readonly unknown[] | undefined, mappedColumns: readonly number[], ctx?: RowContext, facts: RowFacts = {}): RowKind {
  if (!row) return "blank";
  let firstAt = 0;
  while (firstAt < row.length && isEmpty(row[firstAt])) firstAt++;
  if (firstAt >= row.length) return "blank";
  const mapped = mappedColumns.length > 1 && !isSorted(mappedColumns) ? [...mappedColumns].sort((a, b) => a - b) : mappedColumns;
  if (ctx && isHeaderAgain(row, mapped, ctx)) return "header";

  const first = row[firstAt];
  const text = typeof first === "string" ? first.trim() : null;
  const compact = text === null ? null : /\s/.test(text) ? text.replace(/\s+/g, "") : text;
  if (compact !== null && OPENERS.has(compact[0])) {
    if (END.test(compact)) return "end";
    if (TOTAL.test(compact)) return "total";
    if (compact.length <= MAX_HEADING && HEADING.test(compact) && distinctValues(row, 2) === 1) return "heading";
  }

  let anyMapped = false;
  for (let i = 0; i < mapped.length; i++) {
    if (!isEmpty(row[mapped[i]])) {
      anyMapped = true;
      break;
    }
  }
  if (!anyMapped) return "blank";
  if (facts.span !== undefined && mergedAcross(row, facts.span, mapped)) return "heading";

  // Cases start with a number or a short code; only text can open a note.
  if (text === null) return "data";
  if (FOOTER.test(compact!) && distinctValues(row, 4) <= 3) return "footer";
  if (text.length > LONG_NOTE && text.length <= MAX_NOTE && !CODE_LIKE.test(text) && distinctValues(row, 2) === 1) return "footer";
  return "data";
}

function isSorted(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) return false;
  return true;
}

/** How many different non-empty values the row holds, counting up to `stop` at most. */
function distinctValues(row: readonly unknown[], stop: number): number {
  const seen: unknown[] = [];
  for (const v of row) {
    if (isEmpty(v)) continue;
    const t = typeof v === "string" ? v.trim() : v;
    if (!seen.includes(t)) {
      seen.push(t);
      if (seen.length >= stop) break;
    }
  }
  return seen.length;
}

/** The rows under the header that are not cases, as Excel numbers them (1-based), by what they are. */
export interface SkippedRows {
  heading: number[];
  /** The header printed again. */
  header: number[];
  /** 小计, 合计 and their like. */
  total: number[];
  /** Notes, 以下空白, signature lines, 填表说明, and anything written among them below the table's end. */
  note: number[];
  /**
   * Below the table's end, rows with something in the data columns but too little for a case (a numbered note in
   * cells of its own): not read as cases, and named to the clerk in case one is.
   */
  below: number[];
  /** The row where the table first ended (以下空白, a signature line, 填表说明), or null. */
  end: number | null;
}

export interface TableRows {
  /** Indexes (0-based) of the grid rows that hold cases. */
  data: number[];
  skipped: SkippedRows;
}

/**
 * Reads the rows under the header as one table: cases, and what is not (see RowKind), blank rows left out. Below the
 * table's end nothing is a case, unless the table goes on: the header printed again, or a row that fills at least
 * half of the data columns (three at least) — a case written under the signatures is read and validated, not lost.
 * `merges` (merged-areas.ts), when the reader could list them, tell a row merged across the data columns.
 */
export function tableRows(
  grid: readonly (readonly unknown[])[],
  header: Pick<HeaderResult<string>, "headerRow" | "columns"> & { labels?: readonly string[] },
  merges?: readonly MergedArea[],
): TableRows {
  const mapped = (Object.values(header.columns) as number[]).sort((a, b) => a - b);
  const ctx = rowContext(header);
  const spans = merges && merges.length > 0 ? mergedSpans(grid, merges, mapped) : null;
  const data: number[] = [];
  const skipped: SkippedRows = { heading: [], header: [], total: [], note: [], below: [], end: null };
  let ended = false;
  for (let r = header.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    let kind = classifyRow(row, mapped, ctx, spans ? { span: spans[r] } : {});
    if (ended) {
      if (kind === "header") ended = false;
      else if (kind === "data" && filledColumns(row, mapped) * 2 >= mapped.length && filledColumns(row, mapped) >= Math.min(3, mapped.length)) ended = false;
      else if (kind === "data") {
        skipped.below.push(r + 1);
        continue;
      } else if (kind === "blank" && row?.some((v) => !isEmpty(v))) kind = "footer";
      else if (kind !== "blank") kind = "footer";
    }
    switch (kind) {
      case "data": data.push(r); break;
      case "blank": break;
      case "heading": skipped.heading.push(r + 1); break;
      case "header": skipped.header.push(r + 1); break;
      case "total": skipped.total.push(r + 1); break;
      case "footer": skipped.note.push(r + 1); break;
      case "end":
        skipped.note.push(r + 1);
        skipped.end ??= r + 1;
        ended = true;
        break;
    }
  }
  return { data, skipped };
}

function filledColumns(row: readonly unknown[] | undefined, mapped: readonly number[]): number {
  let n = 0;
  if (row) for (const c of mapped) if (!isEmpty(row[c])) n++;
  return n;
}

/** Indexes (0-based) of the grid rows below the header that hold cases (tableRows). */
export function dataRowIndexes(
  grid: readonly (readonly unknown[])[],
  header: Pick<HeaderResult<string>, "headerRow" | "columns"> & { labels?: readonly string[] },
  merges?: readonly MergedArea[],
): number[] {
  return tableRows(grid, header, merges).data;
}
