/**
 * A push as the clerk sees it: the ledger's rows cut into chunks the server accepts, sent one after another
 * with a progress callback; cancel through an AbortSignal; after a network or server error the same chunk is
 * sent again with the same Idempotency-Key and the same bytes, so nothing is written twice.
 */
import type { ApiClient } from "./client.ts";
import { PUSH_MAX_BYTES, PUSH_MAX_ROWS } from "./endpoints.ts";
import { ApiError, errorFromThrown } from "./errors.ts";
import type { Assignment, Flag, PushCounts, PushReceipt, PushRow, ServerIssue } from "./types.ts";

export interface PushChunk {
  index: number;
  idempotencyKey: string;
  /** The exact JSON sent, kept so a retry repeats it byte for byte. */
  body: string;
  rows: number;
}

export interface PushPlan {
  pushId: string;
  chunks: PushChunk[];
  rows: number;
}

export interface PlanOptions {
  pushId: string;
  /** Omit for a clerk (the token's unit); a coordinator names the unit. */
  unit?: string;
  locale: "zh-CN" | "en";
  wholeLedger?: boolean;
  maxRows?: number;
  maxBytes?: number;
}

const encoder = new TextEncoder();

/** Envelope bytes around the rows (keys, ids, counts), generously. */
const ENVELOPE_BYTES = 400;

export function planPush(rows: readonly PushRow[], options: PlanOptions): PushPlan {
  const maxRows = options.maxRows ?? PUSH_MAX_ROWS;
  const maxBytes = options.maxBytes ?? PUSH_MAX_BYTES;
  const groups: { json: string[] }[] = [];
  let current: { json: string[] } | null = null;
  let bytes = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = encoder.encode(json).length + 1;
    if (size + ENVELOPE_BYTES > maxBytes) {
      throw new ApiError("too_large", `row ${row.row} alone is larger than one push chunk (${size} bytes)`);
    }
    if (!current || current.json.length >= maxRows || bytes + size + ENVELOPE_BYTES > maxBytes) {
      current = { json: [] };
      groups.push(current);
      bytes = 0;
    }
    current.json.push(json);
    bytes += size;
  }
  const chunkCount = Math.max(1, groups.length);
  if (groups.length === 0) groups.push({ json: [] });
  const chunks = groups.map((g, index) => {
    const head = JSON.stringify({
      ...(options.unit ? { unit: options.unit } : {}),
      wholeLedger: options.wholeLedger ?? true,
      chunkIndex: index,
      chunkCount,
      locale: options.locale,
    });
    const body = `${head.slice(0, -1)},"rows":[${g.json.join(",")}]}`;
    return { index, idempotencyKey: `${options.pushId}-c${index}`, body, rows: g.json.length };
  });
  return { pushId: options.pushId, chunks, rows: rows.length };
}

export interface PushProgress {
  chunksDone: number;
  chunkCount: number;
  rowsDone: number;
  rows: number;
  /** Set while waiting to retry after an error. */
  retrying: ApiError | null;
}

export interface PushSummary extends PushCounts {
  issues: ServerIssue[];
  rejectedRows: number[];
  flags: Flag[];
  assignments: Assignment[];
  notInLedger: string[];
  complete: boolean;
}

export interface PushOutcome {
  status: "done" | "cancelled" | "failed";
  receipts: PushReceipt[];
  /** Chunk to resume from with runPush(…, {from}) after a failure or cancel. */
  nextChunk: number;
  error: ApiError | null;
  summary: PushSummary;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: PushProgress) => void;
  /** Resume: chunks before it are already in `receipts`. */
  from?: number;
  receipts?: PushReceipt[];
  /** Waits between automatic retries of one chunk, in ms; after the last one the push stops as failed. */
  retryDelays?: readonly number[];
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_RETRY_DELAYS = [1_000, 3_000, 9_000];

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

export async function runPush(client: ApiClient, plan: PushPlan, options: RunOptions = {}): Promise<PushOutcome> {
  const receipts = [...(options.receipts ?? [])];
  const delays = options.retryDelays ?? DEFAULT_RETRY_DELAYS;
  const sleep = options.sleep ?? abortableSleep;
  let rowsDone = plan.chunks.slice(0, options.from ?? 0).reduce((n, c) => n + c.rows, 0);
  const progress = (done: number, retrying: ApiError | null) =>
    options.onProgress?.({ chunksDone: done, chunkCount: plan.chunks.length, rowsDone, rows: plan.rows, retrying });
  const outcome = (status: PushOutcome["status"], nextChunk: number, error: ApiError | null): PushOutcome => ({
    status, receipts, nextChunk, error, summary: summarise(receipts),
  });

  for (let i = options.from ?? 0; i < plan.chunks.length; i++) {
    const chunk = plan.chunks[i];
    progress(i, null);
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) return outcome("cancelled", i, new ApiError("aborted", "aborted"));
      try {
        receipts.push(await client.pushChunk(plan.pushId, chunk.idempotencyKey, chunk.body, options.signal));
        break;
      } catch (e) {
        const error = errorFromThrown(e);
        if (error.kind === "aborted") return outcome("cancelled", i, error);
        if (!error.retryable || attempt >= delays.length) return outcome("failed", i, error);
        progress(i, error);
        const wait = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : delays[attempt];
        try {
          await sleep(wait, options.signal);
        } catch {
          return outcome("cancelled", i, new ApiError("aborted", "aborted"));
        }
      }
    }
    rowsDone += chunk.rows;
  }
  progress(plan.chunks.length, null);
  return outcome("done", plan.chunks.length, null);
}

export function summarise(receipts: readonly PushReceipt[]): PushSummary {
  const s: PushSummary = {
    inserted: 0, updated: 0, unchanged: 0, rejected: 0,
    issues: [], rejectedRows: [], flags: [], assignments: [], notInLedger: [], complete: false,
  };
  for (const r of receipts) {
    s.inserted += r.counts.inserted;
    s.updated += r.counts.updated;
    s.unchanged += r.counts.unchanged;
    s.rejected += r.counts.rejected;
    s.issues.push(...r.issues);
    s.rejectedRows.push(...r.rejectedRows);
    s.flags.push(...(r.flags ?? []));
    s.assignments.push(...(r.assignments ?? []));
    s.notInLedger.push(...(r.notInLedger ?? []));
    s.complete ||= r.complete;
  }
  return s;
}
