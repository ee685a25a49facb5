// Node side: the Excel double driven directly, without a page: `run` plays Excel.run over a workbook from a seed.
import type { ExcelRunner } from "../../../addin/hosts/excel/excel-ledger-workbook.ts";
import { DEFAULT_EXCEL_API_MINOR, excelApiMinor, excelRun, type DoubleState } from "./context.ts";
import { workbookFromSeed, type WorkbookSeed } from "./model.ts";
import { newRecorder } from "./recorder.ts";

export interface ExcelDouble {
  /** The workbook and everything asked of it (syncs, reads, writes). */
  state: DoubleState;
  run: ExcelRunner;
  /** Office.context.requirements.isSetSupported as this Excel answers it. */
  isSetSupported(name: string, version: string): boolean;
}

/** `excelApi`: the ExcelApi version this Excel claims ("1.7"); calls above it are recorded and fail (context.ts). */
export function excelDouble(seed: WorkbookSeed, o: { excelApi?: string } = {}): ExcelDouble {
  const excelApiMinorClaimed = o.excelApi === undefined ? DEFAULT_EXCEL_API_MINOR : excelApiMinor(o.excelApi);
  const state: DoubleState = { workbook: workbookFromSeed(seed), recorder: newRecorder(), excelApiMinor: excelApiMinorClaimed };
  const isSetSupported = (name: string, version: string) => name === "ExcelApi" && excelApiMinor(version) <= excelApiMinorClaimed;
  return { state, run: excelRun(state), isSetSupported };
}
