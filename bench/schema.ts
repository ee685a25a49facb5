// What each part of the `cases` schema costs a push's writes. The same rows go through the push's own write
// statements (worker/db/pushes.ts: json_each upsert, 1,000 rows a statement; for changed rows the revision copy
// first) into: a bare table (unit, case_no, hash, JSON); the schema the migrations build; and that
// schema with one thing taken away at a time (an index, the assessment triggers, the generated columns). Each
// variant starts from a fresh database; variants run in rotating order, several rounds, and the median is printed
// beside the bare table's median from the same run.
//
// BENCH_SCHEMA_ENGINE=d1 (default: local D1 through wrangler's platform proxy, as `wrangler dev` uses) or sqlite
// (node:sqlite in memory: less noise, for the per-column breakdown). BENCH_SCHEMA_ROWS (10,000),
// BENCH_SCHEMA_ROUNDS (3), BENCH_SCHEMA_PER_COLUMN=1 adds one variant per generated column.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { getPlatformProxy } from "wrangler";
import { KEEP_REVISIONS, UPSERT_CASES } from "../worker/db/pushes.ts";
import { makeRows } from "./push.ts";
import { splitSql } from "./rankings.ts";
import { median } from "./stats.ts";
import { printFigures, type Figure } from "./report.ts";

const ROWS = Number(process.env.BENCH_SCHEMA_ROWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_SCHEMA_ROUNDS ?? 3);
const ENGINE = process.env.BENCH_SCHEMA_ENGINE === "sqlite" ? "sqlite" : "d1";
const PER_COLUMN = process.env.BENCH_SCHEMA_PER_COLUMN === "1";
const PER_STATEMENT = 1_000;
const ROOT = path.resolve(import.meta.dirname, "..");
const MIGRATIONS = path.join(ROOT, "worker/migrations");

/** The generated columns of `cases`, read from the migrations (so a migration that drops one is seen here). */
function generatedColumns(db: DatabaseSync): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_xinfo('cases') WHERE hidden IN (2, 3)`).all() as { name: string }[]).map((r) => r.name);
}
function schemaObjects(db: DatabaseSync): { triggers: string[]; indexes: string[] } {
  const names = (type: string) =>
    (db.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = 'cases' AND sql IS NOT NULL`).all(type) as { name: string }[]).map((r) => r.name);
  return { triggers: names("trigger"), indexes: names("index") };
}

