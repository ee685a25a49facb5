/**
 * Runs the Worker locally with wrangler (npm start, the CLI and browser tests, the benchmarks): applies D1
 * migrations to a persistence directory, starts `wrangler dev` on loopback and waits until /api/health answers.
 * Development tooling, not part of the CLI: nothing in cli/ needs it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WRANGLER_CONFIG = path.join(ROOT, "worker/wrangler.jsonc");
const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Runs wrangler to completion; rejects with its output when it fails. */
export function wrangler(args: string[], o: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } });
    let out = "";
    // Decoded as a stream: a chunk boundary can fall inside a multi-byte character.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      out += d;
      if (!o.quiet) process.stderr.write(d);
    });
    child.stderr.on("data", (d) => {
      out += d;
      if (!o.quiet) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(" ")} failed (${code}):\n${out}`))));
  });
}

export function applyMigrations(persistTo: string, o: { quiet?: boolean } = {}): Promise<string> {
  return wrangler(["d1", "migrations", "apply", "DB", "--local", "--config", WRANGLER_CONFIG, "--persist-to", persistTo], o);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface DevServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** What wrangler printed so far (empty with `inherit`), for explaining a failure. */
  output(): string;
}

export async function startDevServer(o: {
  persistTo: string;
  port?: number;
  vars?: Record<string, string>;
  /** Forward wrangler's output (npm start) instead of keeping it for error messages (tests, bench). */
  inherit?: boolean;
  timeoutMs?: number;
}): Promise<DevServer> {
  const port = o.port ?? (await freePort());
  const args = [WRANGLER, "dev", "--config", WRANGLER_CONFIG, "--ip", "127.0.0.1", "--port", String(port),
    "--persist-to", o.persistTo, "--show-interactive-dev-session=false", "--inspector-port", String(await freePort())];
  // The day the Worker takes as today follows the caller's TIAOJIE_TODAY (tests on a chosen day, demos); see ledger/clock.ts.
  const vars = { ...(process.env.TIAOJIE_TODAY ? { TIAOJIE_TODAY: process.env.TIAOJIE_TODAY } : {}), ...o.vars };
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: o.inherit ? ["inherit", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  const deadline = performance.now() + (o.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, child, stop, output: () => log };
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within ${o.timeoutMs ?? 90_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
