// Demo data for `npm start`: the 泉港区 units of DOMAIN §1, then through the API the mediator roster
// (samples/roster-2026.xlsx, as a coordinator) and the sample ledgers (as each unit's clerk).
import path from "node:path";
import type { HeaderResult } from "../../ledger/header.ts";
import { createClient } from "./client.ts";
import { findLedgerSheet } from "./find-ledger.ts";
import { columnLetters, sheetRows } from "../../ledger/api/push-rows.ts";
import { pushAll } from "../../ledger/api/push-engine.ts";
import { dataRowIndexes } from "../../ledger/data-rows.ts";
import { readWorkbook } from "./read-workbook.ts";
import { findRosterSheet, pushRoster } from "./roster-push.ts";

export const DEMO_TOWNS = ["山腰街道", "南埔镇", "界山镇", "后龙镇", "峰尾镇", "前黄镇", "涂岭镇"];
export const DEMO_DEPARTMENTS = [
  "区公安分局", "区信访局", "区工信局", "区商务局", "区教育局", "区人社局", "区自然资源局", "区住建局", "区卫健局", "区应急局",
  "区市场监督管理局", "区工商联", "区侨联", "区生态环境局", "交警大队", "区司法局", "区法院",
];
export const DEMO_CENTRE = "区行政争议调解中心";

const q = (s: string | null) => (s === null ? "NULL" : `'${s.replaceAll("'", "''")}'`);

/** Units as SQL for `wrangler d1 execute` before the Worker starts; the roster is pushed later through PUT /api/roster. */
export function demoSetupSql(): string {
  const units = [
    ...DEMO_TOWNS.map((n) => [n, "town"]),
    ...DEMO_DEPARTMENTS.map((n) => [n, "department"]),
    [DEMO_CENTRE, "centre"],
  ];
  const lines = units.map(([n, k]) => `INSERT INTO units (name, kind) VALUES (${q(n)}, ${q(k)}) ON CONFLICT (name) DO NOTHING;`);
  return lines.join("\n") + "\n";
}

/** The samples shipped in samples/ (their titles use full agency names, e.g. 泉港区人力资源和社会保障局). */
const SAMPLE_UNITS: Record<string, string> = { "shanyao-": "山腰街道", "nanpu-": "南埔镇", "renshe-": "区人社局" };

/**
 * The configured unit a sample ledger belongs to: named in its title rows (above the header), else the most common
 * value of its unit column, else in its file name.
 */
function unitOf(grid: readonly (readonly unknown[])[], header: HeaderResult, units: string[], file: string): string | null {
  const known = Object.entries(SAMPLE_UNITS).find(([prefix]) => path.basename(file).startsWith(prefix));
  if (known) return known[1];
  for (let r = 0; r < header.firstRow; r++) {
    for (const v of grid[r] ?? []) {
      if (typeof v !== "string") continue;
      const named = units.filter((u) => v.includes(u)).sort((a, b) => b.length - a.length)[0];
      if (named) return named;
    }
  }
  const col = header.columns.unit;
  if (col !== undefined) {
    const counts = new Map<string, number>();
    for (let r = header.headerRow + 1; r < grid.length; r++) {
      const v = grid[r]?.[col];
      if (typeof v === "string" && units.includes(v.trim())) counts.set(v.trim(), (counts.get(v.trim()) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (top) return top[0];
  }
  return units.find((u) => path.basename(file).includes(u)) ?? null;
}

export async function seedDemo(url: string, adminToken: string, files: string[]): Promise<{ file: string; unit: string; summary: string }[]> {
  const admin = createClient(url, adminToken);
  const units = [...DEMO_TOWNS, ...DEMO_DEPARTMENTS];
  const done: { file: string; unit: string; summary: string }[] = [];
  // Roster first, as a coordinator would push it, so the ledgers' 调解员 cells are checked against it.
  const workbooks = await Promise.all(files.map(async (file) => ({ file, sheets: await readWorkbook(file) })));
  const rosters = workbooks.filter((w) => findRosterSheet(w.sheets) !== null);
  if (rosters.length > 0) {
    const coordinator = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "coordinator", label: "演示 demo seed" } });
    for (const w of rosters) {
      const { receipt: r } = await pushRoster(createClient(url, coordinator.token), findRosterSheet(w.sheets)!, { wholeRoster: true, locale: "zh-CN" });
      done.push({ file: w.file, unit: "调解员名册 roster", summary: `新增 ${r.counts.inserted} inserted, 退回 ${r.counts.rejected} rejected` });
    }
  }
  for (const { file, sheets } of workbooks) {
    if (findRosterSheet(sheets) !== null) continue;
    const { sheet, header } = findLedgerSheet(sheets);
    const unit = unitOf(sheet.grid, header, units, file);
    if (!unit) continue;
    const clerk = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit, label: "演示 demo seed" } });
    const rows = sheetRows(sheet.grid, header.columns, dataRowIndexes(sheet.grid, header).map((r) => r + 1));
    const { summary: c } = await pushAll(createClient(url, clerk.token), rows, { wholeLedger: true, locale: "zh-CN", columns: columnLetters(header.columns, sheet.columns) });
    done.push({ file, unit, summary: `新增 ${c.inserted} inserted, 退回 ${c.rejected} rejected` });
  }
  return done;
}