interface Engine {
  /** Runs statements one after another (DDL). */
  exec(statements: string[]): Promise<void>;
  /** One transaction of statements, as D1's batch(). */
  batch(statements: { sql: string; args: unknown[] }[]): Promise<void>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

async function d1Engine(): Promise<Engine> {
  const dir = mkdtempSync(path.join(tmpdir(), "tiaojie-bench-schema-"));
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: path.join(ROOT, "worker/wrangler.jsonc"), persist: { path: dir } });
  const db = proxy.env.DB;
  return {
    async exec(statements) {
      for (const s of statements) await db.prepare(s).run();
    },
    async batch(statements) {
      await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.args)));
    },
    async count(table) {
      return (await db.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
    },
    async close() {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function sqliteEngine(): Promise<Engine> {
  const db = new DatabaseSync(":memory:");
  db.exec("PRAGMA foreign_keys = ON");
  return {
    async exec(statements) {
      for (const s of statements) db.exec(s);
    },
    async batch(statements) {
      db.exec("BEGIN");
      try {
        for (const s of statements) db.prepare(s.sql).run(...(s.args as never[]));
        db.exec("COMMIT");
      } catch (e) {
        db.exec("ROLLBACK");
        throw e;
      }
    },
    async count(table) {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    async close() {
      db.close();
    },
  };
}

/** The migrations as they were when the bench started, by file (a file added mid-run changes nothing). */
const MIGRATION_FILES: { file: string; statements: string[] }[] = readdirSync(MIGRATIONS)
  .filter((f) => f.endsWith(".sql"))
  .sort()
  .map((file) => ({ file, statements: splitSql(readFileSync(path.join(MIGRATIONS, file), "utf8")) }));
const migrationStatements = (skip: readonly string[] = []): string[] =>
  MIGRATION_FILES.filter((m) => !skip.some((s) => m.file.startsWith(s))).flatMap((m) => m.statements);
/** Migrations that change what a case write costs: the bench also runs the schema without each, in the same run. */
const WRITE_COST_MIGRATIONS = ["0033_"];

const BARE_TABLE = `CREATE TABLE bare (unit_id INTEGER NOT NULL, case_no TEXT NOT NULL, content_hash TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (unit_id, case_no)) STRICT`;
const BARE_UPSERT = `
INSERT INTO bare (unit_id, case_no, content_hash, data)
SELECT 1, j.value ->> '$.n', j.value ->> '$.h', j.value ->> '$.d' FROM json_each(?) AS j WHERE true
ON CONFLICT (unit_id, case_no) DO UPDATE SET data = excluded.data, content_hash = excluded.content_hash
WHERE bare.content_hash IS NOT excluded.content_hash`;

interface Variant {
  name: string;
  /** Statements run after the migrations (DROP …); bare variants build their own table instead. */
  changes: string[];
  bare?: boolean;
  /** The changed rows go in without copying their previous version first (what the revisions cost). */
  noRevisions?: boolean;
  /** Migration files (by prefix) left out. */
  skip?: string[];
}

function variants(): Variant[] {
  const probe = new DatabaseSync(":memory:");
  for (const s of migrationStatements()) probe.exec(s);
  const columns = generatedColumns(probe);
  const { triggers, indexes } = schemaObjects(probe);
  probe.close();
  const dropTriggers = triggers.map((t) => `DROP TRIGGER ${t}`);
  const dropIndexes = indexes.map((i) => `DROP INDEX ${i}`);
  const stripped = [...dropTriggers, ...dropIndexes];
  const list: Variant[] = [
    { name: "bare table (unit, case_no, hash, JSON)", changes: [], bare: true },
    { name: "our schema (all migrations)", changes: [] },
    { name: "our schema, changed rows without the revision copy", changes: [], noRevisions: true },
    ...WRITE_COST_MIGRATIONS.filter((m) => MIGRATION_FILES.some((f) => f.file.startsWith(m))).map((m) => ({
      name: `our schema without migration ${m.replace(/_$/, "")}`, changes: [], skip: [m],
    })),
    ...indexes.map((i) => ({ name: `our schema − index ${i}`, changes: [`DROP INDEX ${i}`] })),
    ...(triggers.length ? [{ name: `our schema − triggers ${triggers.join(", ")}`, changes: dropTriggers }] : []),
    { name: "our schema − triggers − indexes on cases", changes: stripped },
    ...(columns.length
      ? [{ name: `our schema − triggers − indexes − all ${columns.length} generated columns`, changes: [...stripped, ...columns.map((c) => `ALTER TABLE cases DROP COLUMN ${c}`)] }]
      : []),
  ];
  if (PER_COLUMN) {
    for (const keep of columns) {
      list.push({
        name: `our schema − triggers − indexes, generated column ${keep} only`,
        changes: [...stripped, ...columns.filter((c) => c !== keep).map((c) => `ALTER TABLE cases DROP COLUMN ${c}`)],
      });
    }
  }
  return list;
}

function jsonGroups(rows: ReturnType<typeof makeRows>): { upsert: string[]; names: string[] } {
  const items = rows.map((r) => {
    const data = JSON.stringify(r);
    return `{"n":${JSON.stringify(r.caseNo)},"h":"${createHash("sha256").update(data).digest("hex")}","d":${data}}`;
  });
  const upsert: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < items.length; i += PER_STATEMENT) {
    upsert.push(`[${items.slice(i, i + PER_STATEMENT).join(",")}]`);
    names.push(JSON.stringify(rows.slice(i, i + PER_STATEMENT).map((r) => r.caseNo)));
  }
  return { upsert, names };
}

interface Timing {
  insertMs: number;
  updateMs: number;
}

async function measure(v: Variant, first: string[], changed: string[]): Promise<Timing> {
  const engine = ENGINE === "d1" ? await d1Engine() : await sqliteEngine();
  try {
    if (v.bare) await engine.exec([BARE_TABLE]);
    else await engine.exec([...migrationStatements(v.skip), `INSERT INTO units (name, kind) VALUES ('山腰街道', 'town')`, ...v.changes]);
    const now = new Date().toISOString();
    // The push's own statements (worker/db/pushes.ts): ?1 unit, ?2 push, ?3 token, ?4 now, ?5 rows; revisions ?1 now,
    // ?2 push, ?3 rows, ?4 unit.
    const upsert = (g: string) => (v.bare ? { sql: BARE_UPSERT, args: [g] } : { sql: UPSERT_CASES, args: [1, "bench", null, now, g] });
    // Each 1,000-row statement in its own batch (one transaction), as each push chunk writes.
    let t = performance.now();
    for (const g of first) await engine.batch([upsert(g)]);
    const insertMs = performance.now() - t;
    t = performance.now();
    for (const g of changed) {
      await engine.batch(v.bare || v.noRevisions ? [upsert(g)] : [{ sql: KEEP_REVISIONS, args: [now, "bench", g, 1] }, upsert(g)]);
    }
    const updateMs = performance.now() - t;
    const n = await engine.count(v.bare ? "bare" : "cases");
    if (n !== ROWS) throw new Error(`${v.name}: stored ${n} rows, expected ${ROWS}`);
    if (!v.bare && !v.noRevisions && (await engine.count("case_revisions")) !== ROWS) throw new Error(`${v.name}: revisions missing`);
    return { insertMs, updateMs };
  } finally {
    await engine.close();
  }
}

const progress = (msg: string) => process.stderr.write(`[bench schema] ${msg}\n`);

export async function run(): Promise<Figure[]> {
  const rows = makeRows(ROWS);
  // Every row changed the second time: the summary (as a clerk edits it) and, for open cases, the outcome.
  const changedRows = rows.map((r) => ({
    ...r,
    summary: `${r.summary}（补充）`,
    ...(r.status === "调解中" ? { status: "调解成功", closedOn: String(r.receivedOn).slice(0, 8) + "28", judicialConfirmation: false } : {}),
  }));
  const first = jsonGroups(rows).upsert;
  const changed = jsonGroups(changedRows).upsert;
  const list = variants();
  const times = new Map<string, Timing[]>(list.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotating order, so that each variant meets the machine's load at every point of a round.
    for (let k = 0; k < list.length; k++) {
      const v = list[(k + round) % list.length];
      const t = await measure(v, first, changed);
      times.get(v.name)!.push(t);
      progress(`round ${round + 1}: ${v.name}: insert ${t.insertMs.toFixed(0)} ms, update ${t.updateMs.toFixed(0)} ms`);
    }
  }
  const rate = (ms: number) => (ROWS / ms) * 1000;
  const med = (name: string, k: keyof Timing) => median(times.get(name)!.map((t) => t[k]));
  const bare = list[0].name;
  const engine = ENGINE === "d1" ? "local D1" : "node:sqlite";
  const figures: Figure[] = [];
  for (const k of ["insertMs", "updateMs"] as const) {
    const what = k === "insertMs" ? "new rows" : "changed rows (revision copy + upsert)";
    for (const v of list.slice(1)) {
      if (k === "insertMs" && v.noRevisions) continue;
      figures.push({
        bench: "schema",
        measure: `${engine}, ${ROWS.toLocaleString("en-US")} ${what}, median of ${ROUNDS}: ${v.name}`,
        value: rate(med(v.name, k)), unit: "rows/s",
        baseline: { name: "bare table", value: rate(med(bare, k)) },
      });
    }
  }
  return figures;
}

if (import.meta.main) printFigures(await run());
