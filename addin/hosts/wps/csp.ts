/**
 * The WPS pages' Content-Security-Policy. Unlike the Excel pane, nothing comes from another origin: WPS injects its
 * API (`wps`, `Application`) into the page itself, so there is no office.js and no CDN to allow. The pages call the
 * API on their own origin. No inline script or style (Fluent UI styles through constructable stylesheets and CSSOM).
 */
export const WPS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Where the WPS add-in is served under the Worker's origin (the Excel pane keeps the root). */
export const WPS_PATH = "/wps/";

const BEGIN = "# WPS add-in (addin/hosts/wps/csp.ts)";
const END = "# end WPS add-in";

/**
 * The `/wps/*` section of Cloudflare's `_headers` file. It comes after the Excel pane's `/*` rule, which also matches,
 * so it first detaches that rule's policy (`! Content-Security-Policy`) and then sets its own; the other headers of
 * `/*` (nosniff, no-referrer) stay.
 */
export function wpsHeadersSection(): string {
  return [BEGIN, `${WPS_PATH}*`, "  ! Content-Security-Policy", `  Content-Security-Policy: ${WPS_CSP}`, END, ""].join("\n");
}

/**
 * The `_headers` file with the WPS section in place: added once at the end, or replacing the one an earlier WPS
 * build left (the Excel build writes the file afresh, without it).
 */
export function withWpsHeaders(existing: string): string {
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  const rest = start >= 0 && end > start ? existing.slice(0, start) + existing.slice(end + END.length).replace(/^\n/, "") : existing;
  return `${rest}${rest === "" || rest.endsWith("\n") ? "" : "\n"}${wpsHeadersSection()}`;
}
