/**
 * A stand-in for the Worker that records every request `tiaojie push` makes: a clerk's /api/me, and each chunk
 * accepted whole. Enough to see whether a push sent anything, and which rows.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  url: string;
  body: string;
  status: number;
}

/**
 * `keep: false` accepts the same way and keeps nothing (a benchmark of a 100,000-row push). `rowsPerChunk` is what
 * /api/me says a chunk may carry; left out, /api/me says nothing of it, as a server from before it did.
 * `rateLimited`: the first that many chunks are refused as the Worker's rate limit refuses them (429, Retry-After: 1).
 */
export async function recordingServer(o: { keep?: boolean; rowsPerChunk?: number; rateLimited?: number } = {}): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  let limited = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const refuse = req.method === "POST" && limited < (o.rateLimited ?? 0);
      if (o.keep !== false) requests.push({ method: req.method ?? "", url: req.url ?? "", body, status: refuse ? 429 : 200 });
      res.setHeader("Content-Type", "application/json");
      if (refuse) {
        limited++;
        res.statusCode = 429;
        res.setHeader("Retry-After", "1");
        return res.end(JSON.stringify({ error: { code: "rate_limited", message: "此令牌请求过于频繁，请 1 秒后再试 Too many requests with this token; retry in 1 s" } }));
      }
      if (req.url === "/api/me") return res.end(JSON.stringify({ role: "clerk", unit: "山腰街道", pushRowsPerChunk: o.rowsPerChunk }));
      const chunk = JSON.parse(body) as { chunkIndex: number; rows: unknown[] };
      res.end(JSON.stringify({
        pushId: "p", chunkIndex: chunk.chunkIndex, counts: { inserted: chunk.rows.length, updated: 0, unchanged: 0, rejected: 0 },
        issues: [], rejectedRows: [], complete: true, notInLedger: [], flags: [], assignments: [],
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
