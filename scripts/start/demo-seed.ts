// Demo data for `npm start`, all of it through the Worker's API as people would make it: the admin adds the 泉港区
// units of DOMAIN §1 (POST /api/units) and makes the tokens; a coordinator pushes the mediator roster
// (samples/roster-2026.xlsx) and each unit's clerk pushes its sample ledger, both with `tiaojie push` (the CLI run
// as a program, so the files are read and pushed exactly as a clerk's would be). The coordinator also pushes the
// routing place sheet (samples/routing-places-2026.xlsx) and routes the centre's intake sheet
// (samples/intake-2026.xlsx) with `tiaojie route --confirm`, so towns and departments have cases to sign for. No SQL here.
import { execFile } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import { ApiError, createApiClient } from "../../ledger/api/client.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import type { UnitKind } from "../../ledger/api/units.ts";
import { detectHeader, type HeaderResult } from "../../ledger/header.ts";
import { looksLikeRoster } from "../../ledger/roster.ts";
import { ruleSheetKind } from "../../ledger/routing/rule-sheet-kind.ts";
import { ROOT } from "../dev/dev-server.ts";

export const DEMO_TOWNS = ["山腰街道", "南埔镇", "界山镇", "后龙镇", "峰尾镇", "前黄镇", "涂岭镇"];
export const DEMO_DEPARTMENTS = [
  "区公安分局", "区信访局", "区工信局", "区商务局", "区教育局", "区人社局", "区自然资源局", "区住建局", "区卫健局", "区应急局",
  "区市场监督管理局", "区工商联", "区侨联", "区生态环境局", "交警大队", "区司法局", "区法院",
];
export const DEMO_CENTRE = "区行政争议调解中心";

/** Every demo unit with its kind, in the order they are added. */
export function demoUnits(): { name: string; kind: UnitKind }[] {
  return [
    ...DEMO_TOWNS.map((name) => ({ name, kind: "town" as const })),
    ...DEMO_DEPARTMENTS.map((name) => ({ name, kind: "department" as const })),
    { name: DEMO_CENTRE, kind: "centre" },
  ];
}

/** Intake sheets (收案登记) of the centre: routed, not pushed as a unit's ledger. */
const INTAKE_PREFIX = "intake-";

/** The samples shipped in samples/ (their titles use full agency names, e.g. 泉港区人力资源和社会保障局). */
const SAMPLE_UNITS: Record<string, string> = { "shanyao-": "山腰街道", "nanpu-": "南埔镇", "renshe-": "区人社局" };

/**
 * Each sheet's cells as text, only to tell a roster from a ledger and to find a ledger's unit; the push itself
 * reads the file again in `tiaojie push`.
 */
async function sheetGrids(file: string): Promise<string[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const grid: string[][] = Array.from({ length: ws.rowCount }, () => []);
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        grid[r - 1][c - 1] = cell.text;
      });
    });
    return grid.map((cells) => Array.from(cells, (v) => v ?? ""));
  });
}

type SampleKind = { roster: true; rules?: false } | { roster: false; rules: true } | { roster: false; rules?: false; grid: string[][]; header: HeaderResult };

/**
 * As `tiaojie push` decides: the first sheet with a rule-sheet, roster or ledger header is a routing rule sheet, a
 * roster, or the ledger's header.
 */
function kindOf(grids: string[][][]): SampleKind | null {
  for (const grid of grids) {
    if (ruleSheetKind(grid)) return { roster: false, rules: true };
    if (looksLikeRoster(grid)) return { roster: true };
    const header = detectHeader(grid);
    if (header) return { roster: false, grid, header };
  }
  return null;
}

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

/** `tiaojie push FILE --json` with this token; its counts (exit 1 only means some rows were rejected). */
async function cliPush(url: string, token: string, file: string): Promise<{ inserted: number; rejected: number }> {
  const out = await cliJson(url, token, ["push", file]);
  if (!out.counts) throw new Error(`tiaojie push ${path.basename(file)}: no counts`);
  return out.counts as { inserted: number; rejected: number };
}

