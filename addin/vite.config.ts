/** Task pane build: root addin/, output dist/addin (served by the Worker as static assets). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  // Icons are referenced by the manifest at the site root (icon-32.png …).
  publicDir: "assets",
  build: {
    outDir: fileURLToPath(new URL("../dist/addin", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
  },
});
