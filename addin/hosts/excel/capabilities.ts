/**
 * What this Excel can do, from the ExcelApi requirement sets it says it supports. The manifest asks only for
 * ExcelApi 1.1 (scripts/manifest.ts says why), so every Excel that can show the pane opens it; what each feature
 * needs above that is checked here, once, and the Excel workbooks take the way this Excel allows:
 *
 * | ExcelApi | what it brings to the pane                                    | below it                                       |
 * |----------|---------------------------------------------------------------|------------------------------------------------|
 * | 1.4      | workbook settings, `…OrNullObject` (used range, sheets, items) | no workbook: the pane opens as outside Excel   |
 * | 1.6      | conditional formats, `customOrNullObject` (issue marks)         | no marks; issues are listed in the pane only   |
 * | 1.7      | chart series x values (`setXAxisValues`), reversed bar order,  | report sheets without charts; header rows not  |
 * |          | frozen panes                                                  | frozen on screen                               |
 * | 1.8      | chart axis number format                                      | Excel's own axis format                        |
 * | 1.9      | RangeAreas (`getRanges`, `getSelectedRanges`), page layout     | one mark format per area; first selected area; |
 * |          | (A4, fitted to the width, header rows on every page, breaks)   | reports print as this Excel's defaults, without |
 * |          |                                                               | page numbers or repeated header rows           |
 * | 1.13     | merged areas (`getMergedAreasOrNullObject`)                    | merged cells read as stored                    |
 */
import type { HostLimit } from "../host.ts";

export interface ExcelCapabilities {
  /** ExcelApi 1.4: settings and null objects; without them the pane does not touch the workbook. */
  workbook: boolean;
  /** ExcelApi 1.6: conditional formats, so issue marks that never touch a cell's own fill. */
  marks: boolean;
  /** ExcelApi 1.7: chart series categories, without which our charts would be wrong, so they are left out. */
  charts: boolean;
  /** ExcelApi 1.8: a chart axis's number format. */
  chartNumberFormat: boolean;
  /** ExcelApi 1.9: RangeAreas (marks in few formats, Ctrl-click selections). */
  rangeAreas: boolean;
  /** ExcelApi 1.7: frozen panes (a report's header rows stay in view). */
  freezePanes: boolean;
  /** ExcelApi 1.9: page layout (A4, fit to width, print titles, page breaks, footers). */
  pageLayout: boolean;
  /** ExcelApi 1.13: merged areas. */
  mergedAreas: boolean;
}

/** Office.context.requirements.isSetSupported, or a stand-in for it (tests). */
export type SetSupported = (name: string, version: string) => boolean;

export function excelCapabilities(isSetSupported: SetSupported): ExcelCapabilities {
  const has = (minor: number) => isSetSupported("ExcelApi", `1.${minor}`) === true;
  return {
    workbook: has(4),
    marks: has(6),
    charts: has(7),
    chartNumberFormat: has(8),
    rangeAreas: has(9),
    freezePanes: has(7),
    pageLayout: has(9),
    mergedAreas: has(13),
  };
}

/**
 * Without office.js there is no Excel to ask (Node tests driving the workbooks through their own runner): the
 * workbooks then use what Excel on the web has, except merged areas, as they did before this check existed.
 */
export const WITHOUT_OFFICE: ExcelCapabilities = { workbook: true, marks: true, charts: true, chartNumberFormat: true, rangeAreas: true, freezePanes: true, pageLayout: true, mergedAreas: false };

/** What the running Excel supports; asked of office.js each time (cheap), so a test can change its answer. */
export function officeCapabilities(): ExcelCapabilities {
  const requirements = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  if (!requirements?.isSetSupported) return WITHOUT_OFFICE;
  return excelCapabilities((name, version) => requirements.isSetSupported(name, version));
}

/** What the pane tells the clerk this Excel cannot do, most important first. */
export function excelLimits(c: ExcelCapabilities): HostLimit[] {
  if (!c.workbook) return ["workbook"];
  const limits: HostLimit[] = [];
  if (!c.marks) limits.push("marks");
  if (!c.mergedAreas) limits.push("mergedCells");
  if (!c.rangeAreas) limits.push("multiAreaSelection");
  if (!c.charts) limits.push("charts");
  else if (!c.chartNumberFormat) limits.push("chartNumberFormat");
  if (!c.pageLayout) limits.push("pageNumbers");
  return limits;
}
