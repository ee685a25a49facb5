// `npm start`: the product on this machine. Applies migrations to the local D1 (.wrangler/state), seeds demo data
// on the first run (unless TIAOJIE_DEMO=0), runs `wrangler dev`, and prints the URL and the local admin token.
// Later runs keep the data. Runs on Node 22: `node scripts/start.ts`.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROOT, applyMigrations, startDevServer } from "./dev/dev-server.ts";
import { seedDemo } from "./start/demo-seed.ts";
import { execFileSync } from "node:child_process";
import { devHttps } from "./start/dev-https.ts";
import { startHttpsProxy } from "./start/https-proxy.ts";
import { httpsPaneUrl, manifestNote } from "./start/pane-url.ts";
import { nowIso } from "../ledger/clock.ts";

// TIAOJIE_STATE_DIR moves the local database (tests of this script); the default is wrangler's own.
const STATE = path.resolve(ROOT, process.env.TIAOJIE_STATE_DIR ?? ".wrangler/state");
const DEV_VARS = path.join(ROOT, "worker/.dev.vars");
const MARKER = path.join(STATE, "tiaojie-initialised.json");
const PORT = Number(process.env.PORT ?? 8787);
/** Where Excel loads the task pane (manifest.xml's default URL). */
const HTTPS_PORT = Number(process.env.HTTPS_PORT ?? 3000);

/** The task pane the Worker serves as static assets: Excel's first (its build empties dist/addin), then WPS's at /wps/. */
function buildTaskPane(): void {
  process.stderr.write("构建任务窗格 Building the task pane (Excel, WPS)…\n");
  for (const config of ["addin/hosts/excel/vite.config.ts", "addin/hosts/wps/vite.config.ts"]) {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", config, "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
}

/** HTTPS for Excel where a certificate can be made; otherwise plain words on what to do, and HTTP still works. */
async function serveHttps(target: string): Promise<string> {
  const url = httpsPaneUrl(HTTPS_PORT);
  try {
    const certs = await devHttps({ paneUrl: url });
    await startHttpsProxy({ port: HTTPS_PORT, target, keyPath: certs.keyPath, certPath: certs.certPath });
    const lines = [certs.advice ? `${url}  (certificate not trusted yet:)\n${certs.advice}` : url];
    const note = manifestNote(url);
    if (note) lines.push(note);
    return lines.join("\n");
  } catch (e) {
    return `not available (${(e as Error).message}). Excel needs HTTPS for the task pane; the API and CLI work over HTTP.`;
  }
}

/** The local ADMIN_TOKEN lives in worker/.dev.vars (git-ignored), made once with a random value. */
async function adminToken(): Promise<{ token: string; created: boolean }> {
  if (existsSync(DEV_VARS)) {
    const m = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(await readFile(DEV_VARS, "utf8"));
    if (m) return { token: m[1], created: false };
  }
  const token = "tj_admin_" + randomBytes(24).toString("base64url");
  const previous = existsSync(DEV_VARS) ? await readFile(DEV_VARS, "utf8") : "";
  await writeFile(DEV_VARS, `${previous}${previous && !previous.endsWith("\n") ? "\n" : ""}ADMIN_TOKEN="${token}"\n`, { mode: 0o600 });
  return { token, created: true };
}

async function main(): Promise<void> {
  await mkdir(STATE, { recursive: true });
  buildTaskPane();
  const { token, created } = await adminToken();
  const firstRun = !existsSync(MARKER);
  const demo = firstRun && process.env.TIAOJIE_DEMO !== "0";

  process.stderr.write("应用数据库迁移 Applying D1 migrations…\n");
  await applyMigrations(STATE, { quiet: true });

  process.stderr.write("启动 Worker Starting wrangler dev…\n");
  const server = await startDevServer({ persistTo: STATE, port: PORT, inherit: true });
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  if (demo) {
    process.stderr.write("写入演示数据 Seeding demo data through the API (units, mediator roster, sample ledgers)…\n");
    const samples = readdirSync(path.join(ROOT, "samples")).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(ROOT, "samples", f));
    const pushed = await seedDemo(server.url, token, samples);
    for (const p of pushed) process.stderr.write(`  演示台账 demo ledger ${path.basename(p.file)} → ${p.unit}: ${p.summary}\n`);
  }
  const httpsLine = await serveHttps(server.url);
  if (firstRun) await writeFile(MARKER, JSON.stringify({ initialisedAt: nowIso(), demo }) + "\n");

  const example = demo ? "山腰街道" : "<单位 unit>";
  process.stdout.write(`
调解台账 Tiaojie Ledger is running: ${server.url}
任务窗格 Task pane for Excel (manifest.xml): ${httpsLine}
WPS 表格加载项 WPS add-in (publish.xml, addresses from TIAOJIE_ADDIN_URL at build time): ${server.url}/wps/publish.xml
在浏览器中预览 Preview in a browser: ${server.url}/index.html
本地管理员令牌 Local admin token${created ? " (new; kept in worker/.dev.vars)" : ""}:

  ${token}

In another shell:
  export TIAOJIE_URL=${server.url} TIAOJIE_TOKEN=${token}
${demo ? "" : `  npx tiaojie unit add 山腰街道 --kind town\n`}  npx tiaojie token create --role clerk --unit ${example}
  TIAOJIE_TOKEN=<clerk token> npx tiaojie push samples/shanyao-2026.xlsx
${demo ? "\nDemo data loaded (泉港区 units, mediator roster, sample ledgers). TIAOJIE_DEMO=0 on a fresh .wrangler/state starts empty.\n" : ""}
Ctrl+C stops the server; the data stays in .wrangler/state.
`);
}

await main();
