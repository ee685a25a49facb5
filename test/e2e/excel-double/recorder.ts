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
}

export type WriteKind =
  | "values" | "numberFormat" | "fill" | "bold" | "autofit" | "addConditionalFormat" | "conditionalFormatRule"
  | "conditionalFormatFill" | "deleteConditionalFormat" | "setting" | "addSheet" | "deleteSheet" | "activate" | "select"
  | "addTable" | "tableName" | "tableStyle" | "addChart" | "chart";

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
}

export function newRecorder(): Recorder {
  return { runs: 0, syncs: [], writes: [] };
}

/** Writes that change what the clerk's workbook holds (activating or selecting a sheet does not). */
export function contentWrites(writes: readonly WriteRecord[]): WriteRecord[] {
  return writes.filter((w) => w.kind !== "activate" && w.kind !== "select");
}
