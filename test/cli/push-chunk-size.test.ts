// The server sizes push chunks to its CPU budget per request (GET /api/me pushRowsPerChunk); the CLI plans by it.
import { afterEach, describe, expect, it } from "vitest";
import { tiaojie } from "./push-dev-server.ts";
import { recordingServer } from "./recording-server.ts";

let server: Awaited<ReturnType<typeof recordingServer>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function pushSample(rowsPerChunk?: number) {
  server = await recordingServer({ rowsPerChunk });
  const r = await tiaojie(["push", "samples/shanyao-2026.xlsx", "--json", "--url", server.url, "--token", "chunk-size-token"], {});
  expect(r.code, r.stderr).toBe(0);
  const chunks = server.requests.filter((q) => q.method === "POST").map((q) => JSON.parse(q.body) as { chunkIndex: number; chunkCount: number; rows: { row: number }[] });
  chunks.sort((a, b) => a.chunkIndex - b.chunkIndex);
  return { out: JSON.parse(r.stdout) as { chunks: number; rows: number }, chunks };
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
});
