// The CLI's fetch sends a push chunk's bytes as they are: the same bytes, with their length, and still whole
// afterwards for a retry under the same key.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uncopiedFetch } from "../../cli/lib/uncopied-fetch.ts";

interface Heard { headers: IncomingHttpHeaders; body: Buffer }
const heard: Heard[] = [];
const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on("data", (d: Buffer) => parts.push(d));
  req.on("end", () => {
    heard.push({ headers: req.headers, body: Buffer.concat(parts) });
    res.end("{}");
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pushes/p/chunks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the CLI's fetch", () => {
  it("sends a chunk's bytes byte for byte with their Content-Length, not chunked, and leaves them whole for a retry", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ rows: [{ row: 3, values: { applicant: "😀张三", summary: "争议".repeat(40_000) } }] }));
    const copy = bytes.slice();
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await uncopiedFetch(url, { method: "POST", headers: { "Idempotency-Key": "p.0", "Content-Type": "application/json" }, body: bytes });
      expect(res.status).toBe(200);
      await res.text();
    }
    expect(heard).toHaveLength(2);
    for (const h of heard) {
      expect(h.headers["content-length"]).toBe(String(bytes.byteLength));
      expect(h.headers["transfer-encoding"]).toBeUndefined();
      expect(h.headers["idempotency-key"]).toBe("p.0");
      expect(new Uint8Array(h.body)).toEqual(copy);
    }
    expect(bytes).toEqual(copy);
  });

  it("sends any other body as fetch does", async () => {
    heard.length = 0;
    await (await uncopiedFetch(url, { method: "POST", body: '{"unit":"南埔镇"}' })).text();
    expect(heard[0].body.toString("utf8")).toBe('{"unit":"南埔镇"}');
    expect(heard[0].headers["content-length"]).toBe(String(Buffer.byteLength('{"unit":"南埔镇"}')));
  });
});
