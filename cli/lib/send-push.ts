import { randomUUID } from "node:crypto";
import type { Issue } from "../../ledger/schema.ts";
import { ApiRequestError, type Client } from "./client.ts";

export interface Receipt {
  pushId: string;
  chunkIndex: number;
  counts: { inserted: number; updated: number; unchanged: number; rejected: number };
  issues: Issue[];
  rejectedRows: number[];
  complete: boolean;
  notInLedger: string[] | null;
  flags: unknown[];
  assignments: unknown[];
}

export interface PushTotals {
  pushId: string;
  unit: string | undefined;
  chunks: number;
  complete: boolean;
  counts: Receipt["counts"];
  notInLedger: string[];
  issues: Issue[];
  rejectedRows: number[];
  flags: unknown[];
  assignments: unknown[];
}

export interface SendOptions {
  unit?: string;
  wholeLedger: boolean;
  locale?: "zh-CN" | "en";
  columns?: Record<string, string>;
  concurrency?: number;
  /** Attempts per chunk; a failed chunk is resent with the same Idempotency-Key. */
  attempts?: number;
  onChunk?: (done: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends the chunks of one push, a few at a time. Each chunk has its own Idempotency-Key, kept across retries, so a
 * chunk that landed but whose answer was lost is not written twice.
 */
export async function sendPush<T>(client: Client, chunks: T[][], o: SendOptions): Promise<PushTotals> {
  const pushId = randomUUID();
  const attempts = o.attempts ?? 5;
  const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const receipts: Receipt[] = new Array(chunks.length);
  let next = 0;
  let done = 0;

  async function sendOne(index: number): Promise<void> {
    const key = `${pushId}.${index}`;
    const body = JSON.stringify({
      unit: o.unit, wholeLedger: o.wholeLedger, chunkIndex: index, chunkCount: chunks.length,
      locale: o.locale, columns: o.columns, rows: chunks[index],
    });
    for (let attempt = 1; ; attempt++) {
      try {
        receipts[index] = await client.request<Receipt>("POST", `/api/pushes/${pushId}/chunks`, { body, headers: { "Idempotency-Key": key } });
        return;
      } catch (e) {
        if (!(e instanceof ApiRequestError) || !e.retryable || attempt >= attempts) throw e;
        await sleep(Math.min(8000, 250 * 2 ** (attempt - 1)));
      }
    }
  }

  async function worker(): Promise<void> {
    while (next < chunks.length) {
      const index = next++;
      await sendOne(index);
      done++;
      o.onChunk?.(done);
    }
  }
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 4, chunks.length) }, worker));

  const totals: PushTotals = {
    pushId, unit: o.unit, chunks: chunks.length, complete: receipts.some((r) => r.complete),
    counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
    notInLedger: [], issues: [], rejectedRows: [], flags: [], assignments: [],
  };
  for (const r of receipts) {
    for (const k of ["inserted", "updated", "unchanged", "rejected"] as const) totals.counts[k] += r.counts[k];
    if (r.notInLedger) totals.notInLedger.push(...r.notInLedger);
    totals.issues.push(...r.issues);
    totals.rejectedRows.push(...r.rejectedRows);
    totals.flags.push(...r.flags);
    totals.assignments.push(...r.assignments);
  }
  return totals;
}
