/** SQL of 片区 (zones): which town/street is in which zone. */

/**
 * Zone → its towns, by zone then unit name. A Map: zone names are whatever people called them, "constructor" and
 * "__proto__" included, and a plain object would take such a name for its own machinery.
 */
export async function getZones(db: D1Database): Promise<Map<string, string[]>> {
  const { results } = await db
    .prepare(`SELECT z.zone, u.name FROM zones AS z JOIN units AS u ON u.id = z.unit_id ORDER BY z.zone, u.name`)
    .all<{ zone: string; name: string }>();
  const zones = new Map<string, string[]>();
  for (const r of results) {
    const towns = zones.get(r.zone);
    if (towns) towns.push(r.name);
    else zones.set(r.zone, [r.name]);
  }
  return zones;
}

/** Replaces the whole assignment in one batch; `pairs` name units that exist (the route checked). */
export async function setZones(db: D1Database, pairs: { unit: string; zone: string }[], tokenId: number | null, now: string): Promise<void> {
  await db.batch([
    db.prepare(`DELETE FROM zones`),
    db
      .prepare(`INSERT INTO zones (unit_id, zone, updated_by, updated_at)
                SELECT u.id, j.value ->> '$.zone', ?2, ?3 FROM json_each(?1) AS j JOIN units AS u ON u.name = j.value ->> '$.unit'`)
      .bind(JSON.stringify(pairs), tokenId, now),
  ]);
}
