import { toHalfWidth } from "./text.ts";

/**
 * A header cell as compared with the catalogue: half-width, no spaces or line breaks, no required-markers (*),
 * no trailing colon, lower-case. "协议金额\n（元）" and "协议金额(元)" compare equal.
 */
export function headerKey(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  return toHalfWidth(s).replace(/[\s*:：]/g, "").toLowerCase();
}

/** The header without bracketed remarks: "所属镇(街道)" → "所属镇", "收案日期(年月日)" → "收案日期". */
export function headerKeyWithoutRemarks(key: string): string {
  return key.replace(/[(\[【][^)\]】]*[)\]】]/g, "");
}
