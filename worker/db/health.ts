/** Counts configured units: proves the database answers and migrations ran. */
export async function countUnits(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT count(*) AS n FROM units").first<{ n: number }>();
  return row?.n ?? 0;
}
