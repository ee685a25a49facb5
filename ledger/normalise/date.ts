import { cleanText, rawText } from "../text.ts";
import { hasChineseNumeral, withArabicNumerals } from "./chinese-date.ts";
import { memoByText } from "./memo.ts";
import { EMPTY, accept, refuse, type Normalised, type Refusal } from "./result.ts";

/** Ledgers hold cases of living people and agencies: anything outside these years is a typo. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

/** Days from 1899-12-30 (Excel's day 0, which absorbs its fake 1900-02-29) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const FIRST_SERIAL = 61; // 1900-03-01: serials below it count Excel's non-existent 1900-02-29
const LAST_SERIAL = 2_958_465; // 9999-12-31

/**
 * 2026-5-26, 2026.5.26, 2026/5/26, 2026年5月26日 / 号, each optionally followed by a time of day (dropped).
 * Dates in Chinese numerals are rewritten to this form first (chinese-date.ts).
 * The two separators must agree (年 goes with 月); spaces around them are allowed.
 */
const SEPARATED =
  /^(\d{4}) ?([-./年]) ?(\d{1,2}) ?([-./月]) ?(\d{1,2})(?: ?([日号]))?(?:(?:[ T]|(?<=[日号]))(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A real calendar day in the years ledgers can hold. */
function isValidDay(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function isoDay(y: number, m: number, d: number): string {
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Calendar day of a count of days since 1970-01-01 (H. Hinnant's civil_from_days), without a Date. */
function dayFromEpochDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * The refusal of a day that is not a real calendar day. When only the day of the month is wrong (2026年2月30日) it
 * says so, with the month's length; a wrong month or year is left to the general "not a date" message.
 */
function refuseDay(y: number, m: number, d: number, raw: string): Refusal {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return refuse(raw);
  return { ok: false, raw, noSuchDay: { year: y, month: m, days: daysInMonth(y, m) } };
}

function fromDay(y: number, m: number, d: number, v: unknown): Normalised<string> {
  return isValidDay(y, m, d) ? accept(isoDay(y, m, d)) : refuseDay(y, m, d, rawText(v));
}

/** Serial → result, filled as serials are met: ledgers repeat the same few hundred days over and over. */
const FIRST_VALID_SERIAL = 18_264; // 1950-01-01
const LAST_VALID_SERIAL = 73_415; // 2100-12-31
const serialResults = new Array<Normalised<string> | undefined>(LAST_VALID_SERIAL - FIRST_VALID_SERIAL + 1);

function fromSerialDay(serial: number): Normalised<string> {
  const index = serial - FIRST_VALID_SERIAL;
  let r = serialResults[index];
  if (r === undefined) {
    const [y, m, d] = dayFromEpochDays(serial - EXCEL_EPOCH_OFFSET);
    serialResults[index] = r = Object.freeze({ ok: true, value: isoDay(y, m, d) }) as Normalised<string>;
  }
  return r;
}

function fromNumber(n: number): Normalised<string> {
  if (!Number.isFinite(n)) return refuse(rawText(n));
  // 20260526 typed into a number cell: far beyond any serial a ledger holds.
  if (n >= 10_000_000 && n <= 99_999_999 && Number.isInteger(n)) {
    return fromDay(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100, n);
  }
  if (n < FIRST_SERIAL || n >= LAST_SERIAL + 1) return refuse(rawText(n));
  const serial = Math.floor(n);
  if (serial >= FIRST_VALID_SERIAL && serial <= LAST_VALID_SERIAL) return fromSerialDay(serial);
  const [y, m, d] = dayFromEpochDays(serial - EXCEL_EPOCH_OFFSET);
  return fromDay(y, m, d, n); // outside 1950–2100: refused with the year check
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** "2026-05-26" exactly: the form the add-in writes back and most pushes carry. */
function fromIsoString(s: string): Normalised<string> | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return undefined;
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3);
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1, d = d0 * 10 + d1;
  return isValidDay(y, m, d) ? accept(s) : refuseDay(y, m, d, s);
}

function fromString(v: string): Normalised<string> {
  return fromIsoString(v) ?? parseText(v);
}

const parseText = memoByText(parseTextOnce);

function parseTextOnce(v: string): Normalised<string> {
  const s = cleanText(v);
  if (s === "") return EMPTY;
  const separated = fromSeparated(s, v, false);
  if (separated) return separated;
  const match = COMPACT.exec(s);
  if (match) return fromDay(Number(match[1]), Number(match[2]), Number(match[3]), v);
  // Only text the Arabic forms did not read pays for looking at Chinese numerals.
  if (hasChineseNumeral(s)) {
    const arabic = withArabicNumerals(s);
    if (arabic !== null) return fromSeparated(arabic, v, true) ?? refuse(v);
  }
  return refuse(v);
}

/**
 * Reads "2026-5-26", "2026年5月26日" and the like, or returns undefined when the text is not of that shape.
 * A date written in Chinese numerals (`chinese`) is read only with 年月: "二〇二六.三.五" is no form anyone writes.
 */
function fromSeparated(s: string, v: string, chinese: boolean): Normalised<string> | undefined {
  const match = SEPARATED.exec(s);
  if (!match) return undefined;
  const [, y, sep1, m, sep2, d, dayMark, hh, mm, ss] = match;
  const agree = sep1 === "年" ? sep2 === "月" : !chinese && sep2 === sep1 && dayMark === undefined;
  const timeOk = hh === undefined || (Number(hh) < 24 && Number(mm) < 60 && (ss === undefined || Number(ss) < 60));
  if (!agree || !timeOk) return refuse(v);
  return fromDay(Number(y), Number(m), Number(d), v);
}

/**
 * A date cell as "YYYY-MM-DD". Reads Excel serials, 8-digit numbers (20260526), Date objects (UTC, as exceljs
 * gives them) and the forms clerks type. Refuses impossible days, two-digit years and years outside 1950–2100:
 * a wrong date in a ledger is worse than a flagged one. 公文 dates in Chinese numerals (二〇二六年三月五日) read too.
 */
export function normaliseDate(v: unknown): Normalised<string> {
  if (typeof v === "string") return fromString(v);
  if (typeof v === "number") return fromNumber(v);
  if (v === null || v === undefined) return EMPTY;
  if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]") {
    const d = v as Date;
    if (Number.isNaN(d.getTime())) return refuse(String(v));
    return fromDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), v);
  }
  if (typeof v === "boolean") return refuse(rawText(v));
  // exceljs formula cells carry the shown value in `result`; rich text reads as its text.
  if (typeof v === "object" && "result" in v) return normaliseDate((v as { result: unknown }).result);
  return fromString(cleanText(v));
}
