/**
 * The time limits and flag thresholds in force: the latest stored version over the defaults. The flag service, the
 * push receipt, mentor assignments and mediator results read them here; the on-time counts read the copy the same
 * save wrote (worker/db/limit-settings.ts), so all of them use one set of values.
 */
import type { LimitSettings, LimitsResponse } from "../../ledger/api/limits.ts";
import { loadStoredLimitSettings, saveLimitSettings, type SaveLimitsOutcome, type StoredLimitSettings } from "../db/limit-settings.ts";
import type { AssessmentConfig } from "./config.ts";
import { configWith, defaultLimitSettings, settingsFromStored } from "./limit-settings.ts";

/** `configuredTransferDays`: the Worker's TRANSFER_RECEIPT_DAYS (the default for the transfer receipt days). */
export async function limitsInForce(db: D1Database, configuredTransferDays?: string): Promise<LimitsResponse> {
  const defaults = defaultLimitSettings(configuredTransferDays);
  const stored = await loadStoredLimitSettings(db);
  if (!stored) return { version: 0, current: defaults, defaults, changedBy: null, changedAt: null };
  return {
    version: stored.version,
    current: settingsFromStored(stored.settings, defaults),
    defaults,
    changedBy: stored.tokenId === null ? null : { tokenId: stored.tokenId, label: stored.label },
    changedAt: stored.createdAt,
  };
}

/** The assessment configuration with the settings in force (for flags, overdue counts, mediator results). */
export async function configInForce(db: D1Database): Promise<AssessmentConfig> {
  return configFromStored(await loadStoredLimitSettings(db));
}

/** The same configuration from the latest stored version read by the caller (null: none saved, the defaults). */
export function configFromStored(stored: StoredLimitSettings | null): AssessmentConfig {
  const defaults = defaultLimitSettings(undefined);
  return configWith(stored ? settingsFromStored(stored.settings, defaults) : defaults);
}

export function saveLimits(db: D1Database, settings: LimitSettings, tokenId: number | null, baseVersion: number | undefined): Promise<SaveLimitsOutcome> {
  return saveLimitSettings(db, settings, tokenId, baseVersion);
}
