/**
 * Server side of a visit push (PUT /api/visits): the rows are read again with ledger/visits.ts exactly as the
 * add-in and the CLI read the sheet, against the roster's active gold mentors and the configured towns
 * (checkVisits, pure), then written in one batch (pushVisits, the service).
 */
import type { VisitPush, VisitReceipt, Visits } from "../../ledger/api/visits.ts";
import type { Locale } from "../../ledger/messages.ts";
import type { Period } from "../../ledger/period.ts";
import { validateVisitRecords, type VisitIssue } from "../../ledger/visits.ts";
import { listMediators } from "../db/mediators.ts";
import { listUnits } from "../db/units.ts";
import { loadTownVisitSummary, loadVisits, writeVisits, type VisitWrite } from "../db/visits.ts";

export interface VisitScope {
  /** Active gold mentors by name; a name two of them share maps to null (which one is not ours to guess). */
  mentors: Map<string, number | null>;
  /** Towns and streets by name. */
  towns: Map<string, number>;
  locale: Locale;
  today: string;
}

export interface CheckedVisits {
  accepted: VisitWrite[];
  issues: VisitIssue[];
  rejectedRows: number[];
}

export function checkVisits(body: VisitPush, scope: VisitScope): CheckedVisits {
  const mentors = [...scope.mentors].filter(([, id]) => id !== null).map(([name]) => name);
  const sameName = [...scope.mentors].filter(([, id]) => id === null).map(([name]) => name);
  const rows = validateVisitRecords(body.rows, { locale: scope.locale, columns: body.columns, mentors, sameName, towns: [...scope.towns.keys()], today: scope.today });
  const out: CheckedVisits = { accepted: [], issues: [], rejectedRows: [] };
  for (const r of rows) {
    out.issues.push(...r.issues);
    if (r.issues.some((i) => i.severity === "error")) {
      out.rejectedRows.push(r.row);
      continue;
    }
    for (const v of r.visits) {
      out.accepted.push({
        visitedOn: v.visitedOn, mentorId: scope.mentors.get(v.mentor)!, mentorName: v.mentor, townId: scope.towns.get(v.town)!, town: v.town,
        content: v.content, problems: v.problems,
      });
    }
  }
  return out;
}

/** Reads the push against the roster and the towns, writes what reads cleanly, and says what happened. */
export async function pushVisits(db: D1Database, body: VisitPush, a: { tokenId: number | null; today: string; now: string }): Promise<VisitReceipt> {
  const [units, roster] = await Promise.all([listUnits(db), listMediators(db, null)]);
  const mentors = new Map<string, number | null>();
  for (const m of roster) {
    if (!m.active || m.tier !== "金牌调解员") continue;
    mentors.set(m.name, mentors.has(m.name) ? null : m.id);
  }
  const towns = new Map(units.filter((u) => u.kind === "town").map((u) => [u.name, u.id]));
  const checked = checkVisits(body, { mentors, towns, locale: body.locale, today: a.today });
  const written = await writeVisits(db, { visits: checked.accepted, tokenId: a.tokenId, now: a.now });
  const visits = checked.accepted.length;
  return {
    counts: { visits, ...written, unchanged: visits - written.inserted - written.updated, rejected: checked.rejectedRows.length },
    issues: checked.issues,
    rejectedRows: checked.rejectedRows,
  };
}

/** A period's visits, and per town how many and the last one. */
export async function visitsForPeriod(db: D1Database, period: Period): Promise<Visits> {
  const [visits, summary] = await Promise.all([loadVisits(db, period), loadTownVisitSummary(db, period)]);
  return {
    period: period.label,
    visits: visits.map(({ mentorId: _m, townId: _t, ...v }) => v),
    towns: summary.towns.map((t) => ({ town: t.town, visits: t.visits, lastVisitOn: t.lastVisitOn })),
  };
}
