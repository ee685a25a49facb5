// A stand-in Worker for a report command's tests: it answers every request with the report, except for one refused
// token, which gets a 403 in the API's one error shape; it records what was asked. `capture` runs the command
// against it and returns its exit code and what it printed.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, vi } from "vitest";

export interface ReportStub {
  /** "METHOD URL Authorization" of each request, in order. */
  seen: string[];
  capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** `answer` gets the request's path and query (a command asking for several periods gets each its own). */
export function reportStub(o: { run: (args: string[]) => Promise<number>; answer: (url: string) => unknown; refused: { token: string; role: string } }): ReportStub {
  let server: Server;
  let url = "";
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.setHeader("Content-Type", "application/json");
      if (req.headers.authorization === `Bearer ${o.refused.token}`) {
        res.statusCode = 403;
        res.end(JSON.stringify({ error: { code: "forbidden", message: `角色 ${o.refused.role} 无权使用此功能 Role ${o.refused.role} may not use this route` } }));
      } else res.end(JSON.stringify(o.answer(req.url ?? "")));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function capture(args: string[]) {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const code = await o.run([...args, "--url", url]);
      return { code, stdout: out.mock.calls.map((c) => String(c[0])).join(""), stderr: err.mock.calls.map((c) => String(c[0])).join("") };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }
  return { seen, capture };
}
