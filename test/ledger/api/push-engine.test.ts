import { describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../../../ledger/api/client.ts";
import { planPush, runPush, type PushProgress } from "../../../ledger/api/push-engine.ts";
import type { Receipt as PushReceipt } from "../../../ledger/api/push.ts";
import type { SheetRow as PushRow } from "../../../ledger/api/push-rows.ts";

const text = (body: string | Uint8Array) => (typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body));

function rows(n: number, summary = "争议概要"): PushRow[] {
  return Array.from({ length: n }, (_, i) => ({ row: i + 3, values: { caseNo: `NP-${i}`, receivedOn: "2026-05-26", summary } }));
}

function receipt(body: string, key: string): PushReceipt {
  const b = JSON.parse(body) as { chunkIndex: number; chunkCount: number; rows: PushRow[] };
  return {
    pushId: key.split(".")[0], chunkIndex: b.chunkIndex, chunkCount: b.chunkCount, unit: "南埔镇", wholeLedger: true,
    receivedAt: "2026-11-25T12:00:00.000Z",
    counts: { inserted: b.rows.length - 1, updated: 0, unchanged: 0, rejected: 1 },
    issues: [{ row: b.rows[0].row, column: "B", key: "receivedOn", code: "invalid_date", severity: "error", message: "日期错误" }],
    rejectedRows: [b.rows[0].row], complete: b.chunkIndex === b.chunkCount - 1, notInLedger: b.chunkIndex === b.chunkCount - 1 ? ["OLD-1"] : null,
    marking: b.chunkIndex === b.chunkCount - 1 ? { outcome: "marked", missing: 1, marked: 1, liveCases: 9, confirmed: null, examples: [] } : null,
    restored: 1, flags: [], assignments: [],
  };
}

interface Call { key: string; body: string }

function fakeClient(failures: Record<number, ApiError[]> = {}): { client: ApiClient; calls: Call[] } {
  const calls: Call[] = [];
  const attempts = new Map<string, number>();
  const client = {
    pushChunk: async (_pushId: string, key: string, bytes: string | Uint8Array, signal?: AbortSignal) => {
      if (signal?.aborted) throw new DOMException("aborted", "AbortError");
      const body = text(bytes);
      calls.push({ key, body });
      const index = (JSON.parse(body) as { chunkIndex: number }).chunkIndex;
      const n = attempts.get(key) ?? 0;
      attempts.set(key, n + 1);
      const failure = failures[index]?.[n];
      if (failure) throw failure;
      return receipt(body, key);
    },
  } as unknown as ApiClient;
  return { client, calls };
}

const noWait = async () => undefined;

describe("cutting a push into chunks", () => {
  it("keeps every chunk within 1,000 rows and 1 MB and numbers them", () => {
    const plan = planPush(rows(2_500), { pushId: "push-0001", locale: "zh-CN" });
    expect(plan.chunks.map((c) => c.rows)).toEqual([1_000, 1_000, 500]);
    for (const c of plan.chunks) {
      const body = JSON.parse(text(c.body()));
      expect(body.chunkCount).toBe(3);
      expect(body.wholeLedger).toBe(true);
      expect(c.body().length).toBeLessThanOrEqual(1_000_000);
    }
    expect(plan.chunks.map((c) => c.idempotencyKey)).toEqual(["push-0001.0", "push-0001.1", "push-0001.2"]);
  });

  it("cuts by size when rows are long", () => {
    const plan = planPush(rows(1_000, "很长的争议概要".repeat(100)), { pushId: "push-0002", locale: "en" });
    expect(plan.chunks.length).toBeGreaterThan(2);
    for (const c of plan.chunks) expect(c.body().length).toBeLessThanOrEqual(1_000_000);
    expect(plan.chunks.reduce((n, c) => n + c.rows, 0)).toBe(1_000);
  });

  it("names the unit only when asked (a clerk's token already says it)", () => {
    expect(JSON.parse(text(planPush(rows(1), { pushId: "push-0003", locale: "zh-CN" }).chunks[0].body()))).not.toHaveProperty("unit");
    expect(JSON.parse(text(planPush(rows(1), { pushId: "push-0003", locale: "zh-CN", unit: "界山镇" }).chunks[0].body())).unit).toBe("界山镇");
  });
});

