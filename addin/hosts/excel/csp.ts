/**
 * The task pane's Content-Security-Policy. The pane is our own bundle plus office.js from Microsoft's CDN, which
 * loads its host-specific scripts (excel-web-16.00.js, strings, telemetry) from the same CDN and, in Excel on the
 * web, may frame a page of it (the "host not trusted" notice). It calls the API on its own origin. No inline
 * script or style: Fluent UI styles through constructable stylesheets and CSSOM, which CSP does not govern.
 * No frame-ancestors: Excel frames the pane from Microsoft origins that vary by host and tenant.
 */
export const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

export const TASK_PANE_CSP = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_JS_ORIGIN}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  `frame-src ${OFFICE_JS_ORIGIN}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Headers of every static file of the pane. */
export const TASK_PANE_HEADERS: Record<string, string> = {
  "Content-Security-Policy": TASK_PANE_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/** Cloudflare's `_headers` file for Workers static assets (wrangler dev and production read it). */
export function headersFile(): string {
  return ["/*", ...Object.entries(TASK_PANE_HEADERS).map(([k, v]) => `  ${k}: ${v}`), ""].join("\n");
}
