/**
 * Stored versions of the time limits and flag thresholds (migration 0029) and the copy of the current time limits
 * the assessment triggers read (assessment_time_limits, migration 0014). A save is one batch: the new version, the
 * rewritten copy and the recount of assessment_daily land together or not at all.
 */
import type { LimitSettings } from "../../ledger/api/limits.ts";
import { rebuildDailyStatements } from "./assessment.ts";
import { nowIso } from "../../ledger/clock.ts";

export interface StoredLimitSettings {
  version: number;
  settings: unknown;
  tokenId: number | null;
  label: string | null;
  createdAt: string;
}

const LATEST_SQL = `SELECT s.version, s.settings, s.token_id AS tokenId, t.label, s.created_at AS createdAt
  FROM limit_settings AS s LEFT JOIN tokens AS t ON t.id = s.token_id ORDER BY s.version DESC LIMIT 1`;

type StoredRow = { version: number; settings: string; tokenId: number | null; label: string | null; createdAt: string };

/** The statement that reads the latest version, for a caller that sends it in a batch with its other reads. */
export function latestLimitSettingsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(LATEST_SQL);
}

/** The latest version from that statement's rows, or null when none was ever saved (the defaults apply). */
export function latestLimitSettingsFrom(rows: unknown[]): StoredLimitSettings | null {
  const row = (rows[0] ?? null) as StoredRow | null;
  return row ? { ...row, settings: JSON.parse(row.settings) } : null;
}

/** The latest version, or null when none was ever saved (the defaults apply). */
export async function loadStoredLimitSettings(db: D1Database): Promise<StoredLimitSettings | null> {
  return latestLimitSettingsFrom((await db.prepare(LATEST_SQL).all<StoredRow>()).results);
}

/** Every version, newest first (for tests and audits; the settings are small and saved rarely). */
export async function listLimitSettingVersions(db: D1Database): Promise<StoredLimitSettings[]> {
  const { results } = await db
    .prepare(`SELECT s.version, s.settings, s.token_id AS tokenId, t.label, s.created_at AS createdAt
              FROM limit_settings AS s LEFT JOIN tokens AS t ON t.id = s.token_id ORDER BY s.version DESC`)
    .all<{ version: number; settings: string; tokenId: number | null; label: string | null; createdAt: string }>();
  return results.map((r) => ({ ...r, settings: JSON.parse(r.settings) }));
}

export type SaveLimitsOutcome = { kind: "saved"; version: number; createdAt: string } | { kind: "changed" };

/**
 * Stores `settings` as the next version. With `baseVersion`, the batch itself checks that it is still the latest
 * (a coordinator who saved meanwhile is not overwritten unseen). Rewrites assessment_time_limits from the same JSON
 * and recounts assessment_daily, so the on-time figures follow the new limits at once.
 */
export async function saveLimitSettings(db: D1Database, settings: LimitSettings, tokenId: number | null, baseVersion: number | undefined): Promise<SaveLimitsOutcome> {
  const json = JSON.stringify(settings);
  const statements: D1PreparedStatement[] = [];
  if (baseVersion !== undefined) {
    statements.push(db
      .prepare(`INSERT INTO batch_assertions (kind, failed)
                SELECT 'limits_current', (SELECT COALESCE(max(version), 0) FROM limit_settings) IS NOT ?`)
      .bind(baseVersion));
  }
  statements.push(
    db.prepare(`DELETE FROM assessment_time_limits`),
    db
      .prepare(`INSERT INTO assessment_time_limits (kind, value, days)
                SELECT 'stage', key, value FROM json_each(?1, '$.timeLimits.byStage')
                UNION ALL SELECT 'mediation_type', key, value FROM json_each(?1, '$.timeLimits.byMediationType')
                UNION ALL SELECT 'fallback', '', ?1 ->> '$.timeLimits.fallback'`)
      .bind(json),
    ...rebuildDailyStatements(db),
    db
      .prepare(`INSERT INTO limit_settings (version, settings, token_id, created_at)
                SELECT COALESCE(max(version), 0) + 1, ?, ?, ? FROM limit_settings
                RETURNING version, created_at AS createdAt`)
      .bind(json, tokenId, nowIso()),
  );
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    if (String(err).includes("tiaojie_limits_changed")) return { kind: "changed" };
    throw err;
  }
  const row = results[results.length - 1].results[0] as { version: number; createdAt: string } | undefined;
  if (!row) throw new Error("version missing after the limits batch");
  return { kind: "saved", version: row.version, createdAt: row.createdAt };
}
