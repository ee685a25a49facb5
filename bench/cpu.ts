// The Worker's own CPU time for one 1,000-row push chunk, split by stage, first push and re-push, beside the Free
// plan's 10 ms CPU budget per request; then whole requests through the Worker's app at the chunk size the server
// advertises under that budget (worker/push/chunk-budget.ts) and at 1,000 rows, with the cost model beside the fit.
//
// Measured in Node, not in workerd, by running the Worker's own stage functions (ledger/ and worker/ imported as
// they are, V8 in both) with the main thread's CPU time (process.threadCpuUsage()) around each stage. Why not inside workerd: there Date.now() and
// performance.now() do not advance during synchronous code (a Spectre mitigation), so a stage cannot time itself;
// and the CPU of the workerd process (/proc, or a V8 profile over the inspector) mixes the Worker's JS with the
// local D1 simulator's SQLite, which in production runs in D1, not in the Worker, and is not billed as its CPU.
// D1 is replaced here by the same SQL on node:sqlite (bench/d1-on-sqlite.ts); SQLite's time is kept apart and
// printed on its own line, so the stages count what the Worker itself does: parse, validate, hash, build statements
// and read results. Not counted: the HTTP and routing layer, auth and body reading in the runtime's native code.
//
// Each figure is the mean over the chunks of a 20-chunk push (the later chunks' reads see the earlier ones, as in a
// real push), the median of RUNS runs on fresh databases, after one untimed warm-up push (a Worker isolate serves
// many requests, so its JIT is warm).
// First: it gives zod the .openapi() that worker/ modules call when they load (the Worker's app imports it first too).
import "@hono/zod-openapi";
import path from "node:path";
import { readForChunk, writeChunk } from "../worker/db/pushes.ts";
import { receiptExtras } from "../worker/push/receipt-extras.ts";
import { caseNoOf, needsWriting, planWrite, trustedVerdict, type ChunkRequest } from "../worker/push/process-chunk.ts";
import { verdictContext } from "../worker/push/verdict.ts";
import { canonicalJson, contentHash } from "../worker/push/content-hash.ts";
import { parsePushChunk, type Receipt } from "../ledger/api/push.ts";
import { todayInChina } from "../ledger/clock.ts";
import { validateRecords } from "../ledger/validate.ts";
import { app } from "../worker/app.ts";
import { sha256Hex } from "../worker/auth/token-hash.ts";
import { CPU_MS_PER_REQUEST, CPU_MS_PER_ROW, FREE_PLAN_CPU_MS, rowsPerChunk } from "../worker/push/chunk-budget.ts";
import { ROOT } from "../scripts/dev/dev-server.ts";
import { d1OnSqlite } from "./d1-on-sqlite.ts";
import { makeRows } from "./push.ts";
import { printFigures, type Figure } from "./report.ts";
import { median } from "./stats.ts";

const CHUNKS = 20;
const ROWS_PER_CHUNK = 1_000;
const RUNS = Number(process.env.BENCH_CPU_RUNS ?? 5);
const BUDGET_MS = 10;
const UNIT = { id: 1, name: "山腰街道" };

const STAGES = ["parse", "validation", "hashing", "lookup", "flags", "batch"] as const;
type Stage = (typeof STAGES)[number];
const LABEL: Record<Stage, string> = {
  parse: "JSON parse (UTF-8 decode + JSON.parse)",
  validation: "validation (contract schema + ledger rules, every case read)",
  hashing: "hashing (canonical JSON + SHA-256 per case, SHA-256 of the body)",
  lookup: "hash lookup (readForChunk: statements and results, SQLite excluded)",
  flags: "receipt flags and assignments (SQLite excluded)",
  batch: "the batch (planWrite + writeChunk, SQLite excluded)",
};

// The main thread's CPU only: workerd bills a request the time of the thread that runs it, not the collector's and
// compiler's helper threads, which process.cpuUsage() would add in.
const cpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

type Times = Record<Stage | "sql", number>;

