// Task pane bundle size: builds addin/ with vite (production) and gzips every JS and CSS file it loads,
// next to the whole @fluentui/web-components library (all components, no app) gzipped in the same run.
// Target: JS + CSS ≤ 80 KB gzipped. office.js is not counted: it comes from Microsoft's CDN.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { printFigures, type Figure } from "./report.ts";

const root = path.resolve(import.meta.dirname, "..");
const TARGET_KB = 80;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function run(): Promise<Figure[]> {
  await build({ configFile: path.join(root, "addin/hosts/excel/vite.config.ts"), logLevel: "warn" });
  const dir = path.join(root, "dist/addin/assets");
  const files = readdirSync(dir).filter((f) => f.endsWith(".js") || f.endsWith(".css"));
  const js = files.filter((f) => f.endsWith(".js")).reduce((n, f) => n + gz(path.join(dir, f)), 0);
  const css = files.filter((f) => f.endsWith(".css")).reduce((n, f) => n + gz(path.join(dir, f)), 0);
  const fluentAll = gz(path.join(root, "node_modules/@fluentui/web-components/dist/web-components.min.js"));
  const kb = (n: number) => n / 1024;
  const total = kb(js + css);
  return [
    {
      bench: "addin-bundle",
      measure: "task pane JS + CSS, gzipped",
      value: total,
      unit: "KB",
      baseline: { name: "all of @fluentui/web-components (min, gzipped)", value: kb(fluentAll) },
      target: `≤ ${TARGET_KB} KB`,
      met: total <= TARGET_KB,
    },
    { bench: "addin-bundle", measure: "of which JS", value: kb(js), unit: "KB" },
    { bench: "addin-bundle", measure: "of which CSS", value: kb(css), unit: "KB" },
  ];
}

if (import.meta.main) printFigures(await run());
