import { COLUMNS, type ColumnKey } from "./columns.ts";

/** A sheet kind's columns as header detection needs them: the case ledger, the mediator roster. */
export interface Catalogue<K extends string> {
  readonly columns: readonly { key: K; header: string; synonyms: readonly string[]; party?: K }[];
}

export const CASE_CATALOGUE: Catalogue<ColumnKey> = { columns: COLUMNS };
import { headerKey, headerKeyWithoutRemarks } from "./header-text.ts";

/** Sub-headings that name the group itself: 申请人 → 姓名 is the applicant, 被申请人 → 名称 the respondent. */
const NAME_SUBHEADINGS = new Set(["姓名", "名称", "姓名或名称", "名字", "单位名称", "机关名称"]);

/** Where the ledger's header is and which column holds what. Indexes are 0-based into the grid. */
export interface HeaderResult<K extends string = ColumnKey> {
  /** First header row (the top row of a two-level header). */
  firstRow: number;
  /** Last header row; data starts below it. */
  headerRow: number;
  /** Canonical key → column index. */
  columns: Partial<Record<K, number>>;
  /** The header text of every column as the clerk wrote it (two-level headers joined with "/"). */
  labels: string[];
  /** Columns with a header that maps to no canonical column. */
  unmapped: number[];
}

export interface DetectOptions<K extends string = ColumnKey> {
  /** The clerk's corrections: key → column index, or null to unmap a key. Win over detection. */
  override?: Partial<Record<K, number | null>>;
  /** Which kind of sheet to look for; the case ledger unless said. */
  catalogue?: Catalogue<K>;
  /** How many rows from the top to search for the header. */
  scanRows?: number;
  /**
   * How many recognised headers make a header row; MIN_MATCHES unless said. A two-column sheet (the routing rules,
   * 纠纷领域 | 主管部门) can never name three.
   */
  minMatches?: number;
}

/** A row needs at least this many recognised headers to count as the header row. */
const MIN_MATCHES = 3;

interface Lookup<K extends string> {
  exact: Map<string, K>;
  bare: Map<string, K>;
  /** Longest names first, for "contains" matching of decorated headers like "案件编号（必填）". */
  byLength: [string, K][];
  /** Column → the party it is a detail of (ColumnSpec.party). */
  party: Map<K, K>;
}

const LOOKUPS = new WeakMap<Catalogue<string>, Lookup<string>>();

function lookupFor<K extends string>(catalogue: Catalogue<K>): Lookup<K> {
  let l = LOOKUPS.get(catalogue);
  if (!l) LOOKUPS.set(catalogue, (l = buildLookup(catalogue)));
  return l as Lookup<K>;
}

function buildLookup<K extends string>(catalogue: Catalogue<K>): Lookup<K> {
  const exact = new Map<string, K>();
  const bare = new Map<string, K>();
  const all: [string, K][] = [];
  const party = new Map<K, K>();
  for (const col of catalogue.columns) {
    if (col.party) party.set(col.key, col.party);
    for (const name of [col.header, ...col.synonyms]) {
      const k = headerKey(name);
      exact.set(k, col.key);
      const b = headerKeyWithoutRemarks(k);
      if (!bare.has(b)) bare.set(b, col.key);
      all.push([b, col.key]);
    }
  }
  all.sort((a, b) => b[0].length - a[0].length);
  return { exact, bare, byLength: all.filter(([name]) => name.length >= 2), party };
}

