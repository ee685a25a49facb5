import type { Role } from "../../ledger/api/roles.ts";

export type { Role };

export interface TokenRecord {
  id: number;
  role: Role;
  unitId: number | null;
  unit: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const COLUMNS = `t.id, t.role, t.unit_id AS unitId, u.name AS unit, t.label, t.created_at AS createdAt, t.revoked_at AS revokedAt`;

export async function findTokenByHash(db: D1Database, hash: string): Promise<TokenRecord | null> {
  return db
    .prepare(`SELECT ${COLUMNS} FROM tokens t LEFT JOIN units u ON u.id = t.unit_id WHERE t.token_hash = ?`)
    .bind(hash)
    .first<TokenRecord>();
}

export async function listTokens(db: D1Database): Promise<TokenRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM tokens t LEFT JOIN units u ON u.id = t.unit_id ORDER BY t.id`)
    .all<TokenRecord>();
  return results;
}

export async function insertToken(
  db: D1Database,
  t: { hash: string; role: Role; unitId: number | null; label: string | null },
): Promise<TokenRecord> {
  const row = await db
    .prepare(`INSERT INTO tokens (token_hash, role, unit_id, label) VALUES (?, ?, ?, ?) RETURNING id`)
    .bind(t.hash, t.role, t.unitId, t.label)
    .first<{ id: number }>();
  const created = row ? await findTokenById(db, row.id) : null;
  if (!created) throw new Error("token insert returned nothing");
  return created;
}

export async function findTokenById(db: D1Database, id: number): Promise<TokenRecord | null> {
  return db
    .prepare(`SELECT ${COLUMNS} FROM tokens t LEFT JOIN units u ON u.id = t.unit_id WHERE t.id = ?`)
    .bind(id)
    .first<TokenRecord>();
}

/** Revokes a token (keeping the first revocation time); null when there is no such token. */
export async function revokeToken(db: D1Database, id: number, now: string): Promise<{ id: number; revokedAt: string } | null> {
  return db
    .prepare(`UPDATE tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? RETURNING id, revoked_at AS revokedAt`)
    .bind(now, id)
    .first<{ id: number; revokedAt: string }>();
}