describe("a chunk's bytes", () => {
  const columns = { caseNo: "A", applicant: "C", summary: "F" };
  /** The chunk as one JSON.stringify of its whole body would give it: what the server parses. */
  const asJson = (plan: ReturnType<typeof planPush>, index: number, first: number, sent: PushRow[], unit?: string) =>
    new TextEncoder().encode(JSON.stringify({
      ...(unit ? { unit } : {}), wholeLedger: true, chunkIndex: index, chunkCount: plan.chunks.length, locale: "zh-CN", columns,
      rows: sent.slice(first, first + plan.chunks[index].rows),
    }));
  const unusual: PushRow[] = rows(40).map((r, i) => ({
    row: r.row,
    values: {
      ...r.values,
      applicant: ["张三", "😀张三🙏", "𠮷野家餐饮公司", "\ud83d alone: \ud83d", "Zoë Åström"][i % 5],
      summary: `拖欠\r\n工资\t"三个月" \\ \u2028 ${"争议".repeat(i)}`,
      amount: i % 3 ? 1.5 * i : null,
    },
  }));

  it("are exactly the UTF-8 of the chunk's JSON, with Chinese text and characters outside the BMP", () => {
    const plan = planPush(unusual, { pushId: "push-b1", locale: "zh-CN", unit: "界山镇", columns, maxRows: 7 });
    expect(plan.chunks.map((c) => c.rows)).toEqual([7, 7, 7, 7, 7, 5]);
    plan.chunks.forEach((c, i) => {
      const body = c.body();
      expect(body).toEqual(asJson(plan, i, i * 7, unusual, "界山镇"));
      expect(body.length).toBe(c.bytes);
      expect(JSON.parse(text(body)).rows[0].values.applicant).toBe(unusual[i * 7].values.applicant);
    });
  });

  it("stay within the byte limit when it, not the row count, cuts the chunks", () => {
    const long = unusual.map((r) => ({ ...r, values: { ...r.values, summary: `${r.values.summary} ${"𠮷野家".repeat(300)}` } }));
    const plan = planPush(long, { pushId: "push-b2", locale: "zh-CN", columns, maxBytes: 20_000 });
    expect(plan.chunks.length).toBeGreaterThan(3);
    let first = 0;
    plan.chunks.forEach((c, i) => {
      const body = c.body();
      expect(body.length).toBeLessThanOrEqual(20_000);
      expect(body.length).toBe(c.bytes);
      expect(body).toEqual(asJson(plan, i, first, long));
      first += c.rows;
    });
    expect(first).toBe(long.length);
  });

  it("are kept from the first call until the chunk lands, so a retry repeats them byte for byte, and let go then", () => {
    const plan = planPush(unusual, { pushId: "push-b3", locale: "zh-CN", columns });
    const first = plan.chunks[0].body();
    expect(plan.chunks[0].body()).toBe(first);
    const copy = first.slice();
    plan.chunks[0].landed();
    // Freed at once, not left for the collector; asked for again, the same bytes are made anew.
    expect(first.byteLength).toBe(0);
    expect(plan.chunks[0].body()).toEqual(copy);
  });

  it("of an empty ledger are one empty chunk", () => {
    const plan = planPush([], { pushId: "push-b4", locale: "zh-CN", columns });
    expect(text(plan.chunks[0].body())).toBe(`{"wholeLedger":true,"chunkIndex":0,"chunkCount":1,"locale":"zh-CN","columns":${JSON.stringify(columns)},"rows":[]}`);
    expect(plan.chunks[0].bytes).toBe(plan.chunks[0].body().length);
  });

  it("carry a row changed after planning as it is now, still as whole JSON", () => {
    const held = unusual.slice(0, 3).map((r) => ({ ...r, values: { ...r.values } }));
    const plan = planPush(held, { pushId: "push-b5", locale: "zh-CN", columns });
    held[1].values.summary = "改得更长的概要 😀".repeat(20);
    held[2].values.summary = "短";
    expect(plan.chunks[0].body()).toEqual(asJson(plan, 0, 0, held));
  });
});

/**
 * Rows made on demand, as the CLI's and the pane's grids make them, with a log of every row made and every chunk
 * sent; `summary` can be changed between calls, as a source read again would show an edit.
 */
function spySource(n: number) {
  const log: string[] = [];
  const source = {
    summary: "争议概要",
    length: n,
    rowNumber: (i: number) => i + 3,
    json(i: number) {
      log.push(`row ${i}`);
      return JSON.stringify({ row: i + 3, values: { caseNo: `NP-${i}`, receivedOn: "2026-05-26", summary: source.summary } });
    },
  };
  return { source, log };
}

/** The log's runs: consecutive rows made as [first, last] ranges, and the chunks sent, in order. */
function runs(log: readonly string[]): string[] {
  const out: string[] = [];
  let from = -1;
  let last = -1;
  const flush = () => from >= 0 && out.push(`rows ${from}–${last}`);
  for (const e of log) {
    const m = /^row (\d+)$/.exec(e);
    if (m && Number(m[1]) === last + 1 && from >= 0) last++;
    else {
      flush();
      from = m ? Number(m[1]) : -1;
      last = from;
      if (!m) out.push(e);
    }
  }
  flush();
  return out;
}

