/**
 * Server side of a roster push (PUT /api/roster): the rows are read again with ledger/roster.ts exactly as the
 * add-in and CLI read the sheet (never trusting the client's reading), then checked against the configured units
 * and the caller's scope. Pure: the route does the SQL.
 */
import type { RosterPush } from "../../ledger/api/mentors.ts";
import { issueMessage, type Locale } from "../../ledger/messages.ts";
import { normaliseText } from "../../ledger/normalise/text.ts";
import { RosterRowSchema, validateRosterRecords, type RosterIssue, type RosterKey, type RosterRow } from "../../ledger/roster.ts";

export interface CheckedRoster {
  accepted: { row: number; unitId: number; mediator: RosterRow }[];
  issues: RosterIssue[];
  rejectedRows: number[];
  /** Names on rejected rows: a mediator named there is not "missing" from a whole-roster push. */
  rejectedNames: Set<string>;
}

export interface RosterScope {
  /** Configured units by name. */
  units: Map<string, number>;
  /** A clerk's unit (rows default to it and may name no other); null for a coordinator. */
  ownUnit: { id: number; name: string } | null;
  locale: Locale;
}

export function checkRoster(body: RosterPush, scope: RosterScope): CheckedRoster {
  const { locale } = scope;
  // The cells are read exactly as the sheet's rows would be (ledger/roster.ts); a clerk's rows default to their unit.
  const results = validateRosterRecords(
    body.rows.map((r) => {
      const values = { ...r.values };
      const unit = normaliseText(values.unit);
      if (scope.ownUnit && unit.ok && unit.value === null) values.unit = scope.ownUnit.name;
      return { row: r.row, values };
    }),
    { locale, columns: body.columns },
  );

  const out: CheckedRoster = { accepted: [], issues: [], rejectedRows: [], rejectedNames: new Set() };
  const seen = new Map<string, number>();
  body.rows.forEach((pushed, i) => {
    const res = results[i];
    const issues: RosterIssue[] = [...res.issues];
    const add = (key: RosterKey, code: RosterIssue["code"], message: string) =>
      issues.push({ row: pushed.row, column: body.columns?.[key] ?? null, key, code, severity: "error", message });
    let mediator = res.mediator;
    let unitId: number | undefined;
    if (mediator) {
      unitId = scope.units.get(mediator.unit);
      const label = locale === "en" ? "Unit" : "所属单位";
      if (unitId === undefined) {
        add("unit", "unknown_unit", issueMessage("unknown_unit", { header: label, value: mediator.unit, allowed: [...scope.units.keys()] }, locale));
      } else if (scope.ownUnit && unitId !== scope.ownUnit.id) {
        add("unit", "unknown_unit", locale === "en"
          ? `A clerk may only push mediators of ${scope.ownUnit.name}, not "${mediator.unit}".`
          : `台账员只能推送本单位（${scope.ownUnit.name}）的调解员，不能推送“${mediator.unit}”的。`);
      } else {
        const key = `${unitId}\u0000${mediator.name}`;
        const first = seen.get(key);
        if (first !== undefined) {
          add("name", "duplicate_case_no", locale === "en"
            ? `${mediator.name} (${mediator.unit}) is listed twice; first at row ${first}.`
            : `${mediator.name}（${mediator.unit}）重复登记，首次出现在第 ${first} 行。`);
        } else seen.set(key, pushed.row);
      }
      // Never trust the reading either: the stored row must satisfy the schema the roster declares.
      if (!RosterRowSchema.safeParse(mediator).success) add("name", "required", locale === "en" ? "Row does not read as a mediator." : "该行无法读成调解员记录。");
    }
    if (issues.some((x) => x.severity === "error")) mediator = null;
    out.issues.push(...issues);
    if (mediator && unitId !== undefined) out.accepted.push({ row: pushed.row, unitId, mediator });
    else {
      out.rejectedRows.push(pushed.row);
      const n = normaliseText(pushed.values.name);
      if (n.ok && n.value) out.rejectedNames.add(n.value);
    }
  });
  return out;
}
