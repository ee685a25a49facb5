// Loaded with `node --import` into a real `tiaojie` run, so the bench measures the same command with the reader
// it replaced: cli/lib/read-workbook.ts resolves to exceljs's whole-workbook reader kept in test/support — except for
// that reader itself, which takes its byte checks from the real module (resolving that to itself left the import
// without `checkedWorkbook`, and the baseline runs exited 1).
import { registerHooks } from "node:module";

const baseline = new URL("../test/support/exceljs-workbook.ts", import.meta.url).href;

registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    return resolved.url.endsWith("/cli/lib/read-workbook.ts") && context.parentURL !== baseline ? { ...resolved, url: baseline } : resolved;
  },
});
