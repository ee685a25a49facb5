import { cleanText, rawText } from "../text.ts";
import { EMPTY, accept, refuse, type Normalised } from "./result.ts";

/** To whole fen: 3.5 × 10 000 must come out as 35000, not 35000.000000004. */
function toCents(n: number): number {
  return Math.round(n * 100) / 100;
}

function isAllDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const YEN = 0xa5;
const FULL_WIDTH_YEN = 0xffe5;
const COMMA = 0x2c;
const DOT = 0x2e;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The yuan a clean, space-free text holds, or NaN: ¥/￥ first (optional); digits, or digits grouped by thousands
 * with commas (clean text has turned ，into ,); optional decimals; 元, 万 or 万元 last (optional; 万 = 10 000).
 * Read by hand, not by a pattern: amounts are mostly all different, so nothing can be remembered, and this runs
 * once per amount cell.
 */
function yuanIn(s: string): number {
  let i = 0;
  const n = s.length;
  if (i < n && (s.charCodeAt(i) === YEN || s.charCodeAt(i) === FULL_WIDTH_YEN)) i++;
  const start = i;
  let group = 0; // digits since the last comma
  let commas = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) group++;
    else if (c === COMMA) {
      if (group === 0 || (commas ? group !== 3 : group > 3)) return NaN;
      commas = true;
      group = 0;
    } else break;
  }
  if (group === 0 || (commas && group !== 3)) return NaN;
  const wholeEnd = i;
  if (i < n && s.charCodeAt(i) === DOT) {
    i++;
    const decimals = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === decimals) return NaN;
  }
  const numberEnd = i;
  const unit = s.slice(i);
  if (unit !== "" && unit !== "元" && unit !== "万" && unit !== "万元") return NaN;
  let text = s.slice(start, numberEnd);
  if (commas) text = s.slice(start, wholeEnd).replaceAll(",", "") + s.slice(wholeEnd, numberEnd);
  const yuan = Number(text);
  return unit === "万" || unit === "万元" ? yuan * 10_000 : yuan;
}

/**
 * An amount in yuan (≥ 0, to the fen). Reads ¥/￥ before, 元/万/万元 after (万 = 10 000) and thousands
 * commas. Refuses negatives, estimates ("约3万"), Chinese numerals ("三万") and anything else.
 */

export function normaliseAmount(v: unknown): Normalised<number> {
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) return refuse(rawText(v));
    return accept(Number.isInteger(v) ? v + 0 : toCents(v)); // + 0 turns -0 into 0
  }
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "string" && isAllDigits(v)) return accept(Number(v));
  if (typeof v === "object" && "result" in v) return normaliseAmount((v as { result: unknown }).result);
  let s = cleanText(v);
  if (s === "") return EMPTY;
  if (s.includes(" ")) s = s.replaceAll(" ", "");
  const value = toCents(yuanIn(s));
  return Number.isFinite(value) ? accept(value) : refuse(rawText(v));
}
