// How big the Worker upload is, measured the way Cloudflare limits it: the modules wrangler would upload, gzipped.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Workers size limit after compression on the Free plan (Paid: 10 MB). Cloudflare writes "3 MB"; counted here as
 * 3,000,000 bytes, the stricter reading, so a bundle that passes here passes there.
 */
export const FREE_PLAN_GZIP_LIMIT = 3_000_000;

export interface BundleSize {
  files: string[];
  raw: number;
  gzip: number;
}

/**
 * Sizes of the modules in a `wrangler deploy --dry-run --outdir DIR` output. Source maps and wrangler's README.md in
 * that folder are not uploaded as code, so they are left out. Each module is gzipped with node:zlib at its default
 * level, which gave the same figure as wrangler's own "gzip:" line (211.55 KiB both) — measured here rather than
 * parsed from wrangler's wording, which may change.
 */
export function measureBundle(dir: string): BundleSize {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".map") && e.name !== "README.md")
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files, raw, gzip };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** One line for the log, and whether the bundle fits. */
export function verdict(size: BundleSize, limit = FREE_PLAN_GZIP_LIMIT): { ok: boolean; line: string } {
  const ok = size.files.length > 0 && size.gzip <= limit;
  const share = `${((100 * size.gzip) / limit).toFixed(0)}%`;
  const line = size.files.length === 0
    ? "Worker 包为空 The Worker bundle is empty: wrangler wrote no modules"
    : `Worker 包 bundle: ${kib(size.raw)}，gzip ${kib(size.gzip)}（免费版上限 Free plan limit ${(limit / 1e6).toFixed(0)} MB 的 ${share}）` +
      (ok ? "" : ` — 超出上限 over the limit`);
  return { ok, line };
}
