/**
 * The result block right of the ledger (校验结果 / 预警 / 导师): where it goes and what each row says.
 * The block is found again by its headers on later runs, so it is re-used, never duplicated; it is only ever
 * placed right of the used range, so it cannot cover a clerk's data.
 */
import type { HeaderResult } from "../../../ledger/header.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { Issue } from "../../../ledger/schema.ts";
import { cleanText } from "../../../ledger/text.ts";
import type { PushSummary } from "../../../ledger/api/push-engine.ts";
import type { Receipt } from "../../../ledger/api/push.ts";

type Flag = Receipt["flags"][number];
type Assignment = Receipt["assignments"][number];
type ServerIssue = Receipt["issues"][number];
import type { WriteBackBlock } from "../../hosts/ledger-workbook.ts";
import type { ValidationRun } from "./validate.ts";

export const WRITE_BACK_HEADERS = ["校验结果", "预警", "导师"] as const;
const MAX_TEXT = 500;

function lastSegment(label: string | undefined): string {
  return cleanText(label ?? "").split("/").pop()!.replace(/\s+/g, "");
}

/** 0-based column of the block: where its headers already are, else the first column right of the used range. */
export function locateBlock(header: HeaderResult, columnCount: number): number {
  for (let c = 0; c + WRITE_BACK_HEADERS.length <= header.labels.length; c++) {
    if (WRITE_BACK_HEADERS.every((h, i) => lastSegment(header.labels[c + i]) === h)) return c;
  }
  return Math.max(columnCount, header.labels.length);
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

function resultText(issues: readonly (Issue | ServerIssue)[], rejected: boolean, pushed: boolean, locale: Locale): string {
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  const messages = [...errors, ...warnings].map((i) => i.message).join(locale === "en" ? "; " : "；");
  const zh = locale !== "en";
  if (rejected) return clip(`${zh ? "✗ 未入库：" : "✗ Not stored: "}${messages}`);
  if (errors.length > 0) {
    return clip(`${zh ? `✗ ${errors.length} 个错误` : `✗ ${errors.length} error(s)`}${warnings.length ? (zh ? `、${warnings.length} 个警告` : `, ${warnings.length} warning(s)`) : ""}${zh ? "：" : ": "}${messages}`);
  }
  if (warnings.length > 0) return clip(`${zh ? `⚠ ${warnings.length} 个警告：` : `⚠ ${warnings.length} warning(s): `}${messages}`);
  if (pushed) return zh ? "✓ 已上报" : "✓ Pushed";
  return zh ? "✓ 通过" : "✓ Valid";
}

const SEVERITY_ZH = { high: "高", medium: "中", low: "低" } as const;

function flagText(flags: readonly Flag[], locale: Locale): string {
  return clip(
    flags
      .map((f) => (locale === "en" ? `[${f.severity}] ${f.message.en}` : `【${SEVERITY_ZH[f.severity] ?? f.severity}】${f.message.zh}`))
      .join(locale === "en" ? "; " : "；"),
  );
}

function mentorText(assignments: readonly Assignment[], locale: Locale): string {
  return clip(
    assignments
      .map((a) => `${a.mentor.name}${locale === "en" ? `: ${a.reason.en}` : `：${a.reason.zh}`}`)
      .join(locale === "en" ? "; " : "；"),
  );
}

/** The case number of each validated row, read the way validation reads it (cleaned text). */
export function caseNumbers(grid: readonly (readonly unknown[])[], run: ValidationRun): Map<string, number> {
  const byCase = new Map<string, number>();
  const col = run.header.columns.caseNo;
  for (const r of run.result.rows) {
    // The cell itself, not r.case: a case number is cleaned text either way, and a row's case is made on demand.
    const caseNo = col === undefined ? "" : cleanText(grid[r.row - 1]?.[col]);
    if (caseNo && !byCase.has(caseNo)) byCase.set(caseNo, r.row);
  }
  return byCase;
}

function addTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function caseOfAssignment(a: Assignment): string | null {
  return a.kind === "case" ? a.target.caseNo : null;
}

export function buildWriteBack(
  sheetName: string,
  grid: readonly (readonly unknown[])[],
  run: ValidationRun,
  locale: Locale,
  summary: PushSummary | null = null,
): WriteBackBlock {
  const rows = run.result.rows;
  const byCase = caseNumbers(grid, run);
  const flagsByRow = new Map<number, Flag[]>();
  for (const f of summary?.flags ?? []) {
    const row = f.caseNo ? byCase.get(f.caseNo) : undefined;
    if (row !== undefined) addTo(flagsByRow, row, f);
  }
  const mentorsByRow = new Map<number, Assignment[]>();
  for (const a of summary?.assignments ?? []) {
    const caseNo = caseOfAssignment(a);
    const row = caseNo ? byCase.get(caseNo) : undefined;
    if (row !== undefined) addTo(mentorsByRow, row, a);
  }
  const serverIssues = new Map<number, ServerIssue[]>();
  for (const i of summary?.issues ?? []) addTo(serverIssues, i.row, i);
  const rejected = new Set(summary?.rejectedRows ?? []);

  const cells = new Map<number, string[]>();
  for (const r of rows) {
    const issues = summary ? (serverIssues.get(r.row) ?? []) : r.issues;
    cells.set(r.row, [
      resultText(issues, rejected.has(r.row), summary !== null, locale),
      flagText(flagsByRow.get(r.row) ?? [], locale),
      mentorText(mentorsByRow.get(r.row) ?? [], locale),
    ]);
  }
  const firstRow = run.header.headerRow + 2;
  const lastRow = rows.reduce((m, r) => Math.max(m, r.row), firstRow);
  const columnCount = grid.reduce((m, row) => Math.max(m, row.length), 0);
  return {
    sheetName,
    column: locateBlock(run.header, columnCount),
    headerRow: run.header.headerRow + 1,
    headers: WRITE_BACK_HEADERS,
    firstRow,
    lastRow,
    cells,
  };
}
