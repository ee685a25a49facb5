// Node side: the Excel double bundled for the page (one classic script, served in place of office.js).
import path from "node:path";
import { build } from "esbuild";

let cached: Promise<string> | null = null;

export function doubleBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [path.join(import.meta.dirname, "install.ts")],
    bundle: true,
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "silent",
  }).then((r) => r.outputFiles[0].text);
  return cached;
}
