/**
 * One push engine for the add-in and the CLI: rows (a row source that makes them one at a time, or an array) →
 * chunks (each under the server's row and byte limits) → one Idempotency-Key per chunk → a few chunks in flight →
 * retries of a failed chunk with the same key and the same bytes (so nothing is written twice) → cancel through an
 * AbortSignal → one merged receipt. The add-in and the CLI keep only their own reading of the sheet and their own
 * progress display.
 */
import { utf8Length } from "../utf8-length.ts";
import { ApiError, errorFromThrown, type ApiClient } from "./client.ts";
import { CLIENT_CHUNK_BYTES, MAX_ROWS_PER_CHUNK, type Marking, type PushCounts, type Receipt } from "./push.ts";
import { rowSource, type RowSource, type SheetRow } from "./push-rows.ts";

export interface PlannedChunk {
  index: number;
  idempotencyKey: string;
  /**
   * The exact JSON sent under this chunk's key, as UTF-8. Made from the row source when first asked for — the chunk's
   * own rows, when it is sent: a push holds neither all its rows nor all its bodies (a 100,000-row push once held
   * every body, ~100 MB; 200,000 rows as objects were ~110 MB) — and then kept until the chunk lands, so that every
   * retry, and a resume after a failed or cancelled push, sends these same bytes under the same key.
   * Bytes rather than text: a chunk's 1–2 MB string and fetch's UTF-8 copy of it were garbage in V8's old space that
   * the collector let pile up; the bytes live outside the JS heap.
   */
  body(): Uint8Array<ArrayBuffer>;
  /** The chunk has its receipt: its bytes are let go. */
  landed(): void;
  /** Length of body() in bytes, as planned (the rows as they were measured). */
  bytes: number;
  rows: number;
}

export interface PushPlan {
  pushId: string;
  chunks: PlannedChunk[];
  rows: number;
}

export interface PlanOptions {
  /** Made once per push (a UUID); the chunks' keys are `${pushId}.${index}`. */
  pushId: string;
  /** Omit for a clerk (the token's unit); a coordinator names the unit. */
  unit?: string;
  locale: "zh-CN" | "en";
  /** The whole ledger (default): stored cases the push does not carry are marked "not in ledger". */
  wholeLedger?: boolean;
  /**
   * The clerk confirmed that up to this many stored cases are no longer in the ledger (an earlier summary's
   * `marking.missing`, when it asked): without it the server marks none when they are more than a fifth.
   */
  confirmMissing?: number;
  /** Column letters of the sheet, so the server's issues name the clerk's cells. */
  columns?: Record<string, string>;
  maxRows?: number;
  maxBytes?: number;
}

/** Envelope bytes around the rows (keys, ids, counts, column letters), generously. */
const ENVELOPE_BYTES = 1_000;

export const chunkKey = (pushId: string, index: number) => `${pushId}.${index}`;

/**
 * Cuts the rows into chunks under the row and byte limits. Every row is made once from the source and measured,
 * and only the chunks' sums are kept: every chunk carries chunkCount, so the cut is known before the first chunk is
 * sent, without holding the rows. A chunk's rows are made again when it is sent (PlannedChunk.body).
 */
export function planPush(rows: RowSource | readonly SheetRow[], options: PlanOptions): PushPlan {
  const source = isRowSource(rows) ? rows : rowSource(rows);
  const maxRows = options.maxRows ?? MAX_ROWS_PER_CHUNK;
  const maxBytes = options.maxBytes ?? CLIENT_CHUNK_BYTES;
  // Each chunk is a run of consecutive rows: [first, end) indexes into the source, and the rows' bytes with a comma each.
  const groups: [number, number, number][] = [];
  let current: [number, number, number] | null = null;
  for (let i = 0; i < source.length; i++) {
    const size = utf8Length(source.json(i)) + 1;
    if (size + ENVELOPE_BYTES > maxBytes) {
      const row = source.rowNumber(i);
      throw new ApiError("too_large", `第 ${row} 行单独就超过一块推送的上限（${size} 字节） Row ${row} alone is larger than one push chunk (${size} bytes)`);
    }
    if (!current || current[1] - current[0] >= maxRows || current[2] + size + ENVELOPE_BYTES > maxBytes) {
      current = [i, i, 0];
      groups.push(current);
    }
    current[1] = i + 1;
    current[2] += size;
  }
  // An empty ledger is one empty chunk: a whole-ledger push of it completes, and marks nothing (the server refuses to).
  if (groups.length === 0) groups.push([0, 0, 0]);
  const chunkCount = groups.length;
  const chunks = groups.map(([first, end, rowBytes], index): PlannedChunk => {
    const head = JSON.stringify({
      ...(options.unit ? { unit: options.unit } : {}),
      wholeLedger: options.wholeLedger ?? true,
      chunkIndex: index,
      chunkCount,
      ...(options.confirmMissing !== undefined ? { confirmMissing: options.confirmMissing } : {}),
      locale: options.locale,
      ...(options.columns ? { columns: options.columns } : {}),
    });
    const open = `${head.slice(0, -1)},"rows":[`;
    // `rowBytes` counts a comma after every row; the last one's place is taken by "]}", one byte longer.
    const bytes = utf8Length(open) + (first === end ? 2 : rowBytes + 1);
    let kept: Uint8Array<ArrayBuffer> | null = null;
    return {
      index,
      idempotencyKey: chunkKey(options.pushId, index),
      body: () => (kept ??= chunkBytes(open, source, first, end, bytes)),
      landed: () => {
        if (kept) release(kept);
        kept = null;
      },
      bytes,
      rows: end - first,
    };
  });
  return { pushId: options.pushId, chunks, rows: source.length };
}

