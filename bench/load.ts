// Load test, bounded and loopback only: LOAD_CLIENTS (50) clients at once, each a clerk of its own unit pushing
// LOAD_ROWS (2,000) rows as a whole ledger with the CLI's code and reading the rankings LOAD_READS (3) times, against
// `wrangler dev` on 127.0.0.1 with a fresh local D1. Stops by itself after LOAD_TIMEOUT_S (600) seconds at most.
// Pass/fail: no 5xx, every row in D1 exactly once. Figures: p50/p95/p99 latency per request kind, rows/s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiRequestError, createClient, type Client } from "../cli/lib/client.ts";
import { WRANGLER_CONFIG, applyMigrations, startDevServer, wrangler } from "../cli/lib/dev-server.ts";
import { chunkRows } from "../cli/lib/ledger-rows.ts";
import { sendPush } from "../cli/lib/send-push.ts";
import { printFigures, type Figure } from "./report.ts";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const ROWS = Number(process.env.LOAD_ROWS ?? 2_000);
const READS = Number(process.env.LOAD_READS ?? 3);
const TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_S ?? 600) * 1000;
const ADMIN = "load-admin-token-0123456789abcdef";

interface Timings {
  push: number[];
  rankings: number[];
  serverErrors: number;
  /** Responses cut off while their body was read (cli/lib/client.ts does not yet treat that as a network error). */
  dropped: number;
}

/** A client that records how long each request took and counts 5xx answers (which the CLI would retry). */
function timed(client: Client, kind: "push" | "rankings", t: Timings): Client {
  return {
    url: client.url,
    async request<T>(method: string, p: string, o?: { body?: unknown; headers?: Record<string, string> }): Promise<T> {
      const start = performance.now();
      try {
        return await client.request<T>(method, p, o);
      } catch (e) {
        if (e instanceof ApiRequestError && e.status >= 500) t.serverErrors++;
        if (e instanceof ApiRequestError) throw e;
        // Retried like any network failure, with the same Idempotency-Key: exactly-once is what is being measured.
        t.dropped++;
        throw new ApiRequestError(0, "network", `connection dropped: ${(e as Error).message}`);
      } finally {
        t[kind].push(performance.now() - start);
      }
    },
  };
}

function rowsFor(unit: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    values: {
      caseNo: `L-${String(i).padStart(5, "0")}`, receivedOn: `2026-${String(1 + (i % 9)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      unit, source: "当事人申请", domain: "劳动争议", stage: "诉前", mediationType: "行政调解", applicant: `申请人${i % 97}`,
      respondent: "区人社局", accepted: "是", mediator: "李四", status: i % 3 === 0 ? "调解成功" : "调解中",
      closedOn: i % 3 === 0 ? "2026-10-28" : null, summary: `第${i}号案件，拖欠工资。`, phone: `1380595${String(i % 10_000).padStart(4, "0")}`,
    },
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function countStored(persistTo: string): Promise<{ total: number; distinct: number; units: number }> {
  const out = await wrangler(["d1", "execute", "DB", "--local", "--config", WRANGLER_CONFIG, "--persist-to", persistTo, "--json", "--command",
    "SELECT count(*) AS total, count(DISTINCT unit_id || '/' || case_no) AS distinct_rows, count(DISTINCT unit_id) AS units FROM cases WHERE deleted_at IS NULL"], { quiet: true });
  const r = (JSON.parse(out.slice(out.indexOf("["))) as { results: { total: number; distinct_rows: number; units: number }[] }[])[0].results[0];
  return { total: r.total, distinct: r.distinct_rows, units: r.units };
}

async function load(dir: string, started: (stop: () => Promise<void>) => void): Promise<Figure[]> {
  await applyMigrations(dir, { quiet: true });
  const server = await startDevServer({ persistTo: dir, vars: { ADMIN_TOKEN: ADMIN } });
  started(server.stop);
  const t: Timings = { push: [], rankings: [], serverErrors: 0, dropped: 0 };
  let seconds: number;
  let inserted = 0;
  try {
    const admin = createClient(server.url, ADMIN);
    const units = Array.from({ length: CLIENTS }, (_, i) => `负载测试镇${String(i + 1).padStart(2, "0")}`);
    for (const name of units) await admin.request("POST", "/api/units", { body: { name, kind: "town" } });
    const clerks = await Promise.all(units.map((unit) => admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit } })));
    const { token: assessor } = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "assessor" } });
    const start = performance.now();
    const totals = await Promise.all(units.map(async (unit, i) => {
      const clerk = timed(createClient(server.url, clerks[i].token), "push", t);
      const pushed = await sendPush(clerk, chunkRows(rowsFor(unit, ROWS)), { wholeLedger: true, concurrency: 2 });
      for (let r = 0; r < READS; r++) {
        const start = performance.now();
        const res = await fetch(`${server.url}/api/rankings?period=2026&asOf=2026-11-25`, { headers: { Authorization: `Bearer ${assessor}` } });
        const body = await res.text();
        t.rankings.push(performance.now() - start);
        if (res.status >= 500) {
          t.serverErrors++;
          throw new Error(`GET /api/rankings answered ${res.status}: ${body.slice(0, 300)}`);
        }
      }
      return pushed;
    }));
    seconds = (performance.now() - start) / 1000;
    inserted = totals.reduce((n, p) => n + p.counts.inserted, 0);
    const rejected = totals.reduce((n, p) => n + p.counts.rejected, 0);
    if (rejected > 0) throw new Error(`${rejected} rows rejected: the generated rows should all be valid`);
  } finally {
    await server.stop();
  }
  const stored = await countStored(dir);
  const expected = CLIENTS * ROWS;
  if (t.serverErrors > 0) throw new Error(`${t.serverErrors} requests answered 5xx`);
  if (stored.total !== expected || stored.distinct !== expected || inserted !== expected) {
    throw new Error(`rows lost or duplicated: expected ${expected}, receipts counted ${inserted}, D1 holds ${stored.total} (${stored.distinct} distinct)`);
  }
  const figures: Figure[] = [
    { bench: "load", measure: `${CLIENTS} clients × ${ROWS.toLocaleString("en-US")} rows, whole-ledger pushes + ${READS} rankings reads each: throughput`, value: expected / seconds, unit: "rows/s" },
    { bench: "load", measure: "5xx answers", value: t.serverErrors, unit: "", target: "0", met: t.serverErrors === 0 },
    { bench: "load", measure: "responses cut off mid-body (retried with the same Idempotency-Key)", value: t.dropped, unit: "" },
    { bench: "load", measure: `rows in D1 (expected ${expected.toLocaleString("en-US")}, each once)`, value: stored.distinct, unit: "rows", target: "all, none twice", met: stored.total === expected },
  ];
  for (const kind of ["push", "rankings"] as const) {
    const sorted = [...t[kind]].sort((a, b) => a - b);
    for (const p of [50, 95, 99]) figures.push({ bench: "load", measure: `${kind === "push" ? "push chunk" : "GET /api/rankings"} p${p} (${sorted.length} requests)`, value: percentile(sorted, p), unit: "ms" });
  }
  return figures;
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "tiaojie-bench-load-"));
  let timer: NodeJS.Timeout | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  try {
    return await Promise.race([
      load(dir, (stop) => (stopServer = stop)),
      new Promise<never>((_, reject) => {
        // The hard stop: the server goes down with the clients still waiting, so nothing outlives the bench.
        timer = setTimeout(() => void Promise.resolve(stopServer?.()).finally(() => reject(new Error(`load test stopped after ${TIMEOUT_MS / 1000} s`))), TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) printFigures(await run());
