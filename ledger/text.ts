/**
 * Text of a ledger cell as clerks meant it: full-width ASCII narrowed, stray spaces and line breaks gone.
 * Chinese characters and Chinese punctuation (、。) are kept as they are.
 */

const FULL_WIDTH_FIRST = 0xff01; // ！
const FULL_WIDTH_LAST = 0xff5e; // ～
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Full-width ASCII forms (U+FF01–U+FF5E, e.g. ２０２６ ＡＢＣ （）) to ASCII, U+3000 to a space. */
export function toHalfWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) || c === IDEOGRAPHIC_SPACE) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST) out += String.fromCharCode(c - FULL_WIDTH_OFFSET);
    else if (c === IDEOGRAPHIC_SPACE) out += " ";
    else out += s[i];
  }
  return out;
}

function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === IDEOGRAPHIC_SPACE || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x85
  );
}

/** Characters that copy-paste from web pages and WeChat leave behind, invisible in the cell. */
function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0xfeff || c === 0x2060 || isBidiControl(c);
}

/**
 * Direction marks and overrides (U+200E/F, U+202A–E, U+2066–9): invisible, yet they would make "SY-\u202E001" a
 * different case number from "SY-001".
 */
function isBidiControl(c: number): boolean {
  return c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** Half of a surrogate pair without its other half: not a character at all (broken copy-paste or encoding). */
function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = s.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** True when cleaning would not change `s`: the common case, checked without allocating. */
function isClean(s: string): boolean {
  const last = s.length - 1;
  let prevSpace = true; // a leading space is not clean
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) {
      prevSpace = false;
      continue;
    }
    if (c === 0x20) {
      if (prevSpace || i === last) return false;
      prevSpace = true;
      continue;
    }
    if (c < 0x80) return false; // control characters, tabs, line breaks
    if (isWhitespace(c) || isZeroWidth(c) || (c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST)) return false;
    if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(s, i)) return false;
    prevSpace = false;
  }
  return true;
}

function cleanString(s: string): string {
  if (isClean(s)) return s;
  // Unchanged stretches are copied as slices, not character by character: a long summary with one full-width
  // comma costs three strings, not one per character.
  let out = "";
  let runStart = -1;
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const keep = !isZeroWidth(c) && !(c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(s, i));
    const space = keep && isWhitespace(c);
    // other control characters carry nothing a clerk typed
    const narrow = keep && !space && c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST;
    if (keep && !space && !narrow && c >= 0x20 && c !== 0x7f) {
      if (pendingSpace) {
        out += " ";
        pendingSpace = false;
      }
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) {
      out += s.slice(runStart, i);
      runStart = -1;
    }
    if (space) pendingSpace = out.length > 0;
    else if (narrow) {
      if (pendingSpace) {
        out += " ";
        pendingSpace = false;
      }
      out += String.fromCharCode(c - FULL_WIDTH_OFFSET);
    }
  }
  if (runStart >= 0) out += s.slice(runStart);
  return out;
}

/**
 * A number as digits, the way the cell shows it: String() switches to exponent form beyond 1e21 and
 * below 1e-6 ("1e+21"), which a clerk never typed.
 */
export function numberText(n: number): string {
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const negative = s.charCodeAt(0) === 0x2d;
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const pointAt = (dot < 0 ? mantissa.length : dot) + exponent; // digits before the decimal point
  let body: string;
  if (pointAt <= 0) body = "0." + "0".repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) body = digits + "0".repeat(pointAt - digits.length);
  else body = digits.slice(0, pointAt) + "." + digits.slice(pointAt);
  return negative ? "-" + body : body;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** exceljs hands dates over as UTC midnight of the shown day; a time of day is kept only when there is one. */
function dateText(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return "";
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (t % 86_400_000 === 0) return day;
  return `${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Text of exceljs cell objects: rich text runs, hyperlinks, formulas with a cached result. */
function objectText(v: object): string {
  if (Object.prototype.toString.call(v) === "[object Date]") return dateText(v as Date);
  const o = v as { richText?: unknown; text?: unknown; result?: unknown };
  if (Array.isArray(o.richText)) {
    let s = "";
    for (const run of o.richText) if (run && typeof run.text === "string") s += run.text;
    return cleanString(s);
  }
  if (typeof o.text === "string") return cleanString(o.text);
  if ("result" in o) return cleanText(o.result);
  return cleanString(String(v));
}

/**
 * The cell as clean text: "" for empty cells; full-width ASCII narrowed; line breaks, tabs and runs of spaces
 * (incl. U+3000, U+00A0) collapsed to one space; zero-width characters removed; trimmed.
 * Numbers are written out in digits, booleans (Excel TRUE/FALSE) as 是/否.
 */
export function cleanText(v: unknown): string {
  if (typeof v === "string") return cleanString(v);
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "object") return objectText(v);
  return cleanString(String(v));
}

/** What a refusal keeps of the cell: the clerk's own text, or the value written out. */
export function rawText(v: unknown): string {
  return typeof v === "string" ? v : cleanText(v);
}
