// Push benchmark: 100,000 case rows through HTTP to `wrangler dev` (the CLI's chunked, concurrent push), beside two
// baselines from the same run: (a) the same rows inserted straight into local D1 (wrangler's platform proxy, same
// migrations, same json_each upsert, 1,000 rows per statement), (b) Node's built-in node:sqlite inserting them in
// one transaction, and (c) a bare table of (unit, case_no, hash, JSON) in local D1, upserted the same way: what a
// write costs with none of our generated columns, indexes or triggers (bench/schema.ts splits the difference).
// (b) stands in for better-sqlite3, which cannot be built for Node 22 on these machines.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { getPlatformProxy } from "wrangler";
import { COLUMN_KEYS } from "../ledger/columns.ts";
import { DOMAINS, MEDIATION_TYPES, SOURCES, STAGES } from "../ledger/choices.ts";
import { createApiClient } from "../ledger/api/client.ts";
import { ROOT, applyMigrations, startDevServer } from "../scripts/dev/dev-server.ts";
import { pushAll } from "../ledger/api/push-engine.ts";
import { printFigures, type Figure } from "./report.ts";

const ROWS = Number(process.env.BENCH_PUSH_ROWS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_PUSH_CONCURRENCY ?? 4);
// The Worker's CPU budget per request (wrangler.jsonc PUSH_CPU_BUDGET_MS): the Free plan's 10 ms unless set here,
// e.g. 30000 for the Paid plan's 1,000-row chunks. The pushes plan their chunks by GET /api/me, as the CLI does.
const CPU_BUDGET_MS = process.env.BENCH_PUSH_CPU_BUDGET_MS;
const ADMIN = "bench-admin-token-0123456789abcdef";
const UNIT = "山腰街道";
const MIGRATIONS = path.join(ROOT, "worker/migrations");

type Row = Record<(typeof COLUMN_KEYS)[number], string | number | boolean | null>;

