/**
 * The pane's host inside WPS 表格: the workbooks over the Et Application, WPS's UI language when it says, no theme
 * (WPS gives a task pane none). `wpsApplication()` is the one place that looks for WPS's globals.
 */
import type { Host } from "../host.ts";
import { MSO_LANGUAGE_ID_UI, type WpsApplication } from "./wps-api.ts";
import { createWpsWorkbook } from "./wps-ledger-workbook.ts";
import { lazyRoutingWorkbook } from "../routing-workbook.ts";

/** Windows language ids WPS reports → the BCP 47 tags the pane's i18n reads. */
const LANGUAGES: Readonly<Record<number, string>> = { 2052: "zh-CN", 4100: "zh-SG", 1028: "zh-TW", 3076: "zh-HK", 5124: "zh-MO", 1033: "en-US", 2057: "en-GB" };

/** WPS's UI language, when its LanguageSettings answer (undefined otherwise: the browser's is used). */
export function wpsDisplayLanguage(app: WpsApplication): string | undefined {
  try {
    const id = app.LanguageSettings?.LanguageID(MSO_LANGUAGE_ID_UI);
    return typeof id === "number" ? LANGUAGES[id] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Et Application when the page runs inside WPS 表格 (`wps.EtApplication()`, or the `Application` global older
 * builds give), else null: the pane then opens as in a plain browser.
 */
export function wpsApplication(): WpsApplication | null {
  const g = globalThis as unknown as { wps?: { EtApplication?: () => unknown }; Application?: unknown };
  try {
    const app = (g.wps?.EtApplication?.() ?? g.Application ?? null) as { ActiveWorkbook?: unknown } | null;
    // Asked, not tested with `in`: WPS's objects answer their properties but may not list them.
    return app && typeof app === "object" && app.ActiveWorkbook !== undefined ? (app as WpsApplication) : null;
  } catch {
    return null;
  }
}

export function wpsHost(app: WpsApplication | null): Host {
  return {
    name: "WPS 表格",
    workbook: app ? createWpsWorkbook(app) : null,
    // 分流 and 签收 are not on the first page: their workbook code is fetched when a routing page first uses it.
    routing: app ? lazyRoutingWorkbook(() => import("./wps-routing-workbook.ts").then((m) => m.createWpsRoutingWorkbook(app))) : null,
    displayLanguage: app ? wpsDisplayLanguage(app) : undefined,
    theme: undefined,
  };
}
