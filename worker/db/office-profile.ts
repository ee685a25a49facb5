/**
 * Stored versions of the office's letterhead (报表落款, migration 0041), kept like the time limits' versions
 * (worker/db/limit-settings.ts): each save is a new row, the highest version is current, none is ever overwritten.
 */
import type { OfficeLetterhead, OfficeProfile } from "../../ledger/api/office-profile.ts";
import { nowIso } from "../../ledger/clock.ts";

type Row = { version: number; filingUnit: string; contact: string; phone: string; tokenId: number | null; label: string | null; createdAt: string };

const SELECT = `SELECT p.version, p.filing_unit AS filingUnit, p.contact, p.phone, p.token_id AS tokenId, t.label, p.created_at AS createdAt
  FROM office_profile AS p LEFT JOIN tokens AS t ON t.id = p.token_id`;
const LATEST_SQL = `${SELECT} ORDER BY p.version DESC LIMIT 1`;

const NEVER_SET: OfficeProfile = { version: 0, filingUnit: "", contact: "", phone: "", updatedAt: null, updatedBy: null };

function profileOf(row: Row | undefined | null): OfficeProfile {
  if (!row) return NEVER_SET;
  return {
    version: row.version, filingUnit: row.filingUnit, contact: row.contact, phone: row.phone, updatedAt: row.createdAt,
    updatedBy: row.tokenId === null ? null : { tokenId: row.tokenId, label: row.label },
  };
}

/** The current letterhead; version 0 with empty fields when none was ever saved. */
export async function loadOfficeProfile(db: D1Database): Promise<OfficeProfile> {
  return profileOf(await db.prepare(LATEST_SQL).first<Row>());
}

/** Every version, newest first (for tests and audits: it is saved rarely). */
export async function listOfficeProfileVersions(db: D1Database): Promise<OfficeProfile[]> {
  const { results } = await db.prepare(`${SELECT} ORDER BY p.version DESC`).all<Row>();
  return results.map(profileOf);
}

export type SaveOfficeProfileOutcome = { kind: "saved"; profile: OfficeProfile } | { kind: "changed" };

/**
 * Stores `letterhead` as the next version, in one batch that reads back the current one. The same three fields as the
 * current version write nothing (saving twice is not two versions). With `baseVersion`, the batch itself checks that
 * it is still the latest, so a letterhead saved meanwhile by someone else is not overwritten unseen.
 */
export async function saveOfficeProfile(
  db: D1Database, letterhead: OfficeLetterhead, tokenId: number | null, baseVersion: number | undefined,
): Promise<SaveOfficeProfileOutcome> {
  const statements: D1PreparedStatement[] = [];
  if (baseVersion !== undefined) {
    statements.push(db
      .prepare(`INSERT INTO batch_assertions (kind, failed)
                SELECT 'office_profile_current', (SELECT COALESCE(max(version), 0) FROM office_profile) IS NOT ?`)
      .bind(baseVersion));
  }
  statements.push(
    db
      .prepare(`INSERT INTO office_profile (version, filing_unit, contact, phone, token_id, created_at)
                SELECT next, ?1, ?2, ?3, ?4, ?5 FROM (SELECT COALESCE(max(version), 0) + 1 AS next FROM office_profile)
                -- Outside the aggregate: an aggregate over no rows still gives one row, so the test goes here.
                WHERE NOT EXISTS (SELECT 1 FROM office_profile AS cur
                                  WHERE cur.version = (SELECT max(version) FROM office_profile)
                                    AND cur.filing_unit = ?1 AND cur.contact = ?2 AND cur.phone = ?3)`)
      .bind(letterhead.filingUnit, letterhead.contact, letterhead.phone, tokenId, nowIso()),
    db.prepare(LATEST_SQL),
  );
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    if (String(err).includes("tiaojie_office_profile_changed")) return { kind: "changed" };
    throw err;
  }
  const row = results[results.length - 1].results[0] as Row | undefined;
  if (!row) throw new Error("office profile missing after its save");
  return { kind: "saved", profile: profileOf(row) };
}
