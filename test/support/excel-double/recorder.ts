// What the task pane asked of Excel: every sync (with the operations it carried) and every write.
export interface SyncRecord {
  /** 1-based, across every Excel.run of the page. */
  index: number;
  run: number;
  ops: string[];
  requestBytes: number;
  responseBytes: number;
  /** performance.now() when the sync was sent. */
  at: number;
  failed?: string;
  /** What the sync carried: loads only, changes only, both, or neither (getting objects alone). */
  kind: SyncKind;
}

export type SyncKind = "read" | "write" | "read+write" | "empty";

/** One property load answered by a sync (a collection's load counts once). */
export interface ReadRecord {
  sync: number;
  object: string;
  properties: string[];
  sheet?: string;
  /** For ranges: the A1 address read, without the sheet. */
  address?: string;
  /** JSON bytes of the answer. */
  bytes: number;
}

export type WriteKind =
  | "values" | "numberFormat" | "fill" | "bold" | "autofit" | "addConditionalFormat" | "conditionalFormatRule"
  | "conditionalFormatFill" | "deleteConditionalFormat" | "setting" | "addSheet" | "deleteSheet" | "activate" | "select"
  | "addTable" | "tableName" | "tableStyle" | "addChart" | "chart" | "merge" | "columnWidth" | "rowHeight" | "wrapText" | "horizontalAlignment"
  | "footer" | "font" | "pageLayout" | "pageBreak" | "freeze";

export interface WriteRecord {
  sync: number;
  kind: WriteKind;
  sheet?: string;
  address?: string;
  detail?: unknown;
}

export interface Recorder {
  runs: number;
  syncs: SyncRecord[];
  writes: WriteRecord[];
  reads: ReadRecord[];
  /** Calls above the ExcelApi version the double claims ("Worksheet.getRanges (ExcelApi 1.9)"), in order. */
  aboveSet: string[];
}

export function newRecorder(): Recorder {
  return { runs: 0, syncs: [], writes: [], reads: [], aboveSet: [] };
}

/** The kind of each sync, in order. */
export function syncKinds(recorder: Recorder, since = 0): SyncKind[] {
  return recorder.syncs.slice(since).map((s) => s.kind);
}

/** Writes that change what the clerk's workbook holds (activating or selecting a sheet does not). */
export function contentWrites(writes: readonly WriteRecord[]): WriteRecord[] {
  return writes.filter((w) => w.kind !== "activate" && w.kind !== "select");
}
