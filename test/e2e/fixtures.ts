// Workbooks for the browser tests: the committed samples and generated ledgers, as Excel would hand them over.
import path from "node:path";
import { ROOT } from "../../scripts/dev/dev-server.ts";
import type { CaseRow } from "../../ledger/schema.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS, type LayoutColumn } from "../fixtures/ledger-layout.ts";
import { addLedgerSheet } from "../fixtures/write-xlsx.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";
import { seedFromBuilt, seedFromXlsx } from "../support/excel-double/seed.ts";

/**
 * The day the committed samples and the 2026 districts of these tests are read on (the CLI's tests pass it as
 * --today): their dates are fixed, so their sessions pin the Worker's and the pane's clock to it.
 */
export const SAMPLE_DAY = "2026-11-25";

export function sampleSeed(file: string): Promise<WorkbookSeed> {
  return seedFromXlsx(path.join(ROOT, "samples", file));
}

export interface GeneratedLedger {
  seed: WorkbookSeed;
  cases: CaseRow[];
  /** Excel row (1-based) of each case. */
  caseRows: number[];
  columns: LayoutColumn[];
}

export async function generatedLedger(o: { unit: string; prefix: string; count: number; seed?: number; columns?: LayoutColumn[]; sheet?: string }): Promise<GeneratedLedger> {
  const cases = generateCases({ seed: o.seed ?? 5, count: o.count, unit: o.unit, prefix: o.prefix });
  const columns = o.columns ?? STANDARD_COLUMNS;
  const laid = layOut(cases, { title: `${o.unit}行政争议调解工作台账（2026年）`, columns, dateStyle: "iso", totalRow: false });
  const seed = await seedFromBuilt((wb) => addLedgerSheet(wb, o.sheet ?? "台账", laid));
  return { seed, cases, caseRows: laid.caseRows, columns };
}

/** The standard columns with one header a detector cannot know (the clerk has to map it by hand). */
export function columnsWithUnknownHeader(key: LayoutColumn["key"], header: string): LayoutColumn[] {
  return STANDARD_COLUMNS.map((c) => (c.key === key ? { ...c, header } : c));
}
