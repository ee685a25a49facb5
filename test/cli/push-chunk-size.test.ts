// The server sizes push chunks to its CPU budget per request (GET /api/me pushRowsPerChunk); the CLI plans by it.
import { afterEach, describe, expect, it } from "vitest";
import { tiaojie } from "./push-dev-server.ts";
import { recordingServer } from "./recording-server.ts";

let server: Awaited<ReturnType<typeof recordingServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function pushSample(rowsPerChunk?: number, rateLimited = 0) {
  server = await recordingServer({ rowsPerChunk, rateLimited });
  const r = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--json", "--url", server.url, "--token", "chunk-size-token"], {});
  expect(r.code, r.stderr).toBe(0);
  const chunks = server.requests.filter((q) => q.method === "POST" && q.status === 200).map((q) => JSON.parse(q.body) as { chunkIndex: number; chunkCount: number; rows: { row: number }[] });
  chunks.sort((a, b) => a.chunkIndex - b.chunkIndex);
  return { out: JSON.parse(r.stdout) as { chunks: number; rows: number }, chunks, stderr: r.stderr };
}

describe("tiaojie push sizes its chunks as the server says", () => {
  it("sends the 60-row sample in chunks of at most 25 rows when /api/me says 25, every row once and in order", async () => {
    const { out, chunks } = await pushSample(25);
    expect(chunks.map((c) => c.rows.length)).toEqual([25, 25, 10]);
    expect(chunks.every((c) => c.chunkCount === 3)).toBe(true);
    expect(out.chunks).toBe(3);
    const rows = chunks.flatMap((c) => c.rows.map((r) => r.row));
    expect(rows).toHaveLength(60);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  }, 60_000);

  it("sends the sample in one chunk to a server that does not say (one from before the budget)", async () => {
    const { out, chunks } = await pushSample(undefined);
    expect(chunks.map((c) => c.rows.length)).toEqual([60]);
    expect(out.chunks).toBe(1);
  }, 60_000);

  it("says what it waits for when the server's rate limit refuses a chunk, then sends it again and every row lands once", async () => {
    server = await recordingServer({ rowsPerChunk: 25, rateLimited: 2 });
    const r = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--url", server.url, "--token", "chunk-size-token"], {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("此令牌请求过于频繁");
    expect(r.stderr).toContain("1 秒后自动重试，不会重复写入");
    expect(r.stdout).toContain("已推送 60 行");
    const landed = server.requests.filter((q) => q.method === "POST" && q.status === 200).flatMap((q) => (JSON.parse(q.body) as { rows: { row: number }[] }).rows.map((x) => x.row));
    expect(landed).toHaveLength(60);
    expect(new Set(landed).size).toBe(60);
  }, 60_000);
});
