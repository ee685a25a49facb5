import { cleanText, rawText } from "./text.ts";
import { EMPTY, accept, refuse, type Normalised } from "./normalise/result.ts";

/**
 * Area codes as China assigns them: 010 and 02x have two digits after the 0, all others three. Using the real
 * rule (not "2 or 3 digits") is what splits an unseparated 059587123456 as 0595-87123456.
 */
const AREA = "0(?:[12]\\d|[3-9]\\d{2})";
const DASH = " ?[-–—] ?";

/** One number at the sticky position: a mobile (1 = digits) or a landline (2/3 = area, 4 = number, 5 = ext). */
const ONE_PHONE = new RegExp(
  "(?:(?:\\+|00)?86[- ]?)?(1[3-9](?:[- ]?\\d){9})(?!\\d)" +
    `|(?:\\((${AREA})\\)(?:${DASH}| )?|(${AREA})(?:${DASH}| )?)(\\d{7,8})(?:(?:${DASH}| ?转 ?)(\\d{1,6}))?(?!\\d)`,
  "y",
);
/** Between numbers: , ; / 、 or spaces (clean text has narrowed ，；／). */
const BETWEEN = /[,;/、 ]+/y;
const CANONICAL_LANDLINE = new RegExp(`^${AREA}-\\d{7,8}$`);

function isMobile(s: string): boolean {
  if (s.length !== 11 || s.charCodeAt(0) !== 49) return false;
  const second = s.charCodeAt(1);
  if (second < 51 || second > 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digitsOnly(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

/** Every number in the cell, normalised; null when any part is not a phone number. */
function parsePhones(s: string): string[] | null {
  const phones: string[] = [];
  let at = 0;
  while (at < s.length) {
    if (phones.length > 0) {
      BETWEEN.lastIndex = at;
      if (!BETWEEN.test(s)) return null;
      at = BETWEEN.lastIndex;
      if (at === s.length) break; // a trailing separator ("13812345678、") is harmless
    }
    ONE_PHONE.lastIndex = at;
    const m = ONE_PHONE.exec(s);
    if (!m) return null;
    at = ONE_PHONE.lastIndex;
    if (m[1] !== undefined) phones.push(digitsOnly(m[1]));
    else phones.push(`${m[2] ?? m[3]}-${m[4]}${m[5] === undefined ? "" : "-" + m[5]}`);
  }
  return phones.length > 0 ? phones : null;
}

/**
 * Phone numbers: mainland mobiles (1[3-9] + 9 digits, +86 dropped) and landlines with an area code written
 * as "0595-87123456" (extension "-123"). Several numbers are joined with 、; one bad part refuses the cell.
 */
export function normalisePhone(v: unknown): Normalised<string> {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "string" && (isMobile(v) || CANONICAL_LANDLINE.test(v))) return accept(v);
  if (typeof v === "object" && "result" in v) return normalisePhone((v as { result: unknown }).result);
  const s = cleanText(v);
  if (s === "") return EMPTY;
  if (isMobile(s)) return accept(s);
  const phones = parsePhones(s);
  return phones ? accept(phones.join("、")) : refuse(rawText(v));
}
