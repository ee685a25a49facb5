// Node side: the WPS double bundled for a page (one classic script): installs `wps` (wps.EtApplication()) and
// `Application` over a seed, and `__wpsDouble` for tests. See install.ts.
import path from "node:path";
import { build } from "esbuild";

let cached: Promise<string> | null = null;

export function wpsDoubleBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [path.join(import.meta.dirname, "install.ts")],
    bundle: true,
    format: "iife",
    target: "es2017",
    write: false,
    logLevel: "silent",
  }).then((r) => r.outputFiles[0].text);
  return cached;
}
