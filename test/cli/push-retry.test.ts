import { describe, expect, it } from "vitest";
import { ApiRequestError, type Client } from "../../cli/lib/client.ts";
import { chunkRows } from "../../cli/lib/ledger-rows.ts";
import { sendPush } from "../../cli/lib/send-push.ts";

function receipt(index: number, over: Record<string, unknown> = {}) {
  return { pushId: "p", chunkIndex: index, counts: { inserted: 1, updated: 0, unchanged: 0, rejected: 0 }, issues: [], rejectedRows: [], complete: false, notInLedger: null, flags: [], assignments: [], ...over };
}

describe("sending a push", () => {
  it("resends a failed chunk with the same Idempotency-Key and counts it once", async () => {
    const calls: { key: string; body: { chunkIndex: number } }[] = [];
    let failures = 2;
    const client: Client = {
      url: "http://fake",
      async request<T>(_m: string, _p: string, o?: { body?: unknown; headers?: Record<string, string> }): Promise<T> {
        const body = JSON.parse(o!.body as string);
        calls.push({ key: o!.headers!["Idempotency-Key"], body });
        if (body.chunkIndex === 1 && failures-- > 0) throw new ApiRequestError(failures === 1 ? 0 : 503, "network", "connection reset");
        return receipt(body.chunkIndex, body.chunkIndex === 2 ? { complete: true, notInLedger: ["X-1"] } : {}) as T;
      },
    };
    const totals = await sendPush(client, [[1], [2], [3]], { wholeLedger: true, concurrency: 1, sleep: async () => {} });
    const chunk1 = calls.filter((c) => c.body.chunkIndex === 1);
    expect(chunk1).toHaveLength(3);
    expect(new Set(chunk1.map((c) => c.key)).size).toBe(1);
    expect(new Set(calls.map((c) => c.key)).size).toBe(3);
    expect(totals.counts.inserted).toBe(3);
    expect(totals).toMatchObject({ complete: true, notInLedger: ["X-1"], chunks: 3 });
  });

  it("gives up on a chunk the server refuses for a reason a retry cannot fix", async () => {
    let attempts = 0;
    const client: Client = {
      url: "http://fake",
      async request<T>(): Promise<T> {
        attempts++;
        throw new ApiRequestError(403, "forbidden", "此令牌只能访问山腰街道的台账");
      },
    };
    await expect(sendPush(client, [[1]], { wholeLedger: false, sleep: async () => {} })).rejects.toThrow("山腰街道");
    expect(attempts).toBe(1);
  });

  it("cuts chunks at 1,000 rows and at about 1 MB of JSON", () => {
    const small = Array.from({ length: 2500 }, (_, i) => ({ row: i }));
    expect(chunkRows(small).map((c) => c.length)).toEqual([1000, 1000, 500]);
    const big = Array.from({ length: 10 }, (_, i) => ({ row: i, text: "x".repeat(300_000) }));
    const chunks = chunkRows(big);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(chunks.every((c) => Buffer.byteLength(JSON.stringify(c)) <= 1_000_000)).toBe(true);
  });
});
