// Task pane bundle size, per host (every addin/hosts/*/vite.config.ts): builds the pane with vite (production), opens
// each page in Chromium and gzips every JS and CSS file it fetched before its first page (Connect; Validate comes with
// it) was drawn (scripts/first-load.ts), in Chinese and in English, and, separately, what is left to be fetched on
// demand (other pages, report and chart writers, the other pages' words). Target: first load ≤ 80 KB gzipped.
// office.js is not counted (Microsoft's CDN), nor the classic notice script for old Excel.
// Baseline from the same run: the same measure of the pane as it was before this work, built from a temporary git
// worktree of the commit where this branch left main (`git merge-base HEAD main`; BENCH_BUNDLE_BASELINE=<ref>
// picks another, BENCH_BUNDLE_BASELINE=none skips it).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, resolveConfig } from "vite";
import { firstLoadInBrowser, modulePages, panePage, totalGzipped, type LoadedFile } from "../scripts/first-load.ts";
import { printFigures, type Figure } from "./report.ts";

const root = path.resolve(import.meta.dirname, "..");
export const TARGET_KB = 80;
const kb = (n: number) => n / 1024;

export interface HostBundle {
  host: string;
  page: string;
  /** The pane's page (the target applies to it), not another page of the build such as a self-test. */
  isPane: boolean;
  /** Chinese (the default): the entry and its static imports. */
  first: LoadedFile[];
  /** In English: the first pages' English words are fetched before the first page too. */
  firstEnglish: LoadedFile[];
  onDemand: LoadedFile[];
}

/** Builds every host of the checkout at `dir` and measures each pane page. */
export async function measureHosts(dir: string): Promise<HostBundle[]> {
  const hostsDir = path.join(dir, "addin/hosts");
  const hosts = existsSync(hostsDir) ? readdirSync(hostsDir).filter((h) => existsSync(path.join(hostsDir, h, "vite.config.ts"))).sort() : [];
  const out: HostBundle[] = [];
  for (const host of hosts) {
    const configFile = path.join(hostsDir, host, "vite.config.ts");
    const config = await resolveConfig({ configFile, logLevel: "warn" }, "build", "production");
    const outDir = path.resolve(config.root, config.build.outDir);
    await build({ configFile, logLevel: "warn" });
    const pane = panePage(outDir);
    for (const page of modulePages(outDir)) {
      const drawn = page === pane ? undefined : null;
      const load = await firstLoadInBrowser(outDir, page, { drawn });
      const english = await firstLoadInBrowser(outDir, page, { language: "en-US", drawn });
      out.push({ host, page, isPane: page === pane, first: load.first, firstEnglish: english.first, onDemand: load.onDemand });
    }
  }
  return out;
}

/** The same measure of an older commit, built in a temporary worktree (sharing this checkout's node_modules). */
async function measureBaseline(): Promise<{ ref: string; bundles: HostBundle[] } | null> {
  const wanted = process.env.BENCH_BUNDLE_BASELINE;
  if (wanted === "none") return null;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  let ref: string;
  try {
    ref = git("rev-parse", "--short", wanted ?? git("merge-base", "HEAD", "main"));
  } catch {
    return null;
  }
  if (!wanted && ref === git("rev-parse", "--short", "HEAD")) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "tiaojie-bundle-baseline-"));
  try {
    git("worktree", "add", "--detach", "--force", dir, ref);
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    return { ref, bundles: await measureHosts(dir) };
  } finally {
    try {
      git("worktree", "remove", "--force", dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const shortName = (file: string) => path.posix.basename(file).replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, ".$1");

export async function run(): Promise<Figure[]> {
  const baseline = await measureBaseline();
  const bundles = await measureHosts(root);
  const figures: Figure[] = [];
  for (const b of bundles) {
    const before = baseline?.bundles.find((x) => x.host === b.host && x.page === b.page);
    const name = `${b.host} ${b.page}`;
    const first = kb(totalGzipped(b.first));
    const english = kb(totalGzipped(b.firstEnglish));
    const base = before ? { name: `before (${baseline!.ref})`, value: kb(totalGzipped(before.first)) } : undefined;
    const isPane = b.isPane;
    figures.push(
      { bench: "addin-bundle", measure: `${name}: first load, JS + CSS gzipped (${b.first.length} files)`, value: first, unit: "KB", baseline: base, ...(isPane ? { target: `≤ ${TARGET_KB} KB`, met: first <= TARGET_KB } : {}) },
      { bench: "addin-bundle", measure: `${name}: first load in English`, value: english, unit: "KB", baseline: base, ...(isPane ? { target: `≤ ${TARGET_KB} KB`, met: english <= TARGET_KB } : {}) },
      { bench: "addin-bundle", measure: `${name}: on demand, all ${b.onDemand.length} chunks`, value: kb(totalGzipped(b.onDemand)), unit: "KB" },
      ...b.onDemand.map((f): Figure => ({ bench: "addin-bundle", measure: `${name}: on demand ${shortName(f.file)}`, value: kb(f.gzipped), unit: "KB" })),
    );
  }
  return figures;
}

if (import.meta.main) printFigures(await run());
