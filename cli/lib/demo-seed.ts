// Demo data for `npm start`: the 泉港区 units of DOMAIN §1, a mediator roster, and the sample ledgers pushed through
// the API as each unit's clerk would.
import path from "node:path";
import type { HeaderResult } from "../../ledger/header.ts";
import { createClient } from "./client.ts";
import { findLedgerSheet } from "./find-ledger.ts";
import { chunkRows, pushRows } from "./ledger-rows.ts";
import { readWorkbook } from "./read-workbook.ts";
import { sendPush } from "./send-push.ts";

export const DEMO_TOWNS = ["山腰街道", "南埔镇", "界山镇", "后龙镇", "峰尾镇", "前黄镇", "涂岭镇"];
export const DEMO_DEPARTMENTS = [
  "区公安分局", "区信访局", "区工信局", "区商务局", "区教育局", "区人社局", "区自然资源局", "区住建局", "区卫健局", "区应急局",
  "区市场监督管理局", "区工商联", "区侨联", "区生态环境局", "交警大队", "区司法局", "区法院",
];
export const DEMO_CENTRE = "区行政争议调解中心";

/** name, tier, background, unit, expertise domains, capacity */
const ROSTER: [string, string, string | null, string, string[], number][] = [
  ["林志强", "金牌调解员", "退休法官", DEMO_CENTRE, ["征地拆迁", "城市管理"], 6],
  ["陈秀英", "金牌调解员", "律师", DEMO_CENTRE, ["劳动人事争议", "医疗卫生"], 6],
  ["黄建华", "金牌调解员", "仲裁员", "区司法局", ["劳动人事争议", "物业纠纷"], 5],
  ["郑丽华", "金牌调解员", "法律专家", DEMO_CENTRE, ["环境保护", "海洋渔业", "交通事故"], 5],
  ["刘伟", "星牌调解员", "村两委", "山腰街道", ["物业纠纷", "征地拆迁"], 4],
  ["王芳", "星牌调解员", "社会贤达", "南埔镇", ["教育", "交通事故"], 4],
  ["张明", "星牌调解员", "人大代表", "区人社局", ["劳动人事争议"], 4],
  ["李娜", "星牌调解员", "政协委员", "峰尾镇", ["海洋渔业", "物价纠纷"], 4],
  ["吴海峰", "普通调解员", null, "界山镇", ["城市管理"], 3],
  ["蔡雅琴", "特邀调解员", "律师", "区法院", ["知识产权", "文化旅游"], 3],
];

const q = (s: string | null) => (s === null ? "NULL" : `'${s.replaceAll("'", "''")}'`);

/** Units and roster as SQL for `wrangler d1 execute` before the Worker starts (no API owns the roster yet). */
export function demoSetupSql(): string {
  const units = [
    ...DEMO_TOWNS.map((n) => [n, "town"]),
    ...DEMO_DEPARTMENTS.map((n) => [n, "department"]),
    [DEMO_CENTRE, "centre"],
  ];
  const lines = units.map(([n, k]) => `INSERT INTO units (name, kind) VALUES (${q(n)}, ${q(k)}) ON CONFLICT (name) DO NOTHING;`);
  for (const [name, tier, background, unit, expertise, capacity] of ROSTER) {
    lines.push(
      `INSERT INTO mediators (name, unit_id, tier, background, expertise, capacity) SELECT ${q(name)}, id, ${q(tier)}, ${q(background)}, ${q(JSON.stringify(expertise))}, ${capacity} FROM units WHERE name = ${q(unit)} ON CONFLICT DO NOTHING;`,
    );
  }
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
  for (const file of files) {
    const { sheet, header } = findLedgerSheet(await readWorkbook(file));
    const unit = unitOf(sheet.grid, header, units, file);
    if (!unit) continue;
    const clerk = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit, label: "演示 demo seed" } });
    const totals = await sendPush(createClient(url, clerk.token), chunkRows(pushRows(sheet.grid, header)), { wholeLedger: true });
    const c = totals.counts;
    done.push({ file, unit, summary: `新增 ${c.inserted} inserted, 退回 ${c.rejected} rejected` });
  }
  return done;
}
