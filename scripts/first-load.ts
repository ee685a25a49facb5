/**
 * What a built pane page makes the browser fetch before its first page can be used, and what it leaves for later:
 * the page opened in Chromium outside any host (no office.js, no WPS), every JS and CSS file it fetched until its
 * first page is drawn and the network is quiet. Whatever the entry does — a WPS entry that checks the browser and
 * then `import()`s the pane — counts as it runs (reading import statements from the files would miss that). Chunks
 * not fetched are on demand; classic scripts (office.js, the notice for old Excel) are not counted.
 * Used by bench/addin-bundle.ts and test/addin/bundle-size.test.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

export interface LoadedFile {
  /** Path inside the build directory, e.g. "assets/index-abc123.js". */
  file: string;
  bytes: number;
  gzipped: number;
}

export interface FirstLoad {
  /** The HTML page, relative to the build directory. */
  page: string;
  /** JS and CSS fetched before the first page is interactive. */
  first: LoadedFile[];
  /** Every other JS and CSS file of the build: fetched when a page or feature is first used. */
  onDemand: LoadedFile[];
}

/** gzip at level 9, as a server would send it. */
export function gzippedSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

const sum = (files: readonly LoadedFile[]) => files.reduce((n, f) => n + f.gzipped, 0);
export const totalGzipped = sum;

/**
 * The pane's page of a host's build: pane.html when the host has one (WPS, whose index.html is the ribbon's classic
 * script), else index.html (Excel). Null when neither loads modules.
 */
export function panePage(dir: string): string | null {
  const pages = modulePages(dir);
  return ["pane.html", "index.html"].find((p) => pages.includes(p)) ?? null;
}

/** Pages of a build that load modules (an HTML file with a `<script type="module">`). */
export function modulePages(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".html") && /<script\b[^>]*type="module"/.test(readFileSync(path.join(dir, f), "utf8")));
}

export function describe(dir: string, file: string): LoadedFile {
  const full = path.join(dir, file);
  return { file, bytes: readFileSync(full).length, gzipped: gzippedSize(full) };
}

/** The JS and CSS files directly in `folder` of the build directory, relative to the build directory. */
function listAssets(dir: string, folder: string): string[] {
  return readdirSync(path.join(dir, folder), { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(js|css)$/.test(e.name))
    .map((e) => (folder === "." ? e.name : `${folder}/${e.name}`));
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/**
 * Opens `page` of the build in Chromium (a fresh profile, `language` as the browser's and so the pane's language, no
 * host: the pane then opens on Connect) and returns the JS and CSS it fetched before its first page was drawn (`drawn`:
 * a Fluent button in #app; null for a page that is not the pane, such as a self-test) and the network went quiet;
 * onDemand is the rest of those files' folders.
 */
export async function firstLoadInBrowser(dir: string, page: string, o: { language?: string; drawn?: string | null } = {}): Promise<FirstLoad> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  try {
    const context = await browser.newContext({ locale: o.language ?? "zh-CN" });
    // Nothing leaves the machine: office.js (Microsoft's CDN) is not counted and not needed outside Excel.
    await context.route((url) => !url.href.startsWith(origin), (route) => route.abort());
    const tab = await context.newPage();
    const fetched = new Set<string>();
    tab.on("request", (r) => {
      const url = new URL(r.url());
      if (url.origin === origin && /\.(js|css)$/.test(url.pathname)) fetched.add(url.pathname.replace(/^\//, ""));
    });
    await tab.goto(`${origin}/${page}`, { waitUntil: "networkidle" });
    const drawn = o.drawn === undefined ? "#app fluent-button" : o.drawn;
    if (drawn) await tab.locator(drawn).first().waitFor({ timeout: 15_000 });
    await tab.waitForLoadState("networkidle");
    // Classic scripts the HTML names (the notice for an Excel that cannot run modules) are not the pane's load.
    const classic = classicScripts(dir, page);
    const first = [...fetched].filter((f) => !classic.has(f)).sort().map((f) => describe(dir, f));
    const folders = new Set(first.map((f) => path.posix.dirname(f.file)));
    const onDemand = [...folders].flatMap((folder) => listAssets(dir, folder)).filter((f) => !fetched.has(f) && !classic.has(f))
      .map((f) => describe(dir, f)).sort((a, b) => b.gzipped - a.gzipped);
    return { page, first, onDemand };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Local classic scripts (`<script src>` without type="module") of a page, relative to the build directory. */
function classicScripts(dir: string, page: string): Set<string> {
  const html = readFileSync(path.join(dir, page), "utf8");
  const out = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && !/type="module"/.test(tag) && !/^[a-z]+:|^\/\//i.test(src)) out.add(path.posix.normalize(path.posix.join(path.posix.dirname(page), src)));
  }
  return out;
}
