/**
 * The coordinator's time limits and flag thresholds as the rules use them: the defaults (DOMAIN §4, DEFAULT_CONFIG
 * and the Worker's TRANSFER_RECEIPT_DAYS), a stored version read back over them, and the AssessmentConfig the flag,
 * on-time and mentor rules take. Pure.
 */
import { FLAG_THRESHOLD_KEYS, type FlagThresholds, type LimitSettings } from "../../ledger/api/limits.ts";
import { MEDIATION_TYPES, STAGES } from "../../ledger/choices.ts";
import { DEFAULT_CONFIG, type AssessmentConfig, type TimeLimits } from "./config.ts";
import { transferReceiptDays } from "./flags/transfer-rules.ts";

/** `configuredTransferDays`: the Worker's TRANSFER_RECEIPT_DAYS, the default until a coordinator sets one. */
export function defaultLimitSettings(configuredTransferDays: string | undefined): LimitSettings {
  const t = DEFAULT_CONFIG.timeLimits;
  return {
    timeLimits: { byStage: { ...t.byStage }, byMediationType: { ...t.byMediationType }, fallback: t.fallback },
    flags: {
      ...(Object.fromEntries(FLAG_THRESHOLD_KEYS.map((k) => [k, (DEFAULT_CONFIG.flags as Record<string, number>)[k]])) as FlagThresholds),
      transferReceiptDays: transferReceiptDays(configuredTransferDays),
    },
  };
}

/**
 * A stored version over the defaults. Versions store every setting, except the one carried over from the old
 * time-limit table (migration 0029), which has time limits only; a threshold added later also takes its default.
 */
export function settingsFromStored(stored: unknown, defaults: LimitSettings): LimitSettings {
  const s = (stored ?? {}) as { timeLimits?: Partial<TimeLimits>; flags?: Partial<FlagThresholds> };
  const flags = { ...defaults.flags };
  for (const k of FLAG_THRESHOLD_KEYS) {
    const v = s.flags?.[k];
    if (typeof v === "number" && Number.isFinite(v)) flags[k] = v;
  }
  return {
    timeLimits: {
      byStage: knownDays(s.timeLimits?.byStage ?? defaults.timeLimits.byStage, STAGES),
      byMediationType: knownDays(s.timeLimits?.byMediationType ?? defaults.timeLimits.byMediationType, MEDIATION_TYPES),
      fallback: s.timeLimits?.fallback ?? defaults.timeLimits.fallback,
    },
    flags,
  };
}

/**
 * The days of the known stages (or types) in a stored map. Whatever else a stored version holds — a key "__proto__"
 * or "constructor" written before such keys were refused — is not a limit and is not read back.
 */
function knownDays<K extends string>(stored: unknown, keys: readonly K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  if (typeof stored !== "object" || stored === null) return out;
  for (const k of keys) {
    const v = Object.hasOwn(stored, k) ? (stored as Record<string, unknown>)[k] : undefined;
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

/** The assessment configuration with these settings (targets and ranking method stay the defaults). */
export function configWith(settings: LimitSettings): AssessmentConfig {
  const { transferReceiptDays: _transfer, ...flags } = settings.flags;
  // Thresholds the editor does not offer (the 评查 pass mark) keep their defaults.
  return { ...DEFAULT_CONFIG, timeLimits: settings.timeLimits, flags: { ...DEFAULT_CONFIG.flags, ...flags } };
}
