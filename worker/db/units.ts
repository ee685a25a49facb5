export type UnitKind = "town" | "department" | "centre";

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  createdAt: string;
}

const COLUMNS = "id, name, kind, created_at AS createdAt";

export async function listUnits(db: D1Database): Promise<Unit[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM units ORDER BY kind, id`).all<Unit>();
  return results;
}

export async function findUnitByName(db: D1Database, name: string): Promise<Unit | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM units WHERE name = ?`).bind(name).first<Unit>();
}

/** Inserts a unit; null when the name is taken. */
export async function insertUnit(db: D1Database, name: string, kind: UnitKind): Promise<Unit | null> {
  return db
    .prepare(`INSERT INTO units (name, kind) VALUES (?, ?) ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`)
    .bind(name, kind)
    .first<Unit>();
}
