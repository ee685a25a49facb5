// `npm run check:worker-size` (and .ci/run): build the production Worker bundle the way `wrangler deploy` would, offline,
// and fail when it is over the Workers size limit — a deploy that would be refused is caught here, not on the day.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measureBundle, verdict } from "./worker-size.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// wrangler refuses to bundle without the assets folder the config names; the size limit concerns the code only.
if (!existsSync(path.join(ROOT, "dist/addin/index.html"))) {
  process.stderr.write("构建任务窗格 Building the task pane (wrangler needs dist/addin)…\n");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "addin/hosts/excel/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

/** Builds the bundle into a scratch folder, prints its size and returns the exit code. */
function check(out: string): number {
  const wrangler = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", out, "--config", "worker/wrangler.jsonc"],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  // wrangler's report is shown only when it fails; otherwise the size line is the one line to read.
  if (wrangler.status !== 0) {
    process.stderr.write(`${wrangler.stdout}${wrangler.stderr}\nwrangler deploy --dry-run 失败 failed (exit ${wrangler.status ?? wrangler.signal})\n`);
    return 1;
  }
  const { ok, line } = verdict(measureBundle(out));
  (ok ? process.stdout : process.stderr).write(`${line}\n`);
  return ok ? 0 : 1;
}

const out = mkdtempSync(path.join(tmpdir(), "tiaojie-worker-bundle-"));
try {
  process.exitCode = check(out);
} finally {
  rmSync(out, { recursive: true, force: true });
}
