/** Columns page: show the detected mapping, let the clerk fix a column, keep the fix in the workbook. */
import { COLUMNS, columnLetter, columnName, type ColumnKey } from "../../../ledger/columns.ts";
import { detectHeader, type HeaderResult } from "../../../ledger/header.ts";
import type { Locale } from "../../../ledger/messages.ts";

export const COLUMN_SETTINGS_KEY = "columns";

/** What is saved in workbook.settings: only the clerk's corrections, detection does the rest each run. */
export interface ColumnSettings {
  version: 1;
  override: Partial<Record<ColumnKey, number | null>>;
}

export function emptyColumnSettings(): ColumnSettings {
  return { version: 1, override: {} };
}

/** Settings read from a workbook may be anything (older add-in, hand-edited): keep only sound entries. */
export function readColumnSettings(raw: unknown): ColumnSettings {
  const out = emptyColumnSettings();
  const override = (raw as { override?: unknown } | null)?.override;
  if (!override || typeof override !== "object") return out;
  const keys = new Set<string>(COLUMNS.map((c) => c.key));
  for (const [k, v] of Object.entries(override)) {
    if (!keys.has(k)) continue;
    if (v === null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < 16_384)) out.override[k as ColumnKey] = v as number | null;
  }
  return out;
}

export function detectWithSettings(grid: unknown[][], settings: ColumnSettings): HeaderResult | null {
  return detectHeader(grid, { override: settings.override });
}

export interface ColumnOption {
  /** 0-based column, or null for "no such column". */
  index: number | null;
  text: string;
}

/** The columns a field can be mapped to: every column of the header row, shown as "C · 收案日期". */
export function columnOptions(header: HeaderResult, noneText: string): ColumnOption[] {
  const options: ColumnOption[] = [{ index: null, text: noneText }];
  header.labels.forEach((label, i) => {
    const name = label.replace(/\s+/g, " ").trim();
    options.push({ index: i, text: name ? `${columnLetter(i)} · ${name}` : columnLetter(i) });
  });
  return options;
}

export interface MappingRow {
  key: ColumnKey;
  field: string;
  required: boolean;
  column: number | null;
  /** The clerk chose this, rather than detection. */
  overridden: boolean;
}

export function mappingRows(header: HeaderResult, settings: ColumnSettings, locale: Locale): MappingRow[] {
  return COLUMNS.map((c) => ({
    key: c.key,
    field: columnName(c.key, locale),
    required: c.required,
    column: header.columns[c.key] ?? null,
    overridden: c.key in settings.override,
  }));
}

/**
 * The clerk maps `key` to `column` (or to nothing). A column holds one field, so a field detection had put
 * on that column is unmapped explicitly.
 */
export function chooseColumn(settings: ColumnSettings, header: HeaderResult, key: ColumnKey, column: number | null): ColumnSettings {
  const override = { ...settings.override, [key]: column };
  if (column !== null) {
    for (const c of COLUMNS) {
      if (c.key !== key && (override[c.key] ?? header.columns[c.key]) === column) override[c.key] = null;
    }
  }
  return { version: 1, override };
}

/** Excel row (1-based) of the header's last row, for "the header is row N". */
export function headerRowNumber(header: HeaderResult): number {
  return header.headerRow + 1;
}