/** One chunk as the route handles it, stage by stage; CPU ms per stage, SQLite's time taken out of each. */
async function chunk(d: ReturnType<typeof d1OnSqlite>, pushId: string, index: number, bytes: Uint8Array): Promise<Times> {
  const t: Times = { parse: 0, validation: 0, hashing: 0, lookup: 0, flags: 0, batch: 0, sql: 0 };
  const sql0 = d.sqlMs();
  let c = cpuMs();
  let s = d.sqlMs();
  const lap = (stage: Stage) => {
    const now = cpuMs();
    const sql = d.sqlMs();
    t[stage] += now - c - (sql - s);
    c = now;
    s = sql;
  };

  const rawBody = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const value = JSON.parse(rawBody);
  lap("parse");

  const parsed = parsePushChunk(value);
  if (!parsed.success) throw new Error("bench chunk does not parse");
  const body = parsed.data;
  const r: ChunkRequest = { db: d.db, pushId, idempotencyKey: `${pushId}.${index}`, rawBody, body, unit: UNIT, tokenId: 1 };
  const caseNos: string[] = [];
  for (const row of body.rows) {
    const no = caseNoOf(row.values);
    if (no !== null) caseNos.push(no);
  }
  const caseNosJson = JSON.stringify(caseNos);
  lap("validation");

  const requestHash = contentHash(rawBody);
  lap("hashing");

  const reads = await readForChunk(d.db, { unitId: UNIT.id, idempotencyKey: r.idempotencyKey, pushId, caseNosJson, requestHash });
  lap("lookup");

  // As processChunk: a verdict kept for the same bytes stands while nothing needs writing.
  let validated = trustedVerdict(r, reads, caseNos);
  if (validated && needsWriting(validated, reads)) validated = null;
  if (!validated) {
    const results = validateRecords(body.rows, { locale: body.locale, units: [UNIT.name], defaultUnit: UNIT.name, columnLetters: body.columns });
    for (const res of results) void res.case;
    lap("validation");
    const cases = results.map((res) => {
      const rc = res.case;
      if (!rc) return null;
      const canonical = canonicalJson(rc);
      return { caseNo: rc.caseNo, canonical, hash: contentHash(canonical) };
    });
    const keep = results.every((res) => res.issues.length === 0)
      ? { context: verdictContext(UNIT.name, reads.mediators), rowHashes: JSON.stringify(cases.map((c) => c!.hash)) }
      : null;
    validated = { results, cases, trusted: false, keep };
    lap("hashing");
  } else {
    lap("validation");
  }

  const outcome = await writeChunk(d.db, planWrite(r, validated, reads, { requestHash, caseNosJson }));
  if (outcome.kind !== "written") throw new Error(`bench chunk not written: ${outcome.kind}`);
  lap("batch");

  const today = todayInChina();
  const { flags, assignments } = await receiptExtras(d.db, { unitId: UNIT.id, caseNos, today, acrossUnits: false });
  const receipt = JSON.parse(outcome.receipt) as Receipt;
  receipt.flags = flags;
  receipt.assignments = assignments;
  JSON.stringify(receipt);
  lap("flags");

  t.sql = d.sqlMs() - sql0;
  return t;
}

/** The bodies of a whole-ledger push of `rows`, as the push engine sends them. */
function bodies(rows: ReturnType<typeof makeRows>): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < CHUNKS; i++) {
    const part = rows.slice(i * ROWS_PER_CHUNK, (i + 1) * ROWS_PER_CHUNK).map((values, j) => ({ row: i * ROWS_PER_CHUNK + j + 3, values }));
    out.push(new TextEncoder().encode(JSON.stringify({ wholeLedger: true, chunkIndex: i, chunkCount: CHUNKS, locale: "zh-CN", rows: part })));
  }
  return out;
}

/** Mean per chunk over one whole push. */
async function push(d: ReturnType<typeof d1OnSqlite>, pushId: string, chunks: Uint8Array[]): Promise<Times> {
  const sum: Times = { parse: 0, validation: 0, hashing: 0, lookup: 0, flags: 0, batch: 0, sql: 0 };
  for (let i = 0; i < chunks.length; i++) {
    const t = await chunk(d, pushId, i, chunks[i]);
    for (const k of Object.keys(sum) as (keyof Times)[]) sum[k] += t[k];
  }
  for (const k of Object.keys(sum) as (keyof Times)[]) sum[k] /= chunks.length;
  return sum;
}

