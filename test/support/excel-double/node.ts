// Node side: the Excel double driven directly, without a page: `run` plays Excel.run over a workbook from a seed.
import type { ExcelRunner } from "../../../addin/hosts/excel/excel-ledger-workbook.ts";
import { excelRun, type DoubleState } from "./context.ts";
import { workbookFromSeed, type WorkbookSeed } from "./model.ts";
import { newRecorder } from "./recorder.ts";

export interface ExcelDouble {
  /** The workbook and everything asked of it (syncs, reads, writes). */
  state: DoubleState;
  run: ExcelRunner;
}

export function excelDouble(seed: WorkbookSeed): ExcelDouble {
  const state: DoubleState = { workbook: workbookFromSeed(seed), recorder: newRecorder() };
  return { state, run: excelRun(state) };
}