function isRowSource(rows: RowSource | readonly SheetRow[]): rows is RowSource {
  return !Array.isArray(rows);
}

const encoder = new TextEncoder();

/**
 * Frees a landed chunk's bytes now rather than at V8's next full collection, by detaching them (ES2024
 * ArrayBuffer.prototype.transfer; where it is missing they wait for the collector). Safe once the chunk has its
 * receipt: browsers' fetch copied them when it was called, and Node's, given them as they are by the CLI
 * (cli/lib/uncopied-fetch.ts), has written them, or dropped the connection, by the time the answer is read. Left to
 * the collector, they piled up outside the heap until V8's external-memory trigger (~64 MB) while a 200,000-row push
 * was sent.
 */
function release(bytes: Uint8Array<ArrayBuffer>): void {
  (bytes.buffer as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer }).transfer?.(0);
}

/**
 * `open` + rows [first, end) joined by commas + "]}", encoded row by row into one buffer of the planned size: the
 * same bytes as encoding the JSON text whole, without ever making that text.
 */
function chunkBytes(open: string, source: RowSource, first: number, end: number, bytes: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes);
  let at = 0;
  const put = (text: string): boolean => {
    const r = encoder.encodeInto(text, out.subarray(at));
    at += r.written;
    return r.read === text.length;
  };
  let fits = put(open);
  for (let i = first; fits && i < end; i++) {
    if (i > first) fits = put(",");
    fits &&= put(source.json(i));
  }
  fits &&= put("]}");
  if (fits && at === bytes) return out;
  // A row changed since it was measured (the source made it differently): send what it holds now, whole.
  const texts: string[] = [];
  for (let i = first; i < end; i++) texts.push(source.json(i));
  return encoder.encode(`${open}${texts.join(",")}]}`) as Uint8Array<ArrayBuffer>;
}

export interface PushProgress {
  chunksDone: number;
  chunkCount: number;
  rowsDone: number;
  rows: number;
  /** Set while waiting to retry after an error. */
  retrying: ApiError | null;
}

/** The receipts of a push added up. */
export interface PushSummary extends PushCounts {
  issues: Receipt["issues"];
  rejectedRows: number[];
  flags: Receipt["flags"];
  assignments: Receipt["assignments"];
  notInLedger: string[];
  /** What the push did about the stored cases it did not carry (the completing receipt's), or null. */
  marking: Marking | null;
  /** Cases that were marked "not in ledger" and are back in it (counted in `updated`). */
  restored: number;
  complete: boolean;
}

