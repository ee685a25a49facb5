/**
 * SQL of circuit visits (巡回指导记录): writing a push's visits (one batch, idempotent, versioned) and what the
 * mentor engine, the flags and GET /api/visits read.
 */

export interface VisitWrite {
  visitedOn: string;
  mentorId: number;
  mentorName: string;
  townId: number;
  town: string;
  content: string | null;
  problems: string | null;
}

/** Visits per statement: two 2,000-character texts (≤ 12 KB in UTF-8) a row keep the JSON parameter under 1.2 MB, below D1's 2 MB string limit. */
const ROWS_PER_STATEMENT = 100;

const MATCH = `v.visited_on = j.value ->> '$.visitedOn' AND v.mentor_id = j.value ->> '$.mentorId' AND v.town_unit_id = j.value ->> '$.townId'`;
const DIFFERS = `(v.content, v.problems) IS NOT (j.value ->> '$.content', j.value ->> '$.problems')`;

/**
 * Upserts visits by (day, mentor, town) in one batch. A visit whose texts changed keeps its previous version in
 * circuit_visit_revisions (written in the same batch, before the update); an equal one is not written at all.
 * The counts come from the statements' own changes, not from an earlier read.
 */
export async function writeVisits(db: D1Database, a: { visits: VisitWrite[]; tokenId: number | null; now: string }): Promise<{ inserted: number; updated: number }> {
  if (a.visits.length === 0) return { inserted: 0, updated: 0 };
  const statements: D1PreparedStatement[] = [];
  const kinds: ("revision" | "update" | "insert")[] = [];
  for (let i = 0; i < a.visits.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(a.visits.slice(i, i + ROWS_PER_STATEMENT));
    statements.push(
      db
        .prepare(`INSERT INTO circuit_visit_revisions (visit_id, version, content, problems, updated_at, updated_by, replaced_at)
                  SELECT v.id, v.version, v.content, v.problems, v.updated_at, v.updated_by, ?2
                  FROM circuit_visits AS v JOIN json_each(?1) AS j ON ${MATCH} WHERE ${DIFFERS}`)
        .bind(json, a.now),
      db
        .prepare(`UPDATE circuit_visits AS v SET content = j.value ->> '$.content', problems = j.value ->> '$.problems',
                    mentor_name = j.value ->> '$.mentorName', town = j.value ->> '$.town',
                    version = v.version + 1, updated_at = ?2, updated_by = ?3
                  FROM json_each(?1) AS j WHERE ${MATCH} AND ${DIFFERS}`)
        .bind(json, a.now, a.tokenId),
      db
        .prepare(`INSERT INTO circuit_visits (visited_on, mentor_id, mentor_name, town_unit_id, town, content, problems, created_at, created_by, updated_at, updated_by)
                  SELECT j.value ->> '$.visitedOn', j.value ->> '$.mentorId', j.value ->> '$.mentorName', j.value ->> '$.townId',
                    j.value ->> '$.town', j.value ->> '$.content', j.value ->> '$.problems', ?2, ?3, ?2, ?3
                  FROM json_each(?1) AS j WHERE true
                  ON CONFLICT (visited_on, mentor_id, town_unit_id) DO NOTHING`)
        .bind(json, a.now, a.tokenId),
    );
    kinds.push("revision", "update", "insert");
  }
  const results = await db.batch(statements);
  let inserted = 0;
  let updated = 0;
  results.forEach((r, i) => {
    if (kinds[i] === "insert") inserted += r.meta.changes;
    if (kinds[i] === "update") updated += r.meta.changes;
  });
  return { inserted, updated };
}

export interface StoredVisit {
  visitedOn: string;
  mentorId: number;
  mentor: string;
  townId: number;
  town: string;
  content: string | null;
  problems: string | null;
  version: number;
}

/** Visits made in [start, end), by day then town. */
export async function loadVisits(db: D1Database, a: { start: string; end: string }): Promise<StoredVisit[]> {
  const { results } = await db
    .prepare(`SELECT visited_on AS visitedOn, mentor_id AS mentorId, mentor_name AS mentor, town_unit_id AS townId, town, content, problems, version
              FROM circuit_visits WHERE visited_on >= ?1 AND visited_on < ?2 ORDER BY visited_on, town, mentor_name`)
    .bind(a.start, a.end)
    .all<StoredVisit>();
  return results;
}

export interface TownVisitSummary {
  unitId: number;
  town: string;
  /** Visits in [start, end). */
  visits: number;
  /** The latest visit before `end`, or null. */
  lastVisitOn: string | null;
}

/**
 * Per town (units of kind town): visits in [start, end) and the last one before `end`; `recording` says whether the
 * district keeps a visit record at all (any visit stored).
 */
export async function loadTownVisitSummary(db: D1Database, a: { start: string; end: string }): Promise<{ recording: boolean; towns: TownVisitSummary[] }> {
  const [any, towns] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT EXISTS (SELECT 1 FROM circuit_visits) AS recording`),
    db
      .prepare(`SELECT u.id AS unitId, u.name AS town,
                  (SELECT count(*) FROM circuit_visits AS v WHERE v.town_unit_id = u.id AND v.visited_on >= ?1 AND v.visited_on < ?2) AS visits,
                  (SELECT max(v.visited_on) FROM circuit_visits AS v WHERE v.town_unit_id = u.id AND v.visited_on < ?2) AS lastVisitOn
                FROM units AS u WHERE u.kind = 'town' ORDER BY u.id`)
      .bind(a.start, a.end),
  ]);
  return { recording: (any.results[0] as { recording: number }).recording === 1, towns: towns.results as unknown as TownVisitSummary[] };
}
