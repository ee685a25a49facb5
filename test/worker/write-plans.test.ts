import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { KEEP_REVISIONS, MARK_NOT_IN_LEDGER, UPSERT_CASES } from "../../worker/db/pushes.ts";
import { assertNotTransferredStatement, receiveTransfers, writeTransfers } from "../../worker/db/routing.ts";

// A push chunk's writes must cost per row of the chunk, not per case the unit already has: each statement walks the
// chunk's JSON once and finds each case by its key. With the chunk's JSON as the inner loop SQLite re-scans 1,000
// items for every case of the unit (a 5,000-row update took minutes in bench/schema.ts instead of 0.6 s).

async function plan(sql: string, ...args: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...args).all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** The SQL text a statement builder prepares. */
function sqlOf(build: (db: D1Database) => unknown): string {
  let text = "";
  const db = { prepare: (sql: string) => ((text = sql), { bind: () => ({}) }) } as unknown as D1Database;
  build(db);
  return text;
}

describe("the push's write statements", () => {
  it("keep the previous versions of a chunk's changed cases by looking each one up by unit and case number", async () => {
    const steps = await plan(KEEP_REVISIONS, "2026-11-28T00:00:00Z", "p", "[]", 1);
    expect(steps[0]).toMatch(/SCAN j\b/);
    expect(steps.some((s) => /SEARCH c USING INDEX \S+ \(unit_id=\? AND case_no=\?\)/.test(s))).toBe(true);
    expect(steps.some((s) => /SCAN c\b|SEARCH c USING INDEX \S+ \(unit_id=\?\)$/.test(s))).toBe(false);
  });

  it("upsert a chunk's rows in one pass over its JSON", async () => {
    const steps = await plan(UPSERT_CASES, 1, "p", null, "2026-11-28T00:00:00Z", "[]");
    expect(steps[0]).toMatch(/SCAN j\b/);
    expect(steps.filter((s) => /\b(SCAN|SEARCH) (c|cases)\b/.test(s))).toEqual([]);
  });

  it("look at the push's decision before the unit's cases when marking what a whole ledger lacks, so that every other chunk of it skips them", async () => {
    const steps = await plan(MARK_NOT_IN_LEDGER, "2026-11-28T00:00:00Z", "p", 1);
    const push = steps.findIndex((s) => /SEARCH p USING (COVERING )?INDEX \S+ \(id=\?\)/.test(s));
    const cases = steps.findIndex((s) => /SEARCH c USING (COVERING )?INDEX \S+ \(unit_id=\?/.test(s));
    expect(push).toBeGreaterThanOrEqual(0);
    expect(cases).toBeGreaterThan(push);
    expect(steps.some((s) => /^(SCAN|SEARCH) cases USING INDEX \S+ \(unit_id=\?\)/.test(s))).toBe(false);
  });

  it("check a chunk's rows against the unit's transfers by looking each one up, not by scanning every transfer", async () => {
    const steps = await plan(sqlOf((db) => assertNotTransferredStatement(db, 1, "[]")), 1, "[]");
    const scanJ = steps.findIndex((s) => /SCAN j\b/.test(s));
    const searchT = steps.findIndex((s) => /SEARCH t USING (COVERING )?INDEX \S+ \(from_unit_id=\? AND case_no=\?\)/.test(s));
    expect(scanJ).toBeGreaterThanOrEqual(0);
    expect(searchT).toBeGreaterThan(scanJ);
    // A transfer waiting for the unit's 签收, and one that brought a number back, are found by lead and case number too.
    expect(steps.filter((s) => /SEARCH \w+ USING (COVERING )?INDEX \S+ \(to_unit_id=\? AND case_no=\?/.test(s))).toHaveLength(2);
    expect(steps.filter((s) => /\bSCAN (t|b|case_transfers)\b/.test(s))).toEqual([]);
  });

  it("keep the sending unit's version of each transferred case by looking each one up by unit and case number", async () => {
    const prepared: string[] = [];
    const db = {
      prepare: (sql: string) => (prepared.push(sql), { bind: () => ({}) }),
      batch: async () => [],
    } as unknown as D1Database;
    await writeTransfers(db, { key: "k", requestHash: "h", receiptJson: "{}", fromUnitId: 1, senderCasesMove: true, tokenId: null, now: "t", itemsJson: "[]" }).catch(() => undefined);
    const copy = prepared.find((sql) => /INSERT INTO case_revisions/.test(sql));
    expect(copy).toBeDefined();
    const steps = await plan(copy!, "t", "[]", 1);
    expect(steps[0]).toMatch(/SCAN j\b/);
    expect(steps.some((s) => /SEARCH c USING INDEX \S+ \(unit_id=\? AND case_no=\?\)/.test(s))).toBe(true);
  });
});

describe("the transfer's and the receipt's write statements", () => {
  /** The statements a builder prepares, with its batch answered by empty results. */
  async function prepared(run: (db: D1Database) => Promise<unknown>): Promise<string[]> {
    const sqls: string[] = [];
    const db = {
      prepare: (sql: string) => (sqls.push(sql), { bind: () => ({}) }),
      batch: async (s: unknown[]) => s.map(() => ({ results: [] })),
    } as unknown as D1Database;
    await run(db).catch(() => undefined);
    return sqls;
  }
  /** How many values a statement binds: its highest ?N, or its count of plain ?. */
  const params = (sql: string) => Math.max((sql.match(/\?(?!\d)/g) ?? []).length, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));

  it("check each transferred case against the lead, the transfers and the sending unit by looking it up by key", async () => {
    const sqls = await prepared((db) => writeTransfers(db, {
      key: "k", requestHash: "h", receiptJson: "{}", fromUnitId: 1, senderCasesMove: false, tokenId: null, now: "t", itemsJson: "[]",
    }));
    const assertion = sqls.find((sql) => /batch_assertions/.test(sql))!;
    const steps = await plan(assertion, "[]", 1, 0);
    expect(steps.filter((s) => /^SEARCH /.test(s))).toHaveLength(4);
    expect(steps.filter((s) => /^SCAN (?!j\b|CONSTANT ROW)/.test(s))).toEqual([]);
  });

  it("take each received number's transfer and case by key, never a scan of the unit's transfers or cases", async () => {
    const sqls = await prepared((db) => receiveTransfers(db, { unitId: 1, caseNosJson: "[]", tokenId: 1, now: "t" }));
    expect(sqls).toHaveLength(4);
    for (const sql of sqls) {
      const steps = await plan(sql, ...Array.from({ length: params(sql) }, () => 1));
      // An unaliased "SCAN case_transfers" under an insert into cases is SQLite's foreign-key check of
      // case_transfers.from_case_id, listed for every insert into cases (the push's too) and run only while a
      // foreign-key violation is outstanding; the statements' own tables are aliased t, p and c.
      expect(steps.filter((s) => /^SCAN (t|p|c)\b/.test(s))).toEqual([]);
      expect(steps.some((s) => /SEARCH \w+ USING (COVERING )?INDEX case_transfers_lead_case \(to_unit_id=\? AND case_no=\?\)/.test(s))).toBe(true);
    }
  });
});
