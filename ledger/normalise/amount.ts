import { cleanText, rawText } from "../text.ts";
import { memoByText } from "./memo.ts";
import { EMPTY, accept, refuse, type Normalised } from "./result.ts";

/** Digits, or digits grouped by thousands with commas (clean text has turned ，into ,), then optional decimals. */
const AMOUNT = /^(?:[¥￥])?(\d+|\d{1,3}(?:,\d{3})+)(\.\d+)?(万元|万|元)?$/;

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

/**
 * An amount in yuan (≥ 0, to the fen). Reads ¥/￥ before, 元/万/万元 after (万 = 10 000) and thousands
 * commas. Refuses negatives, estimates ("约3万"), Chinese numerals ("三万") and anything else.
 */
const parseText = memoByText<number>(parseOnce);

export function normaliseAmount(v: unknown): Normalised<number> {
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) return refuse(rawText(v));
    return accept(Number.isInteger(v) ? v + 0 : toCents(v)); // + 0 turns -0 into 0
  }
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "string" && isAllDigits(v)) return accept(Number(v));
  if (typeof v === "object" && "result" in v) return normaliseAmount((v as { result: unknown }).result);
  return typeof v === "string" ? parseText(v) : parseOnce(v);
}

function parseOnce(v: unknown): Normalised<number> {
  const s = cleanText(v).replaceAll(" ", "");
  if (s === "") return EMPTY;
  const m = AMOUNT.exec(s);
  if (!m) return refuse(rawText(v));
  const [, whole, decimals, unit] = m;
  const yuan = Number(whole.replaceAll(",", "") + (decimals ?? ""));
  const value = toCents(unit === "万" || unit === "万元" ? yuan * 10_000 : yuan);
  return Number.isFinite(value) ? accept(value) : refuse(rawText(v));
}
