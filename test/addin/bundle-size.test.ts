// The pane's first load stays small: what each host's pane page fetches before its first page (Connect or Validate)
// can be used — the entry's JS and CSS and the chunks it imports statically — is at most 80 KB gzipped, and the heavy
// parts not needed there (the API schemas, the chart writers, the English words) stay out of it. A size check of the
// production build (bench/addin-bundle.ts prints the same figures), not a timing test.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "vite";
import { describe as describeFile, firstLoad, panePage, staticClosure, totalGzipped, type FirstLoad } from "../../scripts/first-load.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIMIT = 80 * 1024;
const hosts = readdirSync(path.join(ROOT, "addin/hosts")).filter((h) => existsSync(path.join(ROOT, "addin/hosts", h, "vite.config.ts"))).sort();

/** Strings only the left-out parts contain (they survive minification): zod's object schema, an English message… */
const LEFT_OUT: Record<string, string> = { "zod (the API schemas)": "$ZodObject", "the English words": "Create trend sheet" };
/** …and a host's own: Excel's chart calls. */
const HOST_LEFT_OUT: Record<string, Record<string, string>> = { excel: { "the chart writers": "setXAxisValues" } };

const builds = new Map<string, { dir: string; load: FirstLoad }>();
let tmp = "";

beforeAll(async () => {
  // Built into a directory of its own, so the browser tests' dist/ is never rebuilt under them.
  tmp = mkdtempSync(path.join(os.tmpdir(), "tiaojie-bundle-size-"));
  for (const host of hosts) {
    const dir = path.join(tmp, host);
    await build({ configFile: path.join(ROOT, "addin/hosts", host, "vite.config.ts"), logLevel: "warn", build: { outDir: dir, emptyOutDir: true } });
    const page = panePage(dir);
    if (!page) throw new Error(`the ${host} build has no pane page (pane.html or index.html loading modules)`);
    builds.set(host, { dir, load: firstLoad(dir, page) });
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

  it("is at most 80 KB with the English words too, when Office speaks English", () => {
    const { dir, load } = builds.get(host)!;
    const english = load.onDemand.filter((f) => /i18n-en-[^/]*\.js$/.test(f.file)).map((f) => f.file);
    expect(english).toHaveLength(1);
    const files = [...staticClosure(dir, [...load.first.map((f) => f.file), ...english])].map((f) => describeFile(dir, f));
    expect(totalGzipped(files)).toBeLessThanOrEqual(LIMIT);
  });

  it.each(Object.entries({ ...LEFT_OUT, ...HOST_LEFT_OUT[host] }))("leaves %s to be fetched on demand", (_, marker) => {
    const { dir, load } = builds.get(host)!;
    const text = (files: { file: string }[]) => files.filter((f) => f.file.endsWith(".js")).map((f) => readFileSync(path.join(dir, f.file), "utf8")).join("\n");
    expect(text(load.first).includes(marker)).toBe(false);
    // …and the marker is real: the build does contain it, in a chunk fetched later.
    expect(text(load.onDemand).includes(marker)).toBe(true);
  });
});
