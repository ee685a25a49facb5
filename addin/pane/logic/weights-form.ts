/**
 * The Rankings page's weights editor (assessor): what the assessor typed, checked before anything is sent. The
 * office's rule is that a period's weights are points to a tenth (15, 12.5), none negative, summing to 100; the
 * Worker takes the same precision (a more precise weight would be stored unseen) and any non-negative weights (it
 * renormalises), so the sum is this form's promise.
 */
import { INDICATOR_KEYS, INDICATORS, type IndicatorKey } from "../../../ledger/api/indicators.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { toHalfWidth } from "../../../ledger/text.ts";

export type WeightsCheck = { ok: true; weights: Record<IndicatorKey, number> } | { ok: false; key: IndicatorKey | null; message: string };

/** `typed` holds the text of each field; empty means 0. */
export function checkWeights(typed: Partial<Record<IndicatorKey, string>>, locale: Locale): WeightsCheck {
  const en = locale === "en";
  const weights = {} as Record<IndicatorKey, number>;
  for (const k of INDICATOR_KEYS) {
    const text = toHalfWidth(typed[k] ?? "").trim();
    const name = en ? INDICATORS[k].en : INDICATORS[k].zh;
    const value = text === "" ? 0 : Number(text);
    if (!Number.isFinite(value) || value < 0 || !/^\d*\.?\d*$/.test(text)) {
      return { ok: false, key: k, message: en ? `${name}: "${text}" is not a number of points from 0 to 100; type e.g. 15.` : `${name}：“${text}”不是 0–100 的分值，请填写数字，如 15。` };
    }
    if (/\.\d{2,}$/.test(text)) {
      return { ok: false, key: k, message: en ? `${name}: "${text}" has more than one decimal place; type e.g. 12.5.` : `${name}：“${text}”最多保留一位小数，如 12.5。` };
    }
    weights[k] = value;
  }
  const sum = Math.round(INDICATOR_KEYS.reduce((s, k) => s + weights[k], 0) * 100) / 100;
  if (sum !== 100) {
    return { ok: false, key: null, message: en ? `The weights add up to ${sum}, not 100: change them so that they total 100.` : `各项权重合计 ${sum}，不是 100：请调整使合计为 100。` };
  }
  return { ok: true, weights };
}
