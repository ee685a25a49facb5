/**
 * Runs `tiaojie …` as a clerk would and measures what it cost: wall time and the process's peak resident memory,
 * read from Linux's /proc/PID/status (VmHWM, the high-water mark, so polling every 5 ms cannot miss a peak that was
 * reached before the last poll; a peak in the last 5 ms before exit could be missed). Needs no extra tools in CI.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./run-cli.ts";

export interface Measured {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  peakBytes: number;
  ms: number;
}

function highWaterMark(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // the process has just exited
  }
}

export function tiaojieMeasured(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, "cli/bin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, LANG: "zh_CN.UTF-8", TIAOJIE_URL: "", TIAOJIE_TOKEN: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    let peak = 0;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const poll = setInterval(() => (peak = Math.max(peak, highWaterMark(child.pid!))), 5);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, peakBytes: peak, ms: performance.now() - t });
    });
  });
}