export interface PushOutcome {
  status: "done" | "cancelled" | "failed";
  /** By chunk index; a chunk not yet landed has none. */
  receipts: (Receipt | undefined)[];
  /** The first chunk without a receipt: resume with runPush(…, {receipts}) after a failure or cancel. */
  nextChunk: number;
  error: ApiError | null;
  summary: PushSummary;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: PushProgress) => void;
  /** Chunks in flight at once (default 1). */
  concurrency?: number;
  /** Resume: chunks that have a receipt here are not sent again. */
  receipts?: readonly (Receipt | undefined)[];
  /** Waits between automatic retries of one chunk, in ms; after the last one the push stops as failed. */
  retryDelays?: readonly number[];
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY_DELAYS: readonly number[] = [1_000, 3_000, 9_000];

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ApiError("aborted", "aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ApiError("aborted", "aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

class Stop extends Error {
  readonly status: "cancelled" | "failed";
  readonly error: ApiError;
  constructor(status: "cancelled" | "failed", error: ApiError) {
    super(error.message);
    this.status = status;
    this.error = error;
  }
}

export async function runPush(client: ApiClient, plan: PushPlan, options: RunOptions = {}): Promise<PushOutcome> {
  const receipts: (Receipt | undefined)[] = plan.chunks.map((_, i) => options.receipts?.[i]);
  const delays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
  const sleep = options.sleep ?? abortableSleep;
  const todo = plan.chunks.filter((c) => receipts[c.index] === undefined);
  let chunksDone = plan.chunks.length - todo.length;
  let rowsDone = plan.chunks.reduce((n, c) => n + (receipts[c.index] ? c.rows : 0), 0);
  const progress = (retrying: ApiError | null) =>
    options.onProgress?.({ chunksDone, chunkCount: plan.chunks.length, rowsDone, rows: plan.rows, retrying });
  let stopped: Stop | null = null;

  async function send(chunk: PlannedChunk): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (stopped) return;
      if (options.signal?.aborted) throw new Stop("cancelled", new ApiError("aborted", "aborted"));
      try {
        receipts[chunk.index] = await client.pushChunk(plan.pushId, chunk.idempotencyKey, chunk.body(), options.signal);
        chunk.landed();
        return;
      } catch (e) {
        const error = errorFromThrown(e);
        if (error.kind === "aborted") throw new Stop("cancelled", error);
        if (!error.retryable || attempt >= delays.length) throw new Stop("failed", error);
        progress(error);
        const wait = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : delays[attempt];
        try {
          await sleep(wait, options.signal);
        } catch {
          throw new Stop("cancelled", new ApiError("aborted", "aborted"));
        }
      }
    }
  }

  let next = 0;
  async function lane(): Promise<void> {
    while (!stopped && next < todo.length) {
      const chunk = todo[next++];
      try {
        await send(chunk);
      } catch (e) {
        if (!(e instanceof Stop)) throw e;
        stopped ??= e;
        return;
      }
      if (stopped) return;
      chunksDone++;
      rowsDone += chunk.rows;
      progress(null);
    }
  }

  progress(null);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, todo.length)) }, lane));
  const nextChunk = receipts.findIndex((r) => r === undefined);
  const stop = stopped as Stop | null;
  return {
    status: stop ? stop.status : "done",
    receipts,
    nextChunk: nextChunk === -1 ? plan.chunks.length : nextChunk,
    error: stop ? stop.error : null,
    summary: summarise(receipts),
  };
}

export function summarise(receipts: readonly (Receipt | undefined)[]): PushSummary {
  const s: PushSummary = {
    inserted: 0, updated: 0, unchanged: 0, rejected: 0,
    issues: [], rejectedRows: [], flags: [], assignments: [], notInLedger: [], marking: null, restored: 0, complete: false,
  };
  for (const r of receipts) {
    if (!r) continue;
    s.inserted += r.counts.inserted;
    s.updated += r.counts.updated;
    s.unchanged += r.counts.unchanged;
    s.rejected += r.counts.rejected;
    s.issues.push(...r.issues);
    s.rejectedRows.push(...r.rejectedRows);
    s.flags.push(...(r.flags ?? []));
    s.assignments.push(...(r.assignments ?? []));
    s.notInLedger.push(...(r.notInLedger ?? []));
    s.marking ??= r.marking ?? null;
    s.restored += r.restored ?? 0;
    s.complete ||= r.complete;
  }
  return s;
}

export interface PushAllOptions extends Omit<PlanOptions, "pushId">, Omit<RunOptions, "receipts"> {
  /** Default: a new random UUID. */
  pushId?: string;
}

/** Plans and sends a whole push in one call, for callers with nothing to resume (the CLI, the demo seed, benchmarks). */
export async function pushAll(client: ApiClient, rows: RowSource | readonly SheetRow[], o: PushAllOptions): Promise<{ pushId: string; chunks: number; summary: PushSummary }> {
  const plan = planPush(rows, { ...o, pushId: o.pushId ?? crypto.randomUUID() });
  const outcome = await runPush(client, plan, o);
  if (outcome.status !== "done") throw outcome.error ?? new ApiError("aborted", "aborted");
  return { pushId: plan.pushId, chunks: plan.chunks.length, summary: outcome.summary };
}
