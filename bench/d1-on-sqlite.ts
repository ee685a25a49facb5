// A D1Database for benchmarks run in Node: the same SQL on node:sqlite, with the time SQLite spends kept apart, so
// a bench can tell the Worker's own CPU (binding, building statements, reading results) from the database's.
// Only what the push path calls: prepare/bind/all/first/run/raw and batch() as one transaction.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";

// The main thread's CPU only: workerd bills a request the time of the thread that runs it, not the collector's and
// compiler's helper threads, which process.cpuUsage() would add in.
const cpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

/** D1 binds true/false as 1/0 and refuses undefined; node:sqlite refuses booleans. */
const bindable = (v: unknown) => (v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : v) as never;

export interface SqliteD1 {
  db: D1Database;
  /** CPU milliseconds spent inside SQLite so far. */
  sqlMs(): number;
  /** Wall-clock milliseconds spent inside SQLite so far (microsecond resolution; the CPU clock ticks every 4 ms). */
  sqlWallMs(): number;
  sqlite: DatabaseSync;
}

/**
 * `wallOnly`: time SQLite on the wall clock alone. Reading the thread's CPU clock is a system call, two per statement,
 * which a caller timing whole requests on the wall clock would otherwise count as the Worker's.
 */
export function d1OnSqlite(migrationsDir: string, o: { wallOnly?: boolean } = {}): SqliteD1 {
  const cpuNow = o.wallOnly ? () => 0 : cpuMs;
  const sqlite = new DatabaseSync(":memory:");
  for (const f of readdirSync(migrationsDir).filter((f) => f.endsWith(".sql")).sort()) {
    sqlite.exec(readFileSync(path.join(migrationsDir, f), "utf8"));
  }
  let spent = 0;
  let wall = 0;
  const prepared = new Map<string, StatementSync>();
  const exec = (sql: string, args: unknown[]): Record<string, unknown>[] => {
    const t = cpuNow();
    const w = performance.now();
    try {
      let st = prepared.get(sql);
      if (!st) prepared.set(sql, (st = sqlite.prepare(sql)));
      return st.all(...args.map(bindable)) as Record<string, unknown>[];
    } finally {
      spent += cpuNow() - t;
      wall += performance.now() - w;
    }
  };
  type Stmt = { sql: string; args: unknown[] };
  const statement = (sql: string, args: unknown[] = []): D1PreparedStatement & Stmt => {
    const result = () => ({ results: exec(sql, args), success: true as const, meta: {} as D1Meta & Record<string, unknown> });
    return {
      sql,
      args,
      bind: (...a: unknown[]) => statement(sql, a),
      all: async () => result(),
      run: async () => result(),
      first: async (col?: string) => {
        const row = exec(sql, args)[0] ?? null;
        return col && row ? row[col] : row;
      },
      raw: async () => exec(sql, args).map((r) => Object.values(r)),
    } as unknown as D1PreparedStatement & Stmt;
  };
  const tx = (q: string) => {
    const t = cpuNow();
    const w = performance.now();
    sqlite.exec(q);
    spent += cpuNow() - t;
    wall += performance.now() - w;
  };
  const db = {
    prepare: (sql: string) => statement(sql),
    batch: async (stmts: (D1PreparedStatement & Stmt)[]) => {
      tx("BEGIN");
      try {
        const out = stmts.map((s) => ({ results: exec(s.sql, s.args), success: true, meta: {} }));
        tx("COMMIT");
        return out;
      } catch (e) {
        tx("ROLLBACK");
        throw new Error(`D1_ERROR: ${(e as Error).message}`);
      }
    },
  } as unknown as D1Database;
  return { db, sqlMs: () => spent, sqlWallMs: () => wall, sqlite };
}
