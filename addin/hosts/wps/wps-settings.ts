/**
 * Workbook settings (column fixes, the sheets we own, each sheet's unit) kept inside the workbook in WPS 表格, where
 * there is no `workbook.settings`: a very hidden sheet named SETTINGS_SHEET, one setting per row — its key in A, its
 * JSON in B, C, … (split every SETTINGS_CHUNK_CHARS, under a cell's 32,767-character limit).
 *
 * Why a sheet and not the workbook's custom document properties: a text property holds at most 255 characters
 * (Office's file format, which WPS follows), and the column fixes of a wide ledger or the units of a workbook of many
 * sheets are longer. A very hidden sheet (xlSheetVeryHidden) is saved in .xlsx and .et alike, survives save and reopen
 * in WPS and Excel, and is not offered by 取消隐藏, so a clerk does not stumble on it; it holds as much as a sheet does.
 * Every cell is written with a "~" in front, so WPS never reads a setting as a number, date or formula.
 */
import { sheetNamed, XL_SHEET_VERY_HIDDEN, valueRows, type WpsApplication, type WpsWorkbook, type WpsWorksheet } from "./wps-api.ts";
import { rangeAddress } from "../shared/cells.ts";

export const SETTINGS_SHEET = "tiaojie-settings";
export const SETTINGS_CHUNK_CHARS = 30_000;
const MARK = "~";

/** The settings sheet's rows as key → JSON text; empty when there is no settings sheet. */
export function readSettingsSheet(sheet: WpsWorksheet | null): { rows: Map<string, { row: number; width: number; json: string }>; lastRow: number } {
  const rows = new Map<string, { row: number; width: number; json: string }>();
  if (!sheet) return { rows, lastRow: 0 };
  const used = sheet.UsedRange;
  const lastRow = used.Row + used.Rows.Count - 1;
  const lastColumn = used.Column + used.Columns.Count - 1;
  const values = valueRows(sheet.Range(rangeAddress(1, 0, lastRow, lastColumn - 1)).Value2, lastRow, lastColumn);
  values.forEach((line, r) => {
    const key = unmark(line[0]);
    if (key === null) return;
    let json = "";
    let width = 1;
    for (let c = 1; c < line.length; c++) {
      const part = unmark(line[c]);
      if (part === null) break;
      json += part;
      width = c + 1;
    }
    rows.set(key, { row: r + 1, width, json });
  });
  return { rows, lastRow: values.length === 1 && unmark(values[0][0]) === null ? 0 : lastRow };
}

function unmark(v: unknown): string | null {
  return typeof v === "string" && v.startsWith(MARK) ? v.slice(MARK.length) : null;
}

export function parseJsonSetting<T>(json: string | undefined): T | null {
  if (json === undefined) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

export function loadSettingNow<T>(workbook: WpsWorkbook, key: string, sheetName = SETTINGS_SHEET): T | null {
  return parseJsonSetting<T>(readSettingsSheet(sheetNamed(workbook, sheetName)).rows.get(key)?.json);
}

/**
 * Writes one setting: replaces its row, or adds one below the others; the first time, adds the very hidden sheet
 * and gives the clerk's active sheet back. A handful of calls plus one Value2 write, whatever the size.
 */
export function saveSettingNow(app: WpsApplication, workbook: WpsWorkbook, key: string, value: unknown, sheetName = SETTINGS_SHEET): void {
  let sheet = sheetNamed(workbook, sheetName);
  if (!sheet) {
    const active = app.ActiveSheet;
    const sheets = workbook.Worksheets;
    sheet = sheets.Add(undefined, sheets.Item(sheets.Count));
    sheet.Name = sheetName;
    // Adding made it active; a very hidden sheet cannot stay active, and the clerk keeps working where they were.
    active?.Activate();
    sheet.Visible = XL_SHEET_VERY_HIDDEN;
  }
  const { rows, lastRow } = readSettingsSheet(sheet);
  const json = JSON.stringify(value ?? null);
  const parts: string[] = [];
  for (let i = 0; i < json.length || parts.length === 0; i += SETTINGS_CHUNK_CHARS) parts.push(MARK + json.slice(i, i + SETTINGS_CHUNK_CHARS));
  const old = rows.get(key);
  const row = old?.row ?? lastRow + 1;
  const width = Math.max(old?.width ?? 0, parts.length + 1);
  const line = [MARK + key, ...parts];
  while (line.length < width) line.push("");
  sheet.Range(rangeAddress(row, 0, row, width - 1)).Value2 = [line];
}
