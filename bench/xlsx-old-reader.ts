// Loaded with `node --import` into a real `tiaojie` run, so the bench measures the same command with the reader
// it replaced: cli/lib/read-workbook.ts resolves to exceljs's whole-workbook reader kept in test/support.
import { registerHooks } from "node:module";

const baseline = new URL("../test/support/exceljs-workbook.ts", import.meta.url).href;

registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    return resolved.url.endsWith("/cli/lib/read-workbook.ts") ? { ...resolved, url: baseline } : resolved;
  },
});
