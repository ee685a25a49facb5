// scripts/worker-size.ts: what counts toward the Workers size limit and when the check fails.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FREE_PLAN_GZIP_LIMIT, measureBundle, verdict } from "../../scripts/worker-size.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function bundleDir(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "worker-size-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe("worker bundle size", () => {
  it("counts every uploaded module, in subfolders too, and leaves out source maps and wrangler's README", () => {
    const size = measureBundle(bundleDir({ "index.js": "x".repeat(10_000), "wasm/solver.wasm": randomBytes(2_000), "index.js.map": randomBytes(50_000), "README.md": "notes" }));
    expect(size.files).toEqual(["index.js", path.join("wasm", "solver.wasm")]);
    expect(size.raw).toBe(12_000);
    // Repetitive text shrinks; random bytes do not.
    expect(size.gzip).toBeGreaterThan(2_000);
    expect(size.gzip).toBeLessThan(2_200);
  });

  it("passes a bundle under the Free plan limit and prints its size", () => {
    const { ok, line } = verdict({ files: ["index.js"], raw: 1_166_087, gzip: 216_627 });
    expect(ok).toBe(true);
    expect(line).toBe("Worker 包 bundle: 1138.8 KiB，gzip 211.5 KiB（免费版上限 Free plan limit 3 MB 的 7%）");
  });

  it("fails a bundle whose gzipped modules exceed 3 MB, even when each alone would fit", () => {
    const half = randomBytes(1_600_000);
    const size = measureBundle(bundleDir({ "a.js": half, "b.js": randomBytes(1_600_000) }));
    expect(size.gzip).toBeGreaterThan(FREE_PLAN_GZIP_LIMIT);
    const { ok, line } = verdict(size);
    expect(ok).toBe(false);
    expect(line).toContain("over the limit");
  });

  it("fails when wrangler wrote no modules at all, rather than reporting a size of zero", () => {
    expect(verdict(measureBundle(bundleDir({ "README.md": "x" }))).ok).toBe(false);
  });
});