function freshDb(o: { wallOnly?: boolean } = {}) {
  const d = d1OnSqlite(path.join(ROOT, "worker/migrations"), o);
  d.sqlite.exec(`INSERT INTO units (id, name, kind) VALUES (${UNIT.id}, '${UNIT.name}', 'town')`);
  d.sqlite.exec(`INSERT INTO tokens (id, token_hash, role, unit_id) VALUES (1, 'bench', 'clerk', ${UNIT.id})`);
  return d;
}

export async function measure(): Promise<{ first: Times; again: Times }> {
  const chunks = bodies(makeRows(CHUNKS * ROWS_PER_CHUNK));
  await push(freshDb(), "bench-warm-up", chunks);
  const firsts: Times[] = [];
  const agains: Times[] = [];
  for (let run = 0; run < RUNS; run++) {
    const d = freshDb();
    firsts.push(await push(d, `bench-first-${run}`, chunks));
    agains.push(await push(d, `bench-again-${run}`, chunks));
  }
  const med = (ts: Times[]) => Object.fromEntries((Object.keys(ts[0]) as (keyof Times)[]).map((k) => [k, median(ts.map((t) => t[k]))])) as Times;
  return { first: med(firsts), again: med(agains) };
}

const CLERK_TOKEN = "bench-cpu-clerk-token-0123456789";
const executionCtx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

interface PerRequest {
  mean: number;
  p95: number;
  max: number;
}

/**
 * Whole requests through the Worker's app (routing, the token, reading the body, the chunk, the receipt), as
 * `app.request()` runs them in Node, each timed on the wall clock less SQLite's own wall time. Wall time, not the
 * thread's CPU clock: that one advances in 4 ms ticks, too coarse for one request of under 10 ms (its means agree).
 * Everything here runs on the one thread without waiting on I/O, so the wall clock counts the request's own work,
 * plus any moment the machine gave the thread to another process: like Node reading the body in JS, where workerd
 * does it natively, that errs high.
 */
