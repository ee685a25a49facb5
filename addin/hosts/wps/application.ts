/// <reference types="wps-jsapi" />
/**
 * WPS 表格's Application object as a page WPS opened sees it: `window.Application` in a task pane, `wps.EtApplication()`
 * where only the `wps` namespace is there. null outside WPS, or inside WPS 文字/演示 (no Workbooks).
 */
export function wpsApplication(): Et.EtApplication | null {
  const g = globalThis as unknown as { Application?: Et.EtApplication; wps?: { EtApplication?: () => Et.EtApplication } };
  let app: Et.EtApplication | null = g.Application ?? null;
  if (!app && typeof g.wps?.EtApplication === "function") {
    try {
      app = g.wps.EtApplication();
    } catch {
      app = null;
    }
  }
  try {
    return app && app.Workbooks != null ? app : null;
  } catch {
    return null;
  }
}
