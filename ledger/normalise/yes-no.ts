import { cleanText, rawText } from "../text.ts";
import { EMPTY, refuse, type Normalised } from "./result.ts";

const YES: Normalised<boolean> = Object.freeze({ ok: true, value: true });
const NO: Normalised<boolean> = Object.freeze({ ok: true, value: false });

/**
 * What clerks write in 是否受理 / 是否司法确认. ASCII words are matched lower-cased.
 * Left out on purpose: the letter x (a cross to some, a placeholder to others), 对/错, "确认" alone.
 */
const WORDS = new Map<string, Normalised<boolean>>([
  ...["是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "已", "已受理", "受理", "予以受理", "已确认"].map(
    (w) => [w, YES] as const,
  ),
  ...["否", "n", "no", "false", "0", "×", "✗", "✘", "✕", "✖", "无", "未", "不予受理", "不受理", "未受理", "未确认"].map(
    (w) => [w, NO] as const,
  ),
]);

/** A yes/no cell as a boolean; anything not plainly yes or no is refused. */
export function normaliseYesNo(v: unknown): Normalised<boolean> {
  if (typeof v === "boolean") return v ? YES : NO;
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "number") return v === 1 ? YES : v === 0 ? NO : refuse(rawText(v));
  if (typeof v === "string") {
    const direct = WORDS.get(v);
    if (direct) return direct;
  }
  const s = cleanText(v).replaceAll(" ", "");
  if (s === "") return EMPTY;
  return WORDS.get(s) ?? WORDS.get(s.toLowerCase()) ?? refuse(rawText(v));
}
