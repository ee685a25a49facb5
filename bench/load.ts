// Load test, bounded and loopback only: LOAD_CLIENTS (50) clients at once, each a clerk of its own unit pushing
// LOAD_ROWS (2,000) rows as a whole ledger with the CLI's code and reading the rankings LOAD_READS (3) times, against
// `wrangler dev` on 127.0.0.1 with a fresh local D1. Stops by itself after LOAD_TIMEOUT_S (600) seconds at most.
// Then CONTENDED_CLERKS (6) clerks of one unit re-push the same CONTENDED_ROWS (500) cases at once, each with its own
// wording, so that their chunks race for the same rows.
// Pass/fail: no 5xx, every row in D1 exactly once, every case's history whole (versions 1…n, none lost) and exactly
// as many versions stored as the receipts say were written. Figures: p50/p95/p99 latency per request kind, rows/s.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApiClient, type ApiClient as Client } from "../ledger/api/client.ts";
import { WRANGLER_CONFIG, applyMigrations, startDevServer, wrangler } from "../scripts/dev/dev-server.ts";
import { pushAll } from "../ledger/api/push-engine.ts";
import { printFigures, type Figure } from "./report.ts";
import { percentile } from "./stats.ts";

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const ROWS = Number(process.env.LOAD_ROWS ?? 2_000);
const READS = Number(process.env.LOAD_READS ?? 3);
const TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_S ?? 600) * 1000;
const CONTENDED_CLERKS = Number(process.env.LOAD_CONTENDED_CLERKS ?? 6);
const CONTENDED_ROWS = Math.min(ROWS, Number(process.env.LOAD_CONTENDED_ROWS ?? 500));
const ADMIN = "load-admin-token-0123456789abcdef";

interface Timings {
  push: number[];
  rankings: number[];
  serverErrors: number;
  /** Responses cut off while their body was read (ledger/api/client.ts treats that as a network failure, retried by the push engine). */
  dropped: number;
}

/** A client whose requests record how long they took and count 5xx answers (which the push engine retries). */
function timed(url: string, token: string, kind: "push" | "rankings", t: Timings): Client {
  return createApiClient({
    baseUrl: url,
    token,
    fetch: async (input, init) => {
      const start = performance.now();
      try {
        const res = await fetch(input, init);
        // Read here so that an answer cut off mid-body is counted (the client retries it like a network failure).
        const body = await res.arrayBuffer();
        if (res.status >= 500) t.serverErrors++;
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      } catch (e) {
        t.dropped++;
        throw e;
      } finally {
        t[kind].push(performance.now() - start);
      }
    },
  });
}

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆帅旭宁龙林欣"];
const RESPONDENTS = ["区人社局", "某建筑工程有限公司", "某物业服务有限公司", "某食品加工厂", "某运输有限公司", "某电子科技有限公司",
  "某房地产开发有限公司", "某纺织有限公司", "某餐饮管理有限公司", "某劳务派遣有限公司", "某村民委员会", "某汽车销售服务有限公司"];

/**
 * A town's ledger with realistic parties: names drawn from common surnames and given names, so the same applicant
 * and respondent now and then appear in two units (the cross-case flags have work to do) without every row of the
 * district sharing a handful of names.
 */
