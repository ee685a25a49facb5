// Browser end-to-end harness: the built task pane served from a small loopback server that proxies /api/* to a
// real `wrangler dev` (fresh local D1 per file), office.js replaced by the Excel double, Chromium via playwright-core.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ROOT, applyMigrations, freePort, startDevServer, type DevServer } from "../../scripts/dev/dev-server.ts";
import { doubleBundle } from "../support/excel-double/bundle.ts";
import { wpsDoubleBundle } from "../support/wps-double/bundle.ts";
import { todayInChina } from "../../ledger/clock.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";

export const ADDIN_DIST = path.join(ROOT, "dist/addin");
export const SCREENSHOTS = path.join(ROOT, "test-output/screenshots");
export const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";

// ---------------------------------------------------------------- the built page

/**
 * The headers the build's `_headers` file gives a static file (the pane's Content-Security-Policy among them), as
 * Workers static assets serve them: every rule whose path matches, in file order, a `! Name` line removing what an
 * earlier rule set (the WPS pages under /wps/* swap the Excel pane's policy for their own). The pane is tested under
 * the policy it ships with.
 */
function assetHeaders(pathname = "/index.html"): Record<string, string> {
  const headers: Record<string, string> = {};
  let matches = false;
  for (const raw of readFileSync(path.join(ADDIN_DIST, "_headers"), "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (!raw.startsWith(" ")) {
      matches = line.endsWith("*") ? pathname.startsWith(line.slice(0, -1)) : pathname === line;
    } else if (matches && line.startsWith("! ")) {
      delete headers[line.slice(2).trim()];
    } else if (matches) {
      const at = line.indexOf(":");
      headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return headers;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/addin (the Excel pane, then the WPS add-in in dist/addin/wps) with vite when either is missing or older
 * than addin/ or ledger/; one build at a time. The Excel build empties dist/addin, so WPS is built after it.
 */
export function ensureAddinBuilt(): void {
  const index = path.join(ADDIN_DIST, "index.html");
  const wpsPane = path.join(ADDIN_DIST, "wps/pane.html");
  const source = () => Math.max(newestMtime(path.join(ROOT, "addin")), newestMtime(path.join(ROOT, "ledger")));
  const built = (f: string) => existsSync(f) && statSync(f).mtimeMs >= source();
  const fresh = () => built(index) && built(wpsPane);
  if (fresh()) return;
  const lock = path.join(os.tmpdir(), "tiaojie-e2e-build.lock");
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than 3 minutes belongs to a dead process.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("timed out waiting for another add-in build");
      spawnSync("sleep", ["0.5"]);
    }
  }
  try {
    if (fresh()) return;
    const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
    const configs = built(index) ? ["addin/hosts/wps/vite.config.ts"] : ["addin/hosts/excel/vite.config.ts", "addin/hosts/wps/vite.config.ts"];
    for (const config of configs) {
      const r = spawnSync(process.execPath, [vite, "build", "--config", config, "--logLevel", "warn"], { cwd: ROOT, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`vite build of the add-in (${config}) failed:\n${r.stdout}\n${r.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the pane server (static + /api proxy)

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json", ".woff2": "font/woff2",
};

/** Decides what happens to one /api request: pass it on, or simulate the server going away. */
export type FaultDecision = "pass" | "drop" | "drop-after-response";
export type ApiFault = (req: http.IncomingMessage) => FaultDecision | Promise<FaultDecision>;

export interface PaneServer {
  url: string;
  /** Where /api/* goes (the current wrangler dev). */
  target: string;
  fault: ApiFault | null;
  /** Makes a workbook available to panes opened with { seed: name }. */
  addSeed(name: string, seed: WorkbookSeed): void;
  /** A seed given to addSeed, as JSON (the WPS double needs it before the page runs: WPS calls are synchronous). */
  seedJson(name: string): string | undefined;
  /** The day the panes take as today when the session pins one (their Worker's day too); else TIAOJIE_TODAY or the real day. */
  today?: string;
  /** /api requests seen, in order: method and path. */
  apiLog: { method: string; path: string; status: number | null }[];
  close(): Promise<void>;
}

export async function startPaneServer(target: string): Promise<PaneServer> {
  const seedJson = new Map<string, string>();
  const pane: PaneServer = {
    url: "",
    target,
    fault: null,
    addSeed: (name, seed) => void seedJson.set(name, JSON.stringify(seed)),
    seedJson: (name) => seedJson.get(name),
    apiLog: [],
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname.startsWith("/api/")) return void proxy(pane, req, res);
    if (url.pathname.startsWith("/__e2e/seed/")) {
      const json = seedJson.get(decodeURIComponent(url.pathname.slice("/__e2e/seed/".length)));
      res.writeHead(json ? 200 : 404, { "Content-Type": "application/json" }).end(json ?? "{}");
      return;
    }
    if (url.pathname === "/__e2e/blank.html") {
      res.writeHead(200, { "Content-Type": TYPES[".html"] }).end("<!doctype html><title>blank</title><p>blank</p>");
      return;
    }
    const file = path.join(ADDIN_DIST, path.normalize(url.pathname === "/" ? "/index.html" : url.pathname));
    if (!file.startsWith(ADDIN_DIST)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { ...assetHeaders(url.pathname), "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" }).end(body),
      () => res.writeHead(404).end("not found"),
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  pane.url = `http://127.0.0.1:${port}`;
  pane.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return pane;
}

async function proxy(pane: PaneServer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const entry = { method: req.method ?? "GET", path: req.url ?? "", status: null as number | null };
  pane.apiLog.push(entry);
  req.pause();
  const decision = (await pane.fault?.(req)) ?? "pass";
  // A dropped connection is what the browser sees when the server is gone: fetch rejects (no HTTP status).
  if (decision === "drop") return void req.socket.destroy();
  const target = new URL(req.url ?? "/", pane.target);
  const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
    entry.status = up.statusCode ?? null;
    if (decision === "drop-after-response") {
      up.resume();
      up.on("end", () => req.socket.destroy());
      return;
    }
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on("error", () => req.socket.destroy());
  req.pipe(upstream);
}

// ---------------------------------------------------------------- the Worker

export interface TestWorker extends DevServer {
  persistTo: string;
  /** Starts wrangler dev again on the same local D1 (after stop()). */
  restart(): Promise<TestWorker>;
  cleanup(): Promise<void>;
}

/**
 * A local D1 with every migration applied and nothing else, made once per set of migrations (applying them
 * with wrangler takes ~30 s on a loaded 2-core machine) and copied for each test file.
 */
async function migratedTemplate(): Promise<string> {
  const dir = path.join(ROOT, "worker/migrations");
  const hash = createHash("sha256");
  for (const f of readdirSync(dir).sort()) hash.update(f).update(await readFile(path.join(dir, f)));
  const template = path.join(os.tmpdir(), `tiaojie-e2e-d1-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(path.join(template, "ready"))) return template;
  const building = await mkdtemp(path.join(os.tmpdir(), "tiaojie-e2e-d1-building-"));
  await applyMigrations(building, { quiet: true });
  await writeFile(path.join(building, "ready"), "");
  try {
    renameSync(building, template);
  } catch {
    // Another file made it first; theirs is as good.
    await rm(building, { recursive: true, force: true });
  }
  return template;
}

/**
 * A `wrangler dev` on a fresh copy of the migrated D1. `today` pins the Worker's clock to that day (ledger/clock.ts) for
 * tests whose fixtures are dated; without it the Worker's today follows TIAOJIE_TODAY, or the real day.
 */
export async function startWorker(persistTo?: string, today?: string): Promise<TestWorker> {
  let dir = persistTo;
  if (!dir) {
    const template = await migratedTemplate();
    dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-e2e-"));
    await cp(template, dir, { recursive: true });
  }
  const server = await startDevServer({ persistTo: dir, vars: { ADMIN_TOKEN, ...(today ? { TIAOJIE_TODAY: today } : {}) } });
  const worker: TestWorker = {
    ...server,
    persistTo: dir,
    restart: () => startWorker(dir, today),
    async cleanup() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return worker;
}

/** Calls the Worker's API directly (set-up and checking what D1 holds), never through the pane. */
export async function api<T>(base: string, token: string, route: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await fetch(base + route, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${route} → ${res.status} ${JSON.stringify(body)}`);
  return body as T;
}

export async function addUnit(base: string, name: string, kind: "town" | "department" | "centre" = "town"): Promise<void> {
  await api(base, ADMIN_TOKEN, "/api/units", { method: "POST", body: { name, kind } });
}

export async function createToken(base: string, role: "clerk" | "coordinator" | "assessor" | "court", unit?: string): Promise<{ id: number; token: string }> {
  return api(base, ADMIN_TOKEN, "/api/tokens", { method: "POST", body: { role, ...(unit ? { unit } : {}), label: `e2e ${role}` } });
}

export interface CaseView {
  unit: string;
  caseNo: string;
  version: number;
  inLedger: boolean;
  data: Record<string, unknown>;
}

/** Every live case of a unit, following the API's pages. */
export async function allCases(base: string, token: string, unit: string): Promise<CaseView[]> {
  const out: CaseView[] = [];
  let after: string | null = null;
  for (;;) {
    const q: string = `/api/cases?unit=${encodeURIComponent(unit)}&limit=1000${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const page: { cases: CaseView[]; next: string | null } = await api(base, token, q);
    out.push(...page.cases);
    if (!page.next) return out;
    after = page.next;
  }
}

// ---------------------------------------------------------------- the browser

export const CHROMIUM = "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** The program the pane runs in: Excel (index.html, office.js → the Excel double) or WPS 表格 (wps/pane.html, the WPS double). */
export type PaneHost = "excel" | "wps";

export interface PaneOptions {
  /** A name given to pane.addSeed. */
  seed: string;
  /** Excel when omitted. */
  host?: PaneHost;
  displayLanguage?: string;
  officeTheme?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** The ExcelApi version the double's Excel claims ("1.7" for Office 2019); absent: 1.13. */
  excelApi?: string;
}

export interface OpenPane {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and uncaught exceptions, for failure messages. */
  errors: string[];
}

/**
 * A fresh browser profile (own localStorage, empty cache) set up to load the pane with the host's double; not navigated
 * yet. Excel: office.js is answered with the Excel double. WPS: the WPS double is in the page before any of its scripts,
 * as WPS puts its API there, with the seed inline; and the page may reach nothing but the pane's own origin.
 */
export async function preparePane(browser: Browser, pane: PaneServer, o: PaneOptions): Promise<OpenPane> {
  const context = await browser.newContext({ viewport: o.viewport ?? { width: 420, height: 900 }, locale: "zh-CN" });
  const blocked: string[] = [];
  if ((o.host ?? "excel") === "wps") {
    const seed = pane.seedJson(o.seed);
    if (!seed) throw new Error(`no seed named ${o.seed} (pane.addSeed)`);
    const languageId = (o.displayLanguage ?? "zh-CN").startsWith("en") ? 1033 : 2052;
    await context.addInitScript({ content: `window.__wpsDoubleConfig={seed:${seed},languageId:${languageId}};\n${await wpsDoubleBundle()}` });
    await context.route((url) => !url.href.startsWith(pane.url), (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
  } else {
    const config = { seedUrl: `/__e2e/seed/${encodeURIComponent(o.seed)}`, displayLanguage: o.displayLanguage ?? "zh-CN", officeTheme: o.officeTheme, excelApi: o.excelApi };
    const bundle = await doubleBundle();
    await context.route(OFFICE_JS, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: `window.__excelDoubleConfig=${JSON.stringify(config)};\n${bundle}` }));
    // Nothing else may leave the machine.
    await context.route((url) => !url.href.startsWith(pane.url) && !url.href.startsWith("https://appsforoffice.microsoft.com/"), (route) => route.abort());
  }
  // Any Content-Security-Policy violation is a failure of the pane, not a detail (checked in openPane).
  await context.addInitScript(() => {
    const w = globalThis as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // The pane reads today from the same clock as the Worker: on a chosen day (the session's, or TIAOJIE_TODAY), the
  // browser's Date is moved by the same whole days, the time of day running on.
  const day = pane.today ?? process.env.TIAOJIE_TODAY;
  if (day) await context.clock.setSystemTime(Date.now() + Date.parse(day) - Date.parse(todayInChina(Date.now())));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("requestfailed", (r) => {
    if (blocked.includes(r.url())) errors.push(`blocked request to another origin: ${r.url()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** The page each host opens as the pane. */
export const PANE_PAGE: Record<PaneHost, string> = { excel: "/index.html", wps: "/wps/pane.html" };

/** A fresh browser profile with the pane open as Excel (or, with host "wps", WPS 表格) would open it. */
export async function openPane(browser: Browser, pane: PaneServer, o: PaneOptions): Promise<OpenPane> {
  const { context, page, errors } = await preparePane(browser, pane, o);
  const wps = o.host === "wps";
  const response = await page.goto(`${pane.url}${PANE_PAGE[o.host ?? "excel"]}`);
  if (!response?.headers()["content-security-policy"]?.includes("script-src")) {
    throw new Error("the pane was served without its Content-Security-Policy (dist/addin/_headers)");
  }
  await page.waitForFunction((name) => (globalThis as unknown as Record<string, unknown>)[name] !== undefined, wps ? "__wpsDouble" : "__excelDouble");
  await page.locator("fluent-tablist fluent-tab").first().waitFor();
  await assertNoCspViolations(page);
  return { context, page, errors };
}

/** Fails when the page has broken its Content-Security-Policy so far (a blocked script, style, frame or fetch). */
export async function assertNoCspViolations(page: Page): Promise<void> {
  const violations = await page.evaluate(() => (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  if (violations.length > 0) throw new Error(`Content-Security-Policy violations: ${violations.join("; ")}`);
}

// ---------------------------------------------------------------- steps and screenshots

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name.replace(/[^\p{L}\p{N}_-]+/gu, "-")}.png`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * One step of a scenario. On failure the error names the step and the screenshot taken at that moment,
 * plus whatever the page logged as errors.
 */
export async function step<T>(pane: OpenPane, scenario: string, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    let shot = "(no screenshot: the page is gone)";
    try {
      shot = await screenshot(pane.page, `FAILED-${scenario}-${name}`);
    } catch {
      // keep the original error
    }
    const logged = pane.errors.length ? `\npage errors:\n  ${pane.errors.join("\n  ")}` : "";
    const err = new Error(`step "${name}" of "${scenario}" failed: ${(e as Error).message}\nscreenshot: ${shot}${logged}`);
    err.stack = `${err.message}\n${(e as Error).stack ?? ""}`;
    throw err;
  }
}

/** What a browser test file starts with: a Worker on a fresh D1, the built pane served against it, and Chromium. */
export interface PaneSession {
  worker: TestWorker;
  pane: PaneServer;
  browser: Browser;
}

/**
 * Starts a session with each seed (a workbook or one being read) available to panes under its name. `o.today` pins
 * the Worker's and the panes' day, for tests whose fixtures carry fixed dates (the samples, a 2026 district); tests
 * whose fixtures move with the clock leave it out and run on any day (CI runs them on chosen days too).
 */
export async function startPaneSession(seeds: Record<string, WorkbookSeed | Promise<WorkbookSeed>> = {}, o: { today?: string } = {}): Promise<PaneSession> {
  ensureAddinBuilt();
  const names = Object.keys(seeds);
  const [worker, browser, loaded] = await Promise.all([startWorker(undefined, o.today), launchBrowser(), Promise.all(names.map((n) => seeds[n]))]);
  const pane = await startPaneServer(worker.url);
  pane.today = o.today;
  names.forEach((n, i) => pane.addSeed(n, loaded[i]));
  return { worker, pane, browser };
}

/** Closes a pane left open and whatever of the session did start (a failed start leaves parts undefined). */
export async function stopPaneSession(s: Partial<PaneSession>, office?: OpenPane): Promise<void> {
  await office?.context.close();
  await s.browser?.close();
  await s.pane?.close();
  await s.worker?.cleanup();
}

/** Pushes rows as one chunk of a new push under the token (a fresh push id and Idempotency-Key). */
export async function pushRows(base: string, token: string, rows: unknown[]): Promise<void> {
  await api(base, token, `/api/pushes/${crypto.randomUUID()}/chunks`, {
    method: "POST", headers: { "Idempotency-Key": crypto.randomUUID() }, body: { chunkIndex: 0, chunkCount: 1, wholeLedger: false, rows },
  });
}
