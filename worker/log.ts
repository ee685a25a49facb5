/**
 * The Worker's only way to write logs. Logs leave the unit (Cloudflare dashboard, tail sessions), so every line is
 * masked before it is written: ID numbers and phone numbers keep only enough digits to tell two apart, bearer
 * tokens and the ADMIN_TOKEN secret never appear at all.
 */

/** 18-character ID numbers / unified social credit codes and old 15-digit IDs, standing alone. */
const ID_18 = /(?<![0-9A-Za-z])([0-9A-Z]{6})[0-9A-Z]{8}([0-9A-Z]{3}[0-9Xx])(?![0-9A-Za-z])/g;
const ID_15 = /(?<![0-9A-Za-z])(\d{6})\d{6}(\d{3})(?![0-9A-Za-z])/g;
/** Mobile numbers (11 digits, 1[3-9]…, optionally +86) and landlines with an area code. */
const MOBILE = /(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})[- ]?\d{3,4}(\d{4})(?!\d)/g;
/** Our tokens, and whatever follows "Bearer" in a header someone printed. */
const TOKEN = /tj_[A-Za-z0-9_-]{8,}/g;
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;
const AUTH_HEADER = /("?authorization"?\s*[:=]\s*"?)[^"\n,}]+/gi;

/** Masks personal data and credentials in text that is about to be logged. */
export function maskSensitive(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[secret]");
  return out
    .replace(AUTH_HEADER, "$1[redacted]")
    .replace(BEARER, "$1[redacted]")
    .replace(TOKEN, "tj_[redacted]")
    .replace(ID_18, "$1********$2")
    .replace(ID_15, "$1******$2")
    .replace(MOBILE, "$1****$2")
    .replace(LANDLINE, "$1-****$2");
}

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause === undefined ? undefined : describe(value.cause) };
  }
  return value;
}

export interface LogContext {
  /** Values that must never appear in a log line (the ADMIN_TOKEN secret, the caller's token). */
  secrets?: readonly (string | undefined)[];
}

/** Writes one masked JSON line: `{level, event, …fields}`. Headers are never passed in; only what the caller names. */
export function logEvent(level: "error" | "warn", event: string, fields: Record<string, unknown>, ctx: LogContext = {}): void {
  let line: string;
  try {
    line = JSON.stringify({ level, event, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, describe(v)])) });
  } catch {
    line = JSON.stringify({ level, event, note: "fields could not be serialised" });
  }
  const masked = maskSensitive(line, ctx.secrets);
  if (level === "error") console.error(masked);
  else console.warn(masked);
}

/** The bearer token of a request, so that it can be kept out of the log (never logged itself). */
export function bearerOf(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)/i.exec(authorization ?? "");
  return m?.[1];
}
