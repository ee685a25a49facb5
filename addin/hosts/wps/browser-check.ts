/**
 * What the pane needs of the page's browser and cannot stand in for (polyfills.ts does the rest): web components whose
 * form controls use ElementInternals (Chromium 77), and constructable stylesheets (73) — without them Fluent UI would
 * style through inline <style>, which the pages' Content-Security-Policy refuses. Checked before the pane's code loads,
 * so an old WPS shows a plain notice instead of an empty pane. The self-test reports the same list.
 */
export interface BrowserNeed {
  key: string;
  /** What a person reads when it is missing. */
  label: string;
  present: () => boolean;
}

const safely = (f: () => unknown): boolean => {
  try {
    return Boolean(f());
  } catch {
    return false;
  }
};

export const PANE_NEEDS: readonly BrowserNeed[] = [
  { key: "customElements", label: "Web Components（自定义元素）", present: () => safely(() => globalThis.customElements) },
  { key: "elementInternals", label: "ElementInternals（表单控件）", present: () => safely(() => typeof HTMLElement.prototype.attachInternals === "function") },
  { key: "adoptedStyleSheets", label: "可构造样式表（adoptedStyleSheets）", present: () => safely(() => "adoptedStyleSheets" in Document.prototype && typeof CSSStyleSheet.prototype.replaceSync === "function") },
];

/** The needs this browser lacks, in the words a person reads; [] when the pane can run. */
export function missingForPane(): string[] {
  return PANE_NEEDS.filter((n) => !n.present()).map((n) => n.label);
}

/** This browser's answer to each need and to each API polyfills.ts stands in for (checked before it does). */
export function browserFeatures(): Record<string, boolean> {
  const out: Record<string, boolean> = { secureContext: safely(() => globalThis.isSecureContext) };
  for (const n of PANE_NEEDS) out[n.key] = n.present();
  Object.assign(out, {
    cryptoRandomUUID: safely(() => typeof crypto.randomUUID === "function"),
    objectHasOwn: safely(() => typeof Object.hasOwn === "function"),
    stringReplaceAll: safely(() => typeof "".replaceAll === "function"),
    structuredClone: safely(() => typeof structuredClone === "function"),
    replaceChildren: safely(() => typeof Element.prototype.replaceChildren === "function"),
    customStateSet: safely(() => typeof CustomStateSet === "function"),
    localStorage: safely(() => globalThis.localStorage),
    clipboard: safely(() => navigator.clipboard?.writeText),
  });
  return out;
}

/** The Chromium version in the user agent ("Chrome/86.0…"), for the notice; "" when it does not say. */
export function chromiumVersion(userAgent: string): string {
  return /Chrom(?:e|ium)\/(\d+)/.exec(userAgent)?.[1] ?? "";
}
