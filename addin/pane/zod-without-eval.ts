/**
 * The pane runs under a Content-Security-Policy without 'unsafe-eval' (addin/hosts/excel/csp.ts). zod compiles object
 * schemas with `new Function` unless told not to, and merely probing whether it may do so is a CSP violation; the
 * pane parses little, so it gives up that speed. Imported first by main.ts, before any schema is used.
 */
import { config } from "zod";

config({ jitless: true });
