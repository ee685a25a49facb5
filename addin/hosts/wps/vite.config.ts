/**
 * The WPS add-in build (`npm run build:wps`): root addin/hosts/wps/, output dist/addin/wps/, which the Worker serves
 * at /wps/ beside the Excel pane (dist/addin). Build the Excel pane first: its build empties dist/addin.
 *
 * Target ES2017: WPS runs its pages in an embedded Chromium whose version differs by WPS release and platform and is
 * not published. ES2017 (async/await) is the newest syntax every Chromium that can run ES modules (61+) parses, so the
 * syntax never decides whether the pane starts; what the pages need at run time is said in docs/guide-admin.md (WPS 表格).
 *
 * Besides the two pages (pane.html, selftest.html) it writes the add-in's own files: index.html + main.js (the ribbon
 * callbacks as one classic script), ribbon.xml, manifest.xml, publish.xml and jsplugins.xml naming where it is served
 * (TIAOJIE_ADDIN_URL, as for the Excel manifest), and adds the /wps/* section to dist/addin/_headers.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build as esbuild } from "esbuild";
import { defineConfig, type Plugin } from "vite";
import { DEFAULT_ADDIN_URL, normaliseBaseUrl } from "../../../scripts/manifest.ts";
import { withWpsHeaders } from "./csp.ts";
import { renderAddinManifest, renderEntryHtml, renderJsPluginsXml, renderPublishXml, renderRibbonXml } from "./package-files.ts";

export const WPS_TARGET = "es2017";
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const OUT_DIR = here("../../../dist/addin/wps");

/** The ribbon callbacks as one classic script: globals WPS can call, no module loading before the ribbon appears. */
async function ribbonScript(): Promise<string> {
  const out = await esbuild({
    entryPoints: [here("./ribbon.ts")],
    bundle: true,
    format: "iife",
    target: WPS_TARGET,
    minify: true,
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

function wpsAddinFiles(): Plugin {
  const baseUrl = normaliseBaseUrl(process.env.TIAOJIE_ADDIN_URL || DEFAULT_ADDIN_URL);
  // The assets root's _headers, one folder above the add-in (dist/addin/_headers, or beside --outDir).
  let headers = "";
  return {
    name: "tiaojie-wps-addin-files",
    configResolved(config) {
      headers = path.join(path.resolve(config.root, config.build.outDir), "..", "_headers");
    },
    async generateBundle() {
      const files: Record<string, string> = {
        "main.js": await ribbonScript(),
        "index.html": renderEntryHtml("main.js"),
        "ribbon.xml": renderRibbonXml(),
        "manifest.xml": renderAddinManifest(),
        "publish.xml": renderPublishXml(baseUrl),
        "jsplugins.xml": renderJsPluginsXml(baseUrl),
      };
      for (const [fileName, source] of Object.entries(files)) this.emitFile({ type: "asset", fileName, source });
    },
    writeBundle() {
      writeFileSync(headers, withWpsHeaders(existsSync(headers) ? readFileSync(headers, "utf8") : ""));
    },
  };
}

export default defineConfig({
  root: here("."),
  base: "./",
  publicDir: "assets",
  plugins: [wpsAddinFiles()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: WPS_TARGET,
    reportCompressedSize: false,
    rollupOptions: {
      input: { pane: here("./pane.html"), selftest: here("./selftest.html") },
    },
  },
});