function rowsFor(unit: string, u: number, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const k = u * 7919 + i * 104_729;
    return {
      row: i + 2,
      values: {
        caseNo: `L-${String(i).padStart(5, "0")}`, receivedOn: `2026-${String(1 + (i % 9)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
        unit, source: "当事人申请", domain: "劳动争议", stage: "诉前", mediationType: "行政调解",
        applicant: `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k >> 3) % GIVEN.length]}${GIVEN[(k >> 7) % GIVEN.length]}`,
        respondent: RESPONDENTS[(k >> 11) % RESPONDENTS.length], accepted: "是", mediator: "李四", status: i % 3 === 0 ? "调解成功" : "调解中",
        closedOn: i % 3 === 0 ? "2026-10-28" : null, summary: `第${i}号案件，拖欠工资。`, phone: `1380595${String(i % 10_000).padStart(4, "0")}`,
      },
    };
  });
}

async function countStored(persistTo: string): Promise<{ total: number; distinct: number; units: number }> {
  const out = await wrangler(["d1", "execute", "DB", "--local", "--config", WRANGLER_CONFIG, "--persist-to", persistTo, "--json", "--command",
    "SELECT count(*) AS total, count(DISTINCT unit_id || '/' || case_no) AS distinct_rows, count(DISTINCT unit_id) AS units FROM cases WHERE deleted_at IS NULL"], { quiet: true });
  const r = (JSON.parse(out.slice(out.indexOf("["))) as { results: { total: number; distinct_rows: number; units: number }[] }[])[0].results[0];
  return { total: r.total, distinct: r.distinct_rows, units: r.units };
}

/** Cases whose history has a gap or a stray version, and the versions stored in all (live rows plus revisions). */
async function checkHistory(persistTo: string): Promise<{ broken: number; versions: number }> {
  const out = await wrangler(["d1", "execute", "DB", "--local", "--config", WRANGLER_CONFIG, "--persist-to", persistTo, "--json", "--command",
    `SELECT
       (SELECT count(*) FROM cases AS c
        WHERE (SELECT count(*) FROM case_revisions AS r WHERE r.case_id = c.id) <> c.version - 1
           OR EXISTS (SELECT 1 FROM case_revisions AS r WHERE r.case_id = c.id AND (r.version < 1 OR r.version >= c.version))) AS broken,
       (SELECT sum(version) FROM cases) AS versions`], { quiet: true });
  const r = (JSON.parse(out.slice(out.indexOf("["))) as { results: { broken: number; versions: number }[] }[])[0].results[0];
  return r;
}

async function load(dir: string, started: (stop: () => Promise<void>) => void): Promise<Figure[]> {
  await applyMigrations(dir, { quiet: true });
  const server = await startDevServer({ persistTo: dir, vars: { ADMIN_TOKEN: ADMIN } });
  started(server.stop);
  const newTimings = (): Timings => ({ push: [], rankings: [], serverErrors: 0, dropped: 0 });
  const t = newTimings();
  const solo = newTimings();
  const contended = newTimings();
  let seconds: number;
  let soloSeconds: number;
  let inserted = 0;
  let written = 0;
  let contendedSeconds = 0;
  try {
    const admin = createApiClient({ baseUrl: server.url, token: ADMIN });
    // Unit 0 is the baseline: the same work by one client alone, before the others start.
    const units = Array.from({ length: CLIENTS + 1 }, (_, i) => (i === 0 ? "负载测试基线镇" : `负载测试镇${String(i).padStart(2, "0")}`));
    for (const name of units) await admin.request("POST", "/api/units", { body: { name, kind: "town" } });
    const clerks = await Promise.all(units.map((unit) => admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit } })));
    const { token: assessor } = await admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "assessor" } });
    const client = async (i: number, timings: Timings) => {
      const clerk = timed(server.url, clerks[i].token, "push", timings);
      const { summary: pushed } = await pushAll(clerk, rowsFor(units[i], i, ROWS), { wholeLedger: true, locale: "zh-CN", concurrency: 2 });
      for (let r = 0; r < READS; r++) {
        const start = performance.now();
        const res = await fetch(`${server.url}/api/rankings?period=2026&asOf=2026-11-25`, { headers: { Authorization: `Bearer ${assessor}` } });
        const body = await res.text();
        timings.rankings.push(performance.now() - start);
        if (res.status >= 500) {
          timings.serverErrors++;
          throw new Error(`GET /api/rankings answered ${res.status}: ${body.slice(0, 300)}`);
        }
      }
      return pushed;
    };
    let start = performance.now();
    const alone = await client(0, solo);
    soloSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    const totals = await Promise.all(units.slice(1).map((_, i) => client(i + 1, t)));
    seconds = (performance.now() - start) / 1000;
    inserted = totals.reduce((n, p) => n + p.inserted, alone.inserted);
    const rejected = totals.reduce((n, p) => n + p.rejected, alone.rejected);
    if (rejected > 0) throw new Error(`${rejected} rows rejected: the generated rows should all be valid`);
    written = inserted + totals.reduce((n, p) => n + p.updated, alone.updated);

    // Several clerks of one unit change the same cases at the same moment, each differently.
    const shared = units[1];
    const contenders = await Promise.all(Array.from({ length: CONTENDED_CLERKS }, () =>
      admin.request<{ token: string }>("POST", "/api/tokens", { body: { role: "clerk", unit: shared } })));
    start = performance.now();
    const raced = await Promise.all(contenders.map(({ token }, k) => {
      const rows = rowsFor(shared, 1, CONTENDED_ROWS).map((r) => ({ ...r, values: { ...r.values, summary: `第${k}位台账员改写：${r.values.summary}` } }));
      return pushAll(timed(server.url, token, "push", contended), rows, { wholeLedger: false, locale: "zh-CN", concurrency: 2 }).then((p) => p.summary);
    }));
    contendedSeconds = (performance.now() - start) / 1000;
    written += raced.reduce((n, p) => n + p.inserted + p.updated, 0);
  } catch (e) {
    const logFile = path.join(tmpdir(), "tiaojie-load-wrangler.log");
    writeFileSync(logFile, server.output());
    throw new Error(`${(e as Error).message}\n(wrangler dev's output: ${logFile})`, { cause: e });
  } finally {
    await server.stop();
  }
  const stored = await countStored(dir);
  const history = await checkHistory(dir);
  const expected = (CLIENTS + 1) * ROWS;
  const serverErrors = t.serverErrors + solo.serverErrors + contended.serverErrors;
  if (serverErrors > 0) throw new Error(`${serverErrors} requests answered 5xx`);
  if (stored.total !== expected || stored.distinct !== expected || inserted !== expected) {
    throw new Error(`rows lost or duplicated: expected ${expected}, receipts counted ${inserted}, D1 holds ${stored.total} (${stored.distinct} distinct)`);
  }
  if (history.broken > 0 || history.versions !== written) {
    throw new Error(`history lost: ${history.broken} cases with a gap in their versions; D1 holds ${history.versions} versions, receipts say ${written} were written`);
  }
  const figures: Figure[] = [
    { bench: "load", measure: `${CLIENTS} clients at once × ${ROWS.toLocaleString("en-US")} rows, whole-ledger pushes + ${READS} rankings reads each: throughput`, value: (CLIENTS * ROWS) / seconds, unit: "rows/s",
      baseline: { name: "one client alone, same work", value: ROWS / soloSeconds } },
    { bench: "load", measure: "5xx answers", value: serverErrors, unit: "", target: "0", met: serverErrors === 0 },
    { bench: "load", measure: "responses cut off mid-body (retried with the same Idempotency-Key)", value: t.dropped + solo.dropped + contended.dropped, unit: "" },
    { bench: "load", measure: `rows in D1 (expected ${expected.toLocaleString("en-US")}, each once)`, value: stored.distinct, unit: "rows", target: "all, none twice", met: stored.total === expected },
    { bench: "load", measure: `then ${CONTENDED_CLERKS} clerks of one unit changing the same ${CONTENDED_ROWS} cases at once: cases with a gap in their history`, value: history.broken, unit: "", target: "0", met: history.broken === 0 },
    { bench: "load", measure: "versions stored (live rows + revisions) = versions the receipts say were written", value: history.versions, unit: "versions", target: `${written}`, met: history.versions === written },
    { bench: "load", measure: `the ${CONTENDED_CLERKS} contended pushes, wall time`, value: contendedSeconds, unit: "s" },
  ];
  for (const kind of ["push", "rankings"] as const) {
    const sorted = [...t[kind]].sort((a, b) => a - b);
    const soloSorted = [...solo[kind]].sort((a, b) => a - b);
    for (const p of [50, 95, 99]) {
      figures.push({ bench: "load", measure: `${kind === "push" ? "push chunk" : "GET /api/rankings"} p${p} (${sorted.length} requests)`, value: percentile(sorted, p), unit: "ms",
        baseline: { name: `one client alone (${soloSorted.length} requests)`, value: percentile(soloSorted, p) } });
    }
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
