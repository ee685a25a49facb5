/**
 * The pane runs under a Content-Security-Policy without 'unsafe-eval' (addin/hosts/excel/csp.ts). zod compiles object
 * schemas with `new Function` unless told not to, and merely probing whether it may do so is a CSP violation; the
 * pane parses little, so it gives up that speed. Imported first by each host's entry, before any schema is made.
 *
 * It sets zod's global config without importing zod: zod starts from `globalThis.__zod_globalConfig` when it loads
 * (and keeps that very object as its config), so the entry does not carry zod's core, which only the pages that parse
 * server answers need (they load later, on demand). test/addin/zod-without-eval.test.ts checks zod still reads it.
 */
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig = Object.assign(scope.__zod_globalConfig ?? {}, { jitless: true });
export {};
