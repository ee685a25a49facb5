/**
 * SQL of the mediator roster (调解员名册). Writes travel as one JSON parameter through json_each(?) and land in one
 * batch (one transaction): a roster push is stored whole or not at all.
 */
import type { RosterRow } from "../../ledger/roster.ts";

export interface StoredMediator {
  id: number;
  name: string;
  unitId: number;
  unit: string;
  unitKind: string;
  tier: RosterRow["tier"];
  background: RosterRow["background"];
  expertise: RosterRow["expertise"];
  capacity: number;
  active: boolean;
  phone: string | null;
  version: number;
  updatedAt: string | null;
  createdAt: string;
}

interface MediatorDbRow extends Omit<StoredMediator, "expertise" | "active"> {
  expertise: string;
  active: number;
}

const COLUMNS = `m.id, m.name, m.unit_id AS unitId, u.name AS unit, u.kind AS unitKind, m.tier, m.background, m.expertise,
  m.capacity, m.active, m.phone, m.version, m.updated_at AS updatedAt, m.created_at AS createdAt`;

const fromDb = (r: MediatorDbRow): StoredMediator => ({ ...r, expertise: JSON.parse(r.expertise) as RosterRow["expertise"], active: r.active === 1 });

/** The roster, or one unit's part of it (`unitId`), in unit then name order. */
export async function listMediators(db: D1Database, unitId: number | null): Promise<StoredMediator[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM mediators AS m JOIN units AS u ON u.id = m.unit_id
              WHERE ?1 IS NULL OR m.unit_id = ?1 ORDER BY u.id, m.name`)
    .bind(unitId)
    .all<MediatorDbRow>();
  return results.map(fromDb);
}

export interface MediatorWrite {
  unitId: number;
  row: RosterRow;
}

/** Rows per upsert statement: keeps each JSON parameter far below D1's 2 MB string limit. */
const ROWS_PER_STATEMENT = 500;

/**
 * Upserts mediators by (name, unit) and makes the given ids inactive, in one batch. A row equal to the stored one
 * is not written (version and updated_at move only on change).
 */
export async function writeRoster(
  db: D1Database,
  a: { rows: MediatorWrite[]; deactivateIds: number[]; tokenId: number | null; now: string },
): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < a.rows.length; i += ROWS_PER_STATEMENT) {
    const items = a.rows.slice(i, i + ROWS_PER_STATEMENT).map(({ unitId, row }) => ({
      name: row.name, unitId, tier: row.tier, background: row.background, expertise: JSON.stringify(row.expertise),
      capacity: row.capacity, active: row.active ? 1 : 0, phone: row.phone,
    }));
    statements.push(
      db
        .prepare(`INSERT INTO mediators (name, unit_id, tier, background, expertise, capacity, active, phone, updated_at, updated_by)
                  SELECT j.value ->> '$.name', j.value ->> '$.unitId', j.value ->> '$.tier', j.value ->> '$.background',
                    j.value ->> '$.expertise', j.value ->> '$.capacity', j.value ->> '$.active', j.value ->> '$.phone', ?2, ?3
                  FROM json_each(?1) AS j WHERE true
                  ON CONFLICT (name, unit_id) DO UPDATE SET tier = excluded.tier, background = excluded.background,
                    expertise = excluded.expertise, capacity = excluded.capacity, active = excluded.active, phone = excluded.phone,
                    version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                  WHERE (tier, background, expertise, capacity, active, phone)
                    IS NOT (excluded.tier, excluded.background, excluded.expertise, excluded.capacity, excluded.active, excluded.phone)`)
        .bind(JSON.stringify(items), a.now, a.tokenId),
    );
  }
  if (a.deactivateIds.length > 0) {
    statements.push(
      db
        .prepare(`UPDATE mediators SET active = 0, version = version + 1, updated_at = ?2, updated_by = ?3
                  WHERE active = 1 AND id IN (SELECT value FROM json_each(?1))`)
        .bind(JSON.stringify(a.deactivateIds), a.now, a.tokenId),
    );
  }
  if (statements.length > 0) await db.batch(statements);
}
