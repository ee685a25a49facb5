import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `tiaojie …` as a clerk would, on the project's Node, and returns what they see. */
export function tiaojie(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "cli/bin.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, LANG: "zh_CN.UTF-8", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