/** Which canonical column a header text names, if any. */
export function matchHeader<K extends string = ColumnKey>(text: unknown, catalogue?: Catalogue<K>): K | null {
  const LOOKUP = lookupFor(catalogue ?? (CASE_CATALOGUE as unknown as Catalogue<K>));
  const k = headerKey(text);
  if (!k) return null;
  const exact = LOOKUP.exact.get(k);
  if (exact) return exact;
  const bare = headerKeyWithoutRemarks(k);
  const b = LOOKUP.bare.get(bare);
  if (b) return b;
  // A decorated header ("案件编号（必填）", "申请人姓名或名称") contains a known name; the longest wins.
  // Long free text is a title or a note, not a header.
  if (bare.length > 12) return null;
  for (const [name, key] of LOOKUP.byLength) if (bare.includes(name)) return key;
  return null;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

interface Candidate<K extends string> {
  columns: Partial<Record<K, number>>;
  labels: string[];
  matched: number;
}

/** Maps one header row: each key goes to its first column; later columns with the same key stay unmapped. */
function mapSingle<K extends string>(row: readonly unknown[], width: number, cat: Catalogue<K>): Candidate<K> {
  const columns: Partial<Record<K, number>> = {};
  const labels: string[] = [];
  let matched = 0;
  for (let c = 0; c < width; c++) {
    const text = cellText(row[c]);
    labels.push(text);
    const key = matchHeader(text, cat);
    if (key && columns[key] === undefined) {
      columns[key] = c;
      matched++;
    }
  }
  return { columns, labels, matched };
}

/**
 * Which column a sub-heading names, read together with its group. Under a group that names a column (申请人,
 * 被申请人) a name sub-heading is that column, and a party's detail (证件号码, 电话) counts only under its own
 * party: 申请人/电话 is the phone, 被申请人/电话 nothing we keep. Under any other group ("调解情况") the
 * sub-heading is read on its own, or with the group in front of it ("申请" over "日期").
 */
function subHeadingKey<K extends string>(parent: string, sub: string, cat: Catalogue<K>): K | null {
  // exceljs repeats a vertically merged single-level header in both rows.
  if (!parent || parent === sub) return matchHeader(sub, cat);
  const group = matchHeader(parent, cat);
  if (!group) return matchHeader(sub, cat) ?? matchHeader(parent + sub, cat);
  if (NAME_SUBHEADINGS.has(headerKeyWithoutRemarks(headerKey(sub)))) return group;
  const key = matchHeader(sub, cat);
  if (!key) return null;
  const party = lookupFor(cat).party.get(key);
  return party === undefined || party === group ? key : null;
}

/**
 * Maps a two-level header: a group label ("申请人") over sub-labels ("姓名", "证件号码"). Merged group cells
 * arrive as one value followed by blanks (Office.js) or repeated (exceljs); both are carried to the right.
 */
function mapTwoLevel<K extends string>(top: readonly unknown[], sub: readonly unknown[], width: number, cat: Catalogue<K>): Candidate<K> {
  const columns: Partial<Record<K, number>> = {};
  const labels: string[] = [];
  let matched = 0;
  let group = "";
  for (let c = 0; c < width; c++) {
    const t = cellText(top[c]);
    const s = cellText(sub[c]);
    if (t) group = t;
    else if (!s) group = "";
    const parent = t || (s ? group : "");
    let key: K | null = null;
    let label = parent;
    if (s) {
      label = parent && parent !== s ? `${parent}/${s}` : s;
      key = subHeadingKey(parent, s, cat);
    } else if (parent) {
      key = matchHeader(parent, cat);
    }
    labels.push(label);
    if (key && columns[key] === undefined) {
      columns[key] = c;
      matched++;
    }
  }
  return { columns, labels, matched };
}

function rowWidth(grid: readonly (readonly unknown[])[], from: number, to: number): number {
  let w = 0;
  for (let r = from; r < to && r < grid.length; r++) w = Math.max(w, grid[r]?.length ?? 0);
  return w;
}

/**
 * Finds the header of a ledger as clerks keep it: title rows, a "填报单位" line, one or two header rows.
 * Returns null when no row names at least three known columns (`minMatches`).
 */
export function detectHeader<K extends string = ColumnKey>(
  grid: readonly (readonly unknown[])[],
  options: DetectOptions<K> = {},
): HeaderResult<K> | null {
  const cat = options.catalogue ?? (CASE_CATALOGUE as unknown as Catalogue<K>);
  const scan = Math.min(grid.length, options.scanRows ?? 30);
  const least = options.minMatches ?? MIN_MATCHES;
  const width = rowWidth(grid, 0, Math.min(grid.length, scan + 1));
  let best: { row: number; first: number; cand: Candidate<K> } | null = null;
  for (let r = 0; r < scan; r++) {
    const row = grid[r] ?? [];
    const single = mapSingle(row, width, cat);
    if (single.matched >= least && (!best || single.matched > best.cand.matched)) {
      best = { row: r, first: r, cand: single };
    }
    if (r + 1 < grid.length && single.matched >= 1) {
      const two = mapTwoLevel(row, grid[r + 1] ?? [], width, cat);
      if (two.matched >= least && two.matched > single.matched && (!best || two.matched > best.cand.matched)) {
        best = { row: r + 1, first: r, cand: two };
      }
    }
  }
  if (!best) return null;
  return applyOverride(
    { firstRow: best.first, headerRow: best.row, columns: best.cand.columns, labels: best.cand.labels, unmapped: [] },
    options.override,
  );
}

/** Applies the clerk's corrections and recomputes which labelled columns stay unmapped. */
export function applyOverride<K extends string = ColumnKey>(
  header: HeaderResult<K>,
  override?: DetectOptions<K>["override"],
): HeaderResult<K> {
  const columns: Partial<Record<K, number>> = { ...header.columns };
  if (override) {
    for (const [key, col] of Object.entries(override) as [K, number | null | undefined][]) {
      if (col === undefined) continue;
      // A column holds one thing: whatever the clerk put there replaces what detection guessed.
      for (const [k, c] of Object.entries(columns) as [K, number][]) if (c === col && k !== key) delete columns[k];
      if (col === null) delete columns[key];
      else columns[key] = col;
    }
  }
  const used = new Set(Object.values(columns) as number[]);
  const unmapped: number[] = [];
  header.labels.forEach((label, c) => {
    if (label && !used.has(c)) unmapped.push(c);
  });
  return { ...header, columns, unmapped };
}