describe("rows made from a row source", () => {
  it("are made once each to cut the chunks, then again one chunk at a time, each chunk's only when it is sent", async () => {
    const { source, log } = spySource(3_500);
    const { client, calls } = fakeClient();
    const logged: ApiClient = { ...client, pushChunk: (...a: Parameters<ApiClient["pushChunk"]>) => (log.push(`send ${a[1]}`), client.pushChunk(...a)) } as ApiClient;
    const plan = planPush(source, { pushId: "push-s1", locale: "zh-CN" });
    expect(runs(log)).toEqual(["rows 0–3499"]);
    log.length = 0;
    const out = await runPush(logged, plan);
    expect(out.status).toBe("done");
    // Never more than the chunk about to go: no row is made before the chunk before it was sent.
    expect(runs(log)).toEqual([
      "rows 0–999", "send push-s1.0", "rows 1000–1999", "send push-s1.1", "rows 2000–2999", "send push-s1.2", "rows 3000–3499", "send push-s1.3",
    ]);
    expect(calls.map((c) => JSON.parse(c.body).rows.length)).toEqual([1_000, 1_000, 1_000, 500]);
    expect(JSON.parse(calls[3].body).rows[499]).toEqual({ row: 3_502, values: { caseNo: "NP-3499", receivedOn: "2026-05-26", summary: "争议概要" } });
  });

  it("are sent after a failure with the bytes first sent under the chunk's key, even if the source would now make them differently", async () => {
    const offline = new ApiError("offline", "Failed to fetch");
    const { source, log } = spySource(2_500);
    const { client, calls } = fakeClient({ 1: [offline, offline, offline, offline] });
    const plan = planPush(source, { pushId: "push-s2", locale: "zh-CN" });
    const failed = await runPush(client, plan, { sleep: noWait });
    expect(failed.status).toBe("failed");
    // The clerk edits a case before pressing Retry: what already went under push-s2.1 must go again unchanged.
    source.summary = "改过概要";
    log.length = 0;
    const resumed = await runPush(client, plan, { receipts: failed.receipts, sleep: noWait });
    expect(resumed.status).toBe("done");
    const tries = calls.filter((c) => c.key === "push-s2.1");
    expect(tries).toHaveLength(5);
    expect(new Set(tries.map((c) => c.body)).size).toBe(1);
    expect(JSON.parse(tries[4].body).rows[0].values.summary).toBe("争议概要");
    // Only the chunk never sent before is made again, as the source has it now.
    expect(runs(log)).toEqual(["rows 2000–2499"]);
    expect(JSON.parse(calls.at(-1)!.body).rows[0].values.summary).toBe("改过概要");
  });

  it("of an array are the array's rows as they are when each chunk is sent", () => {
    const held = rows(3);
    const plan = planPush(held, { pushId: "push-s3", locale: "zh-CN" });
    held[0] = { row: 99, values: {} };
    expect(JSON.parse(text(plan.chunks[0].body())).rows[0].row).toBe(3);
  });

  it("refuses a row too large for any chunk by its row number", () => {
    const { source } = spySource(5);
    source.summary = "长".repeat(400_000);
    expect(() => planPush(source, { pushId: "push-s4", locale: "zh-CN" })).toThrow(/第 3 行单独就超过一块推送的上限/);
  });
});