async function pushThroughApp(d: ReturnType<typeof d1OnSqlite>, rows: ReturnType<typeof makeRows>, perChunk: number, pushId: string): Promise<PerRequest> {
  const count = Math.ceil(rows.length / perChunk);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const part = rows.slice(i * perChunk, (i + 1) * perChunk).map((values, j) => ({ row: i * perChunk + j + 3, values }));
    const body = new TextEncoder().encode(JSON.stringify({ wholeLedger: true, chunkIndex: i, chunkCount: count, locale: "zh-CN", rows: part }));
    const headers = { Authorization: `Bearer ${CLERK_TOKEN}`, "Idempotency-Key": `${pushId}.${i}`, "Content-Type": "application/json", "Content-Length": String(body.length) };
    const t0 = performance.now();
    const s0 = d.sqlWallMs();
    const res = await app.request(`http://bench/api/pushes/${pushId}/chunks`, { method: "POST", headers, body }, { DB: d.db }, executionCtx);
    await res.arrayBuffer();
    times.push(performance.now() - t0 - (d.sqlWallMs() - s0));
    if (process.env.BENCH_CPU_TRACE) process.stderr.write(`${i}:${times[times.length - 1].toFixed(1)} `);
    if (res.status !== 200) throw new Error(`bench chunk answered ${res.status}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p95: sorted[Math.floor(0.95 * (sorted.length - 1))], max: sorted[sorted.length - 1] };
}

async function freshDbWithToken() {
  const d = freshDb({ wallOnly: true });
  d.sqlite.exec(`UPDATE tokens SET token_hash = '${await sha256Hex(CLERK_TOKEN)}' WHERE id = 1`);
  return d;
}

/** First push and re-push of the bench's rows through the app at `perChunk` rows a request; medians of RUNS runs. */
export async function measureRequests(perChunk: number): Promise<{ first: PerRequest; again: PerRequest }> {
  const rows = makeRows(CHUNKS * ROWS_PER_CHUNK);
  await pushThroughApp(await freshDbWithToken(), rows, perChunk, `bench-app-warm-${perChunk}`);
  const firsts: PerRequest[] = [];
  const agains: PerRequest[] = [];
  for (let run = 0; run < RUNS; run++) {
    const d = await freshDbWithToken();
    firsts.push(await pushThroughApp(d, rows, perChunk, `bench-app-first-${perChunk}-${run}`));
    agains.push(await pushThroughApp(d, rows, perChunk, `bench-app-again-${perChunk}-${run}`));
  }
  const med = (ts: PerRequest[]): PerRequest => ({ mean: median(ts.map((t) => t.mean)), p95: median(ts.map((t) => t.p95)), max: median(ts.map((t) => t.max)) });
  return { first: med(firsts), again: med(agains) };
}

/** The whole-request figures: the Free plan's chunk (what GET /api/me advertises there) and the largest, beside the budget. */
async function requestFigures(): Promise<Figure[]> {
  const free = rowsPerChunk(FREE_PLAN_CPU_MS);
  const small = await measureRequests(free);
  const large = await measureRequests(ROWS_PER_CHUNK);
  const budget = { name: "Free plan CPU per request", value: BUDGET_MS };
  const figures: Figure[] = [];
  for (const [rows, m] of [[free, small], [ROWS_PER_CHUNK, large]] as const) {
    for (const [name, t] of [["first push", m.first], ["re-push", m.again]] as const) {
      const what = `whole request, ${rows.toLocaleString("en-US")}-row chunks${rows === free ? " (the Free plan's, as GET /api/me advertises)" : ""}, ${name}`;
      figures.push({ bench: "cpu", measure: `${what}: mean`, value: t.mean, unit: "ms per request", baseline: budget, target: `≤ ${BUDGET_MS} ms`, met: t.mean <= BUDGET_MS });
      figures.push({ bench: "cpu", measure: `${what}: 95th percentile`, value: t.p95, unit: "ms per request", baseline: budget, target: `≤ ${BUDGET_MS} ms`, met: t.p95 <= BUDGET_MS });
      figures.push({ bench: "cpu", measure: `${what}: slowest`, value: t.max, unit: "ms per request", baseline: budget });
    }
  }
  // The cost model worker/push/chunk-budget.ts plans by, beside the line through the two first-push means.
  const perRow = (large.first.mean - small.first.mean) / (ROWS_PER_CHUNK - free);
  figures.push({ bench: "cpu", measure: "first push, CPU per row (fitted through the two chunk sizes)", value: perRow, unit: "ms", baseline: { name: "CPU_MS_PER_ROW in chunk-budget.ts", value: CPU_MS_PER_ROW } });
  figures.push({
    bench: "cpu", measure: "first push, CPU per request whatever its rows (fitted)", value: small.first.mean - free * perRow, unit: "ms",
    baseline: { name: "CPU_MS_PER_REQUEST in chunk-budget.ts", value: CPU_MS_PER_REQUEST },
  });
  return figures;
}

export async function run(): Promise<Figure[]> {
  const requests = await requestFigures();
  const { first, again } = await measure();
  const budget = { name: "Free plan CPU per request", value: BUDGET_MS };
  const figures: Figure[] = [];
  for (const [name, t] of [["first push", first], ["re-push, all unchanged", again]] as const) {
    for (const stage of STAGES) {
      figures.push({ bench: "cpu", measure: `${name}: ${LABEL[stage]}`, value: t[stage], unit: "ms per 1,000-row chunk", baseline: budget });
    }
    const total = STAGES.reduce((n, s) => n + t[s], 0);
    figures.push({
      bench: "cpu", measure: `${name}: the Worker's CPU, all stages`, value: total, unit: "ms per 1,000-row chunk",
      baseline: budget, target: `≤ ${BUDGET_MS} ms`, met: total <= BUDGET_MS,
    });
    figures.push({
      bench: "cpu", measure: `${name}: rows per chunk that would fit the budget at this rate`, value: Math.floor((ROWS_PER_CHUNK * BUDGET_MS) / total), unit: "rows",
    });
    figures.push({
      bench: "cpu", measure: `${name}: SQLite's own time for the same chunk (in D1 in production, not the Worker's CPU)`, value: t.sql, unit: "ms per 1,000-row chunk",
    });
  }
  return [...figures, ...requests];
}

if (import.meta.main) printFigures(await run());
