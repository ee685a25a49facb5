import { cleanText, rawText } from "../text.ts";
import { EMPTY, accept, refuse, type Normalised } from "./result.ts";

/** "3", "3人", "3 名": a head count. Leading zeros are harmless ("03"). */
const COUNT = /^(\d{1,9}) ?[人名]?$/;

/** A count of people: a whole number ≥ 1. Refuses 0, negatives, fractions and words ("三人", "若干"). */
export function normaliseCount(v: unknown): Normalised<number> {
  if (typeof v === "number") {
    return Number.isSafeInteger(v) && v >= 1 ? accept(v) : refuse(rawText(v));
  }
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "object" && "result" in v) return normaliseCount((v as { result: unknown }).result);
  const s = cleanText(v);
  if (s === "") return EMPTY;
  const m = COUNT.exec(s);
  if (!m) return refuse(rawText(v));
  const n = Number(m[1]);
  return n >= 1 ? accept(n) : refuse(rawText(v));
}