describe("sending a push", () => {
  it("sends every chunk in order, reports progress and sums the receipts", async () => {
    const { client, calls } = fakeClient();
    const progress: PushProgress[] = [];
    const out = await runPush(client, planPush(rows(2_500), { pushId: "push-0004", locale: "zh-CN" }), { onProgress: (p) => progress.push(p) });
    expect(out.status).toBe("done");
    expect(calls.map((c) => c.key)).toEqual(["push-0004.0", "push-0004.1", "push-0004.2"]);
    expect(progress.at(-1)).toMatchObject({ chunksDone: 3, rowsDone: 2_500, rows: 2_500 });
    expect(out.summary).toMatchObject({ inserted: 2_497, rejected: 3, complete: true, notInLedger: ["OLD-1"], rejectedRows: [3, 1003, 2003], restored: 3 });
    expect(out.summary.marking).toMatchObject({ outcome: "marked", marked: 1 });
  });

  it("carries the clerk's confirmation to mark missing cases in every chunk, and nothing of it when there is none", async () => {
    const confirmed = planPush(rows(2_500), { pushId: "push-0010", locale: "zh-CN", confirmMissing: 37 });
    expect(confirmed.chunks.map((c) => JSON.parse(text(c.body())).confirmMissing)).toEqual([37, 37, 37]);
    expect(JSON.parse(text(planPush(rows(10), { pushId: "push-0011", locale: "zh-CN" }).chunks[0].body()))).not.toHaveProperty("confirmMissing");
  });

  it("retries a chunk after a network error with the same key and the same bytes", async () => {
    const { client, calls } = fakeClient({ 1: [new ApiError("offline", "Failed to fetch"), new ApiError("server", "boom", { status: 500 })] });
    const out = await runPush(client, planPush(rows(1_500), { pushId: "push-0005", locale: "zh-CN" }), { sleep: noWait });
    expect(out.status).toBe("done");
    const second = calls.filter((c) => c.key === "push-0005.1");
    expect(second.length).toBe(3);
    expect(new Set(second.map((c) => c.body)).size).toBe(1);
    expect(out.receipts.length).toBe(2);
  });

  it("stops after the retries run out and resumes from the failed chunk with the same keys", async () => {
    const offline = new ApiError("offline", "Failed to fetch");
    const { client, calls } = fakeClient({ 1: [offline, offline, offline, offline] });
    const plan = planPush(rows(2_500), { pushId: "push-0006", locale: "zh-CN" });
    const failed = await runPush(client, plan, { sleep: noWait });
    expect(failed.status).toBe("failed");
    expect(failed.error?.kind).toBe("offline");
    expect(failed.nextChunk).toBe(1);
    const resumed = await runPush(client, plan, { receipts: failed.receipts, sleep: noWait });
    expect(resumed.status).toBe("done");
    expect(calls.map((c) => c.key)).toEqual(["push-0006.0", ...Array(5).fill("push-0006.1"), "push-0006.2"]);
    expect(resumed.summary.inserted).toBe(2_497);
  });

  it("does not retry a revoked token and says so", async () => {
    const { client, calls } = fakeClient({ 0: [new ApiError("token_revoked", "revoked", { status: 401, code: "token_revoked" })] });
    const out = await runPush(client, planPush(rows(10), { pushId: "push-0007", locale: "zh-CN" }), { sleep: noWait });
    expect(out.status).toBe("failed");
    expect(out.error?.kind).toBe("token_revoked");
    expect(calls.length).toBe(1);
  });

  it("cancels between chunks and while waiting to retry", async () => {
    const controller = new AbortController();
    const { client, calls } = fakeClient();
    const out = await runPush(client, planPush(rows(3_000), { pushId: "push-0008", locale: "zh-CN" }), {
      signal: controller.signal,
      onProgress: (p) => p.chunksDone === 1 && controller.abort(),
    });
    expect(out.status).toBe("cancelled");
    expect(out.nextChunk).toBe(1);
    expect(calls.length).toBe(1);

    const waiting = new AbortController();
    const flaky = fakeClient({ 0: [new ApiError("offline", "x")] });
    const pending = runPush(flaky.client, planPush(rows(10), { pushId: "push-0009", locale: "zh-CN" }), {
      signal: waiting.signal,
      retryDelays: [60_000],
      onProgress: (p) => p.retrying && waiting.abort(),
    });
    expect((await pending).status).toBe("cancelled");
  });

  it("waits as long as the server's Retry-After asks", async () => {
    const waits: number[] = [];
    const { client } = fakeClient({ 0: [new ApiError("rate_limited", "slow down", { status: 429, code: "rate_limited", retryAfterSeconds: 7 })] });
    await runPush(client, planPush(rows(10), { pushId: "push-0010", locale: "zh-CN" }), { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([7_000]);
  });

  it("sends several chunks at once when asked, keeps each receipt with its chunk and resumes only the chunks that did not land", async () => {
    const offline = new ApiError("offline", "Failed to fetch");
    const { client, calls } = fakeClient({ 2: [offline, offline, offline, offline] });
    const plan = planPush(rows(5_000), { pushId: "push-0011", locale: "zh-CN" });
    const failed = await runPush(client, plan, { concurrency: 3, sleep: noWait });
    expect(failed.status).toBe("failed");
    expect(failed.nextChunk).toBe(2);
    // Chunks already in flight when chunk 2 gave up still landed; nothing after the failure was started.
    const landed = failed.receipts.map((r, i) => (r ? i : null)).filter((i) => i !== null);
    expect(landed).toEqual(expect.arrayContaining([0, 1]));
    expect(landed).not.toContain(2);
    const resumed = await runPush(client, plan, { receipts: failed.receipts, concurrency: 3, sleep: noWait });
    expect(resumed.status).toBe("done");
    expect(resumed.receipts.map((r) => r!.chunkIndex)).toEqual([0, 1, 2, 3, 4]);
    // Every chunk landed once under its own key (chunk 2 after its four failed tries).
    const keys = calls.map((c) => c.key);
    for (const i of [0, 1, 3, 4]) expect(keys.filter((k) => k === `push-0011.${i}`)).toHaveLength(1);
    expect(keys.filter((k) => k === "push-0011.2")).toHaveLength(5);
    expect(resumed.summary.inserted).toBe(4_995);
  });
});
