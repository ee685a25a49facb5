// Excel loads task panes only over HTTPS, while the CLI and tests talk plain HTTP to wrangler dev on loopback.
// This proxy serves the same Worker (task pane and API, one origin) over HTTPS with the office-addin-dev-certs
// certificate, so neither side needs the other's protocol.
import { readFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";

export async function startHttpsProxy(o: { port: number; target: string; keyPath: string; certPath: string }): Promise<https.Server> {
  const target = new URL(o.target);
  const server = https.createServer({ key: await readFile(o.keyPath), cert: await readFile(o.certPath) }, (req, res) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      res.writeHead(502, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ error: { code: "upstream_unavailable", message: "本地 Worker 未响应 The local Worker is not answering" } }));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, "127.0.0.1", resolve);
  });
  return server;
}
