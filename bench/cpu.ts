// The Worker's own CPU time for one 1,000-row push chunk, split by stage, first push and re-push, beside the Free
// plan's 10 ms CPU budget per request.
//
// Measured in Node, not in workerd, by running the Worker's own stage functions (ledger/ and worker/ imported as
// they are, V8 in both) with process.cpuUsage() around each stage. Why not inside workerd: there Date.now() and
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
import { flagsForPushedCases } from "../worker/assessment/flags/flag-service.ts";
import { readForChunk, writeChunk } from "../worker/db/pushes.ts";
import { assignmentsForPushedCases } from "../worker/mentors/receipt-assignments.ts";
import { caseNoOf, needsWriting, planWrite, trustedVerdict, type ChunkRequest } from "../worker/push/process-chunk.ts";
import { verdictContext } from "../worker/push/verdict.ts";
import { canonicalJson, contentHash } from "../worker/push/content-hash.ts";
import { parsePushChunk, type Receipt } from "../ledger/api/push.ts";
import { todayInChina } from "../ledger/today.ts";
import { validateRecords } from "../ledger/validate.ts";
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

const cpuMs = () => {
  const u = process.cpuUsage();
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
  const [flags, assignments] = await Promise.all([
    flagsForPushedCases(d.db, { unitId: UNIT.id, caseNos, today, acrossUnits: false }),
    assignmentsForPushedCases(d.db, UNIT.id, caseNos, today),
  ]);
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

function freshDb() {
  const d = d1OnSqlite(path.join(ROOT, "worker/migrations"));
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

export async function run(): Promise<Figure[]> {
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
  return figures;
}

if (import.meta.main) printFigures(await run());