/** Realistic, valid, distinct case rows (as a clerk's sheet normalises to). */
export function makeRows(n: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const month = 1 + (i % 10);
    const day = 1 + (i % 28);
    const closed = i % 3 === 0;
    rows.push({
      caseNo: `SY-2026-${String(i).padStart(6, "0")}`,
      receivedOn: `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      unit: UNIT,
      source: SOURCES[i % SOURCES.length],
      domain: DOMAINS[i % DOMAINS.length],
      stage: STAGES[i % STAGES.length],
      mediationType: MEDIATION_TYPES[i % MEDIATION_TYPES.length],
      applicant: `申请人${i % 997}`,
      applicantId: null,
      phone: `1380595${String(i % 10000).padStart(4, "0")}`,
      respondent: ["区人社局", "区住建局", "区自然资源局", "区市场监督管理局"][i % 4],
      summary: `争议概要：第${i}号案件，涉及工资、补偿或行政决定的争议，需要调解。`,
      accepted: true,
      rejectReason: null,
      mediator: ["林志强", "陈秀英", "刘伟", "王芳"][i % 4],
      status: closed ? "调解成功" : "调解中",
      closedOn: closed ? `2026-${String(month).padStart(2, "0")}-28` : null,
      amount: (i % 50) * 1000,
      judicialConfirmation: closed ? i % 2 === 0 : null,
      commitment: null,
      commitmentDue: null,
      commitmentMetOn: null,
      complexity: ["简易", "普通", "复杂"][i % 3],
      partyCount: 1 + (i % 5),
      notes: null,
      place: null,
    });
  }
  return rows;
}

function migrationSql(): string[] {
  return readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort().map((f) => readFileSync(path.join(MIGRATIONS, f), "utf8"));
}

/** Statements of a migration file for D1's prepare (one statement each); triggers keep their inner semicolons. */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  for (const line of sql.split("\n")) {
    const t = line.replace(/--.*$/, "").trim();
    if (!t) continue;
    cur += line + "\n";
    if (/\bBEGIN\s*$/i.test(t) || /\bBEGIN\b/i.test(t) && /CREATE\s+TRIGGER/i.test(cur)) depth = 1;
    if (depth && /^END\s*;?$/i.test(t)) depth = 0;
    if (!depth && t.endsWith(";")) {
      out.push(cur.trim());
      cur = "";
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const UPSERT = `
INSERT INTO cases (unit_id, case_no, data, content_hash, push_id, updated_by, updated_at, created_at)
SELECT ?, j.value ->> '$.n', j.value ->> '$.d', j.value ->> '$.h', ?, ?, ?, ?
FROM json_each(?) AS j WHERE true
ON CONFLICT (unit_id, case_no) DO UPDATE SET data = excluded.data, content_hash = excluded.content_hash
WHERE cases.content_hash IS NOT excluded.content_hash`;

function items(rows: Row[]): { caseNo: string; hash: string; data: string }[] {
  return rows.map((r) => {
    const data = JSON.stringify(r);
    return { caseNo: r.caseNo as string, hash: createHash("sha256").update(data).digest("hex"), data };
  });
}

/**
 * CPU milliseconds used so far by a process and all its descendants (wrangler dev: its Node process, workerd, and
 * the local D1 inside it), from /proc. Unlike wall time it does not count waiting for a core, so on a machine shared
 * with other work it moves much less between runs.
 */
export function treeCpuMs(root: number): number {
  const parent = new Map<number, number>();
  const used = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(f[1]));
      used.set(Number(d), (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid, ms] of used) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) total += ms;
  }
  return total;
}

const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Cpu {
  server: number;
  client: number;
}

async function endToEnd(rows: Row[]): Promise<{ seconds: number; inserted: number; again: number; edited: number; cpu: Cpu; againCpu: Cpu; rowsPerChunk: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tiaojie-bench-push-"));
  await applyMigrations(dir, { quiet: true });
  const server = await startDevServer({ persistTo: dir, vars: { ADMIN_TOKEN: ADMIN, ...(CPU_BUDGET_MS ? { PUSH_CPU_BUDGET_MS: CPU_BUDGET_MS } : {}) } });
  try {
    const admin = createApiClient({ baseUrl: server.url, token: ADMIN });
    await admin.request("POST", "/api/units", { body: { name: UNIT, kind: "town" } });
    // A clerk token of its own for each of the three pushes: at the Free plan's 90 rows a request, three 20,000-row
    // pushes in a minute are ~670 requests, past one token's 600 a minute (TOKEN_LIMITER), and the third would time
    // the limiter's minute-long wait, not the push.
    const freshClerk = async () => {
      const { token } = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit: UNIT } });
      return createApiClient({ baseUrl: server.url, token });
    };
    const clerk = await freshClerk();
    const rowsPerChunk = (await clerk.me()).pushRowsPerChunk ?? 1_000;
    const pushRows = rows.map((values, i) => ({ row: i + 3, values }));
    const push = { wholeLedger: true, locale: "zh-CN", concurrency: CONCURRENCY, maxRows: rowsPerChunk } as const;
    // Warm the isolate with one small push so the figure is throughput, not start-up.
    await pushAll(clerk, [{ row: 2, values: { ...rows[0], caseNo: "WARM-UP" } }], { ...push, wholeLedger: false });
    const pid = server.child.pid!;
    const cpuNow = (): Cpu => ({ server: treeCpuMs(pid), client: clientCpuMs() });
    const since = (a: Cpu): Cpu => {
      const b = cpuNow();
      return { server: b.server - a.server, client: b.client - a.client };
    };
    let c0 = cpuNow();
    const t = performance.now();
    const { summary: totals } = await pushAll(clerk, pushRows, push);
    const seconds = (performance.now() - t) / 1000;
    const cpu = since(c0);
    const repusher = await freshClerk();
    c0 = cpuNow();
    const t2 = performance.now();
    const { summary: again } = await pushAll(repusher, pushRows, push);
    const againSeconds = (performance.now() - t2) / 1000;
    const againCpu = since(c0);
    // Every row edited (as a clerk revises summaries): each chunk keeps the previous versions, then overwrites.
    const editedRows = rows.map((values, i) => ({ row: i + 3, values: { ...values, summary: `${values.summary}（补充）` } }));
    const editor = await freshClerk();
    const t3 = performance.now();
    const { summary: edited } = await pushAll(editor, editedRows, push);
    const editedSeconds = (performance.now() - t3) / 1000;
    if (totals.inserted !== rows.length || again.unchanged !== rows.length || edited.updated !== rows.length) {
      throw new Error(`push counted ${JSON.stringify(totals)} then ${JSON.stringify(again)} then ${JSON.stringify(edited)}`);
    }
    return { seconds, inserted: totals.inserted, again: againSeconds, edited: editedSeconds, cpu, againCpu, rowsPerChunk };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const BARE_TABLE = `CREATE TABLE bare (unit_id INTEGER NOT NULL, case_no TEXT NOT NULL, content_hash TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (unit_id, case_no)) STRICT`;
const BARE_UPSERT = `
INSERT INTO bare (unit_id, case_no, content_hash, data)
SELECT ?, j.value ->> '$.n', j.value ->> '$.h', j.value ->> '$.d' FROM json_each(?) AS j WHERE true
ON CONFLICT (unit_id, case_no) DO UPDATE SET data = excluded.data, content_hash = excluded.content_hash
WHERE bare.content_hash IS NOT excluded.content_hash`;

function jsonGroups(rows: Row[]): string[] {
  const prepared = items(rows);
  const groups: string[] = [];
  for (let i = 0; i < prepared.length; i += 1000) {
    groups.push("[" + prepared.slice(i, i + 1000).map((p) => `{"n":${JSON.stringify(p.caseNo)},"h":"${p.hash}","d":${p.data}}`).join(",") + "]");
  }
  return groups;
}

/**
 * Rows upserted into a fresh local D1 (wrangler's platform proxy) after `setup`, with `upsert` bound to `args` and
 * then each 1,000-row JSON group; the upserts alone are timed, in seconds, and `table` must then hold every row.
 */
async function timedLocalD1(rows: Row[], o: { name: string; setup(db: D1Database): Promise<void>; upsert: string; args: unknown[]; table: string }): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), `tiaojie-bench-${o.name}-`));
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: path.join(ROOT, "worker/wrangler.jsonc"), persist: { path: dir } });
  try {
    const db = proxy.env.DB;
    await o.setup(db);
    const groups = jsonGroups(rows);
    const t = performance.now();
    for (const g of groups) await db.prepare(o.upsert).bind(...o.args, g).run();
    const seconds = (performance.now() - t) / 1000;
    const n = await db.prepare(`SELECT count(*) AS n FROM ${o.table}`).first<{ n: number }>();
    if (n?.n !== rows.length) throw new Error(`${o.name} D1 stored ${n?.n}`);
    return seconds;
  } finally {
    await proxy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (c) The bare baseline: one table of (unit, case_no, hash, JSON) in local D1, the same upsert, 1,000 rows a statement. */
function bareD1(rows: Row[]): Promise<number> {
  return timedLocalD1(rows, {
    name: "bare", table: "bare", upsert: BARE_UPSERT, args: [1],
    setup: async (db) => void (await db.prepare(BARE_TABLE).run()),
  });
}

/** (a) Our schema, every migration applied, the push's own upsert. */
function directD1(rows: Row[]): Promise<number> {
  const now = new Date().toISOString();
  return timedLocalD1(rows, {
    name: "d1", table: "cases", upsert: UPSERT, args: [1, "bench", null, now, now],
    setup: async (db) => {
      for (const sql of migrationSql()) for (const s of splitStatements(sql)) await db.prepare(s).run();
      await db.prepare("INSERT INTO units (name, kind) VALUES (?, 'town')").bind(UNIT).run();
    },
  });
}

function nodeSqlite(rows: Row[]): number {
  const dir = mkdtempSync(path.join(tmpdir(), "tiaojie-bench-sqlite-"));
  const db = new DatabaseSync(path.join(dir, "bench.sqlite"));
  try {
    for (const sql of migrationSql()) db.exec(sql);
    db.prepare("INSERT INTO units (name, kind) VALUES (?, 'town')").run(UNIT);
    const prepared = items(rows);
    const insert = db.prepare(
      `INSERT INTO cases (unit_id, case_no, data, content_hash, push_id, updated_by, updated_at, created_at) VALUES (1, ?, ?, ?, 'bench', NULL, ?, ?)`,
    );
    const now = new Date().toISOString();
    const t = performance.now();
    db.exec("BEGIN");
    for (const p of prepared) insert.run(p.caseNo, p.data, p.hash, now, now);
    db.exec("COMMIT");
    return (performance.now() - t) / 1000;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Figure[]> {
  const rows = makeRows(ROWS);
  const e2e = await endToEnd(rows);
  const direct = await directD1(rows);
  const bare = await bareD1(rows);
  const sqlite = nodeSqlite(rows);
  const rate = (s: number) => ROWS / s;
  const e2eRate = rate(e2e.seconds);
  const directRate = rate(direct);
  const bareRate = rate(bare);
  return [
    {
      bench: "push",
      measure: `${ROWS.toLocaleString("en-US")} rows end to end (as below)`,
      value: e2eRate, unit: "rows/s",
      baseline: { name: "(c) bare table (unit, case_no, hash, JSON) in local D1, same upsert, 1,000 rows/statement", value: bareRate },
      target: "≥ 75 % of (c)", met: e2eRate >= 0.75 * bareRate,
    },
    {
      bench: "push", measure: "(a) our schema straight into local D1 (no HTTP, no validation)", value: directRate, unit: "rows/s",
      baseline: { name: "(c) bare table", value: bareRate },
    },
    {
      bench: "push",
      measure: `${ROWS.toLocaleString("en-US")} rows end to end: CLI chunks (${e2e.rowsPerChunk.toLocaleString("en-US")} rows as GET /api/me says, ${CONCURRENCY} in flight) → HTTP → wrangler dev → validate → D1`,
      value: e2eRate, unit: "rows/s",
      baseline: { name: "(a) same rows straight into local D1, json_each upsert, 1,000 rows/statement", value: directRate },
      target: "≥ 75 % of (a)", met: e2eRate >= 0.75 * directRate,
    },
    {
      bench: "push", measure: "(b) node:sqlite, one transaction, prepared single-row inserts (better-sqlite3 cannot be built for Node 22 here)",
      value: rate(sqlite), unit: "rows/s", baseline: { name: "(a)", value: directRate },
    },
    {
      bench: "push", measure: `re-push of the same ${ROWS.toLocaleString("en-US")} rows (all unchanged, zero case writes)`,
      value: rate(e2e.again), unit: "rows/s", baseline: { name: "first push", value: e2eRate },
    },
    {
      bench: "push", measure: "re-push: CPU of the server (wrangler dev process tree: workerd with its local D1), less is better",
      value: e2e.againCpu.server, unit: "ms", baseline: { name: "first push", value: e2e.cpu.server },
      target: "≤ 1/3 of the first push", met: e2e.againCpu.server * 3 <= e2e.cpu.server,
    },
    {
      bench: "push", measure: "re-push: CPU of the client (planning, sending, reading receipts), less is better",
      value: e2e.againCpu.client, unit: "ms", baseline: { name: "first push", value: e2e.cpu.client },
    },
    {
      bench: "push", measure: `push of the same ${ROWS.toLocaleString("en-US")} rows, every one edited (previous versions kept)`,
      value: rate(e2e.edited), unit: "rows/s", baseline: { name: "first push", value: e2eRate },
    },
  ];
}

if (import.meta.main) printFigures(await run());