/** `tiaojie ARGS --json` with this token: its JSON answer (exit 1 only means some rows were rejected or refused). */
function cliJson(url: string, token: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "cli/bin.ts"), ...args, "--json", "--locale", "zh-CN", "--url", url],
      { cwd: ROOT, env: { ...process.env, TIAOJIE_TOKEN: token }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const last = stdout.trim().split("\n").at(-1) ?? "";
        let answer: Record<string, unknown> | undefined;
        try {
          answer = JSON.parse(last) as Record<string, unknown>;
        } catch {
          answer = undefined;
        }
        if (answer && (!error || error.code === 1)) resolve(answer);
        else reject(new Error(`tiaojie ${args.map((a) => path.basename(a)).join(" ")} failed (${error?.code ?? "no answer"}):\n${stderr}${stdout}`));
      },
    );
  });
}

export async function seedDemo(url: string, adminToken: string, files: string[]): Promise<{ file: string; unit: string; summary: string }[]> {
  const admin = createApiClient({ baseUrl: url, token: adminToken });
  const newToken = async (body: { role: string; unit?: string }) =>
    (await admin.request<{ token: string }>("POST", PATHS.tokens, { body: { ...body, label: "演示 demo seed" } })).token;

  // Units first; one that is already there (a first run cut short) is left as it is.
  for (const unit of demoUnits()) {
    try {
      await admin.request("POST", PATHS.units, { body: unit });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) throw e;
    }
  }

  const units = [...DEMO_TOWNS, ...DEMO_DEPARTMENTS];
  const done: { file: string; unit: string; summary: string }[] = [];
  const workbooks = await Promise.all(files.map(async (file) => ({ file, kind: kindOf(await sheetGrids(file)) })));
  for (const { file, kind } of workbooks) {
    if (!kind) throw new Error(`${path.basename(file)}: 找不到台账表头 No ledger header found`);
  }
  // Roster next, as a coordinator would push it, so the ledgers' 调解员 cells are checked against it; then the
  // routing rule sheets.
  const rosters = workbooks.filter((w) => w.kind?.roster);
  const ruleSheets = workbooks.filter((w) => w.kind?.rules);
  const intakes = workbooks.filter((w) => path.basename(w.file).startsWith(INTAKE_PREFIX));
  const coordinator = rosters.length + ruleSheets.length + intakes.length > 0 ? await newToken({ role: "coordinator" }) : "";
  for (const w of rosters) {
    const c = await cliPush(url, coordinator, w.file);
    done.push({ file: w.file, unit: "调解员名册 roster", summary: `新增 ${c.inserted} inserted, 退回 ${c.rejected} rejected` });
  }
  for (const w of ruleSheets) {
    const r = await cliJson(url, coordinator, ["push", w.file]);
    done.push({ file: w.file, unit: "分流规则 routing rules", summary: `第 ${r.version} 版 version ${r.version}, ${r.rules} 条 rules` });
  }
  for (const { file, kind } of workbooks) {
    if (!kind || kind.roster || kind.rules || intakes.some((w) => w.file === file)) continue;
    const unit = unitOf(kind.grid, kind.header, units, file);
    if (!unit) continue;
    const c = await cliPush(url, await newToken({ role: "clerk", unit }), file);
    done.push({ file, unit, summary: `新增 ${c.inserted} inserted, 退回 ${c.rejected} rejected` });
  }
  // The centre's intake, routed and transferred as a coordinator would; unrouted rows stay for the coordinator.
  for (const w of intakes) {
    const r = await cliJson(url, coordinator, ["route", w.file, "--confirm"]);
    const counts = (r.receipt as { counts: { transferred: number; unchanged: number } }).counts;
    done.push({ file: w.file, unit: `分流 routing (${DEMO_CENTRE})`, summary: `转交 ${counts.transferred + counts.unchanged} transferred, 待指定 ${(r.left as unknown[]).length} left` });
  }
  return done;
}
