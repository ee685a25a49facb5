// The pane's first load stays small: every JS and CSS file each host's pane page fetches in Chromium before its first
// page (Connect; Validate comes with it) is drawn is at most 80 KB gzipped, in Chinese and in English, and the heavy
// parts not needed there (the API schemas, the chart writers, the other pages' words) stay out of it. A size check of
// the production build (bench/addin-bundle.ts prints the same figures), not a timing test.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "vite";
import { firstLoadInBrowser, panePage, totalGzipped, type FirstLoad } from "../../scripts/first-load.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIMIT = 80 * 1024;
const hosts = readdirSync(path.join(ROOT, "addin/hosts")).filter((h) => existsSync(path.join(ROOT, "addin/hosts", h, "vite.config.ts"))).sort();

/** Strings only the left-out parts contain (they survive minification): zod's object schema, a later page's words… */
const LEFT_OUT: Record<string, string> = { "zod (the API schemas)": "$ZodObject", "the other pages' words": "Create trend sheet" };
/** …and a host's own: Excel's chart calls. */
const HOST_LEFT_OUT: Record<string, Record<string, string>> = { excel: { "the chart writers": "setXAxisValues" } };

const builds = new Map<string, { dir: string; load: FirstLoad; english: FirstLoad }>();
let tmp = "";

beforeAll(async () => {
  // Built into a directory of its own, so the browser tests' dist/ is never rebuilt under them.
  tmp = mkdtempSync(path.join(os.tmpdir(), "tiaojie-bundle-size-"));
  for (const host of hosts) {
    const dir = path.join(tmp, host);
    await build({ configFile: path.join(ROOT, "addin/hosts", host, "vite.config.ts"), logLevel: "warn", build: { outDir: dir, emptyOutDir: true } });
    const page = panePage(dir);
    if (!page) throw new Error(`the ${host} build has no pane page (pane.html or index.html loading modules)`);
    builds.set(host, { dir, load: await firstLoadInBrowser(dir, page), english: await firstLoadInBrowser(dir, page, { language: "en-US" }) });
  }
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.each(hosts)("the %s pane's first load", (host) => {
  it("is at most 80 KB of JS and CSS gzipped, in Chinese", () => {
    const { load } = builds.get(host)!;
    const detail = load.first.map((f) => `${f.file} ${f.gzipped}`).join(", ");
    expect(totalGzipped(load.first), detail).toBeLessThanOrEqual(LIMIT);
    expect(load.first.some((f) => f.file.endsWith(".js"))).toBe(true);
  });

  it("is at most 80 KB with the English words too, when the host speaks English", () => {
    const { english } = builds.get(host)!;
    expect(english.first.some((f) => /i18n-en-[^/]*\.js$/.test(f.file))).toBe(true);
    expect(totalGzipped(english.first), english.first.map((f) => `${f.file} ${f.gzipped}`).join(", ")).toBeLessThanOrEqual(LIMIT);
  });

  it.each(Object.entries({ ...LEFT_OUT, ...HOST_LEFT_OUT[host] }))("leaves %s to be fetched on demand", (_, marker) => {
    const { dir, load } = builds.get(host)!;
    const text = (files: { file: string }[]) => files.filter((f) => f.file.endsWith(".js")).map((f) => readFileSync(path.join(dir, f.file), "utf8")).join("\n");
    expect(text(load.first).includes(marker)).toBe(false);
    // …and the marker is real: the build does contain it, in a chunk fetched later.
    expect(text(load.onDemand).includes(marker)).toBe(true);
  });
});
