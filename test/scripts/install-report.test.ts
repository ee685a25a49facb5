// scripts/install-report.ts: the install warnings the postinstall check says again, about the project's own Node.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { engineMismatches, installedPackages, unreviewedScripts } from "../../scripts/install-report.ts";

const root = mkdtempSync(path.join(tmpdir(), "install-report-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function pkg(dir: string, json: object, files: Record<string, string> = {}) {
  mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, dir, "package.json"), JSON.stringify(json));
  for (const [f, c] of Object.entries(files)) writeFileSync(path.join(root, dir, f), c);
}
pkg("node_modules/wrangler", { name: "wrangler", version: "4.164.0", engines: { node: ">=22.12.0" } });
pkg("node_modules/@fluentui/web-components", { name: "@fluentui/web-components", version: "3.1.3", engines: { node: "^22.0.0 || ^24.0.0" } });
pkg("node_modules/esbuild", { name: "esbuild", version: "0.28.2", scripts: { postinstall: "node install.js", test: "x" } });
pkg("node_modules/a/node_modules/native", { name: "native", version: "1.0.0", engines: { node: "not a range" } }, { "binding.gyp": "{}" });
pkg("node_modules/.bin", { name: "never-read", version: "0" });
const packages = installedPackages(path.join(root, "node_modules"));

describe("install report", () => {
  it("finds scoped and nested packages and skips dot folders", () => {
    expect(packages.map((p) => p.name).sort()).toEqual(["@fluentui/web-components", "esbuild", "native", "wrangler"]);
  });

  it("says nothing about engines on the project's Node 22, and names each package that excludes Node 20", () => {
    expect(engineMismatches(packages, "v22.23.3")).toEqual([]);
    expect(engineMismatches(packages, "v20.20.2")).toEqual([
      "@fluentui/web-components@3.1.3 needs node ^22.0.0 || ^24.0.0",
      "wrangler@4.164.0 needs node >=22.12.0",
    ]);
  });

  it("lists install scripts allowScripts does not mention, counting binding.gyp as node-gyp rebuild", () => {
    expect(unreviewedScripts(packages, {})).toEqual(["esbuild@0.28.2 (postinstall: node install.js)", "native@1.0.0 (install: node-gyp rebuild)"]);
    expect(unreviewedScripts(packages, { esbuild: true, native: false })).toEqual([]);
  });
});
