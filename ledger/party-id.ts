import { now } from "./clock.ts";
import { cleanText, rawText } from "./text.ts";
import { EMPTY, accept, refuse, type Normalised } from "./normalise/result.ts";

/** GB 11643-1999: weight of position i (0-based) is 2^(17-i) mod 11. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** GB 32100-2015: the 31 characters of a unified social credit code (no I, O, Z, S, V). */
const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Character code → value in CREDIT_ALPHABET, -1 when not allowed. Lower case reads as upper case. */
const CREDIT_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CREDIT_ALPHABET.length; i++) {
  const c = CREDIT_ALPHABET.charCodeAt(i);
  CREDIT_VALUE[c] = i;
  if (c >= 65) CREDIT_VALUE[c + 32] = i;
}

const DAY_MS = 86_400_000;
/** Today (UTC, plus a day's slack for time zones) as YYYYMMDD; only ever too early, so refreshed on demand. */
let latestKnownDay = 0;

function todayPlusOne(): number {
  const d = new Date(now() + DAY_MS);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function isRealBirthDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > days) return false;
  const day = y * 10_000 + m * 100 + d;
  if (day <= latestKnownDay) return true; // the clock only moves forward: no need to read it again
  latestKnownDay = todayPlusOne();
  return day <= latestKnownDay;
}

/**
 * An 18-character resident ID (GB 11643-1999): 17 digits, then the ISO 7064 MOD 11-2 check character
 * (X for 10, lower-case x read as X), with a real birth date at positions 7–14.
 */
export function isResidentId(s: string): boolean {
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    sum += c * ID_WEIGHTS[i];
  }
  let check = s.charCodeAt(17);
  if (check === 0x78) check = 0x58; // x → X
  if (check !== ID_CHECK.charCodeAt(sum % 11)) return false;
  const at = (i: number) => s.charCodeAt(i) - 48; // all digits, checked above
  const y = at(6) * 1000 + at(7) * 100 + at(8) * 10 + at(9);
  return isRealBirthDay(y, at(10) * 10 + at(11), at(12) * 10 + at(13));
}

/** An 18-character unified social credit code (GB 32100-2015) whose last character is its check character. */
export function isCreditCode(s: string): boolean {
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    const value = c < 128 ? CREDIT_VALUE[c] : -1;
    if (value < 0) return false;
    sum += value * CREDIT_WEIGHTS[i];
  }
  const last = s.charCodeAt(17);
  return last < 128 && CREDIT_VALUE[last] === (31 - (sum % 31)) % 31;
}

/** Already upper-case ASCII letters and digits, 18 long: the ID as the add-in writes it back. */
function isCanonicalShape(s: string): boolean {
  if (s.length !== 18) return false;
  for (let i = 0; i < 18; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * A party's resident ID or credit code, upper-cased without spaces. A number is refused: Excel keeps only
 * 15 significant digits of an 18-digit ID typed into a number cell, so the digits are already lost.
 */
export function normalisePartyId(v: unknown): Normalised<string> {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "number") return refuse(rawText(v));
  if (typeof v === "object" && "result" in v) return normalisePartyId((v as { result: unknown }).result);
  if (typeof v === "string" && isCanonicalShape(v)) {
    return isResidentId(v) || isCreditCode(v) ? accept(v) : refuse(v);
  }
  const cleaned = cleanText(v);
  if (cleaned === "") return EMPTY;
  const s = cleaned.replaceAll(" ", "").toUpperCase();
  return isResidentId(s) || isCreditCode(s) ? accept(s) : refuse(rawText(v));
}
