/** Task pane build: root addin/, output dist/addin (served by the Worker as static assets). */
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { headersFile } from "./csp.ts";

/** Writes dist/addin/_headers, so the static assets carry the pane's Content-Security-Policy (addin/hosts/excel/csp.ts). */
function assetHeaders(): Plugin {
  return {
    name: "tiaojie-asset-headers",
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile() });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  // Icons are referenced by the manifest at the site root (icon-32.png …).
  publicDir: "assets",
  plugins: [assetHeaders()],
  build: {
    outDir: fileURLToPath(new URL("../../../dist/addin", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
