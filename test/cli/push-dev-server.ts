// One wrangler dev per CLI test file, on a free loopback port with its own temporary D1.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { ROOT, applyMigrations, startDevServer, type DevServer } from "../../scripts/dev/dev-server.ts";

export const TEST_ADMIN_TOKEN = "cli-test-admin-token-0123456789";

export async function startTestWorker(vars: Record<string, string> = {}): Promise<DevServer & { cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-cli-"));
  await applyMigrations(dir, { quiet: true });
  const server = await startDevServer({ persistTo: dir, vars: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...vars } });
  return {
    ...server,
    async cleanup() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `tiaojie …` as a user would (Node 22, cli/bin.ts) and collects what it printed. */
export function tiaojie(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "cli/bin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, TIAOJIE_URL: "", TIAOJIE_TOKEN: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    // Decoded as a stream: a chunk boundary can fall inside a multi-byte character.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
