/** The Rankings page's drill-down (考评明细): whose unit may be picked, and what the pane says once the sheet is written. */
import type { Drilldown } from "../../../ledger/api/drilldown.ts";
import type { Me } from "../../../ledger/api/roles.ts";
import type { Unit } from "../../../ledger/api/units.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { t } from "../i18n.ts";

export type DrilldownUnits = { fixed: string } | { options: string[] };

/**
 * A clerk gets their own unit and nothing to pick (the server would refuse any other); the assessment office and
 * coordinators pick among the assessed units, towns first, then departments (the centre is not assessed).
 */
export function drilldownUnits(me: Me | null, units: readonly Unit[] | undefined): DrilldownUnits {
  if (me?.role === "clerk" && me.unit) return { fixed: me.unit };
  const of = (kind: Unit["kind"]) => (units ?? []).filter((u) => u.kind === kind).map((u) => u.name);
  return { options: [...of("town"), ...of("department")] };
}

/** The pane's note after writing the sheet: each indicator's n/N and how many cases cost the unit there. */
export function drilldownSummary(d: Drilldown, sheet: string, locale: Locale): string {
  const i = d.indicators;
  const parts: [string, number][] = [
    [t(locale, "drilldown.notAccepted"), i.acceptance.cases.filter((c) => !c.accepted).length],
    [t(locale, "drilldown.unsuccessful"), i.success.cases.filter((c) => !c.inNumerator).length],
    [t(locale, "drilldown.late"), i.onTime.cases.filter((c) => !c.onTime).length],
    [t(locale, "drilldown.commitmentsMissed"), i.commitments.cases.filter((c) => c.state !== "kept").length],
    [t(locale, "drilldown.rejectedRows"), i.ledgerQuality.rows.length],
  ];
  const list = parts.map(([label, n]) => `${label} ${n}`).join(locale === "en" ? ", " : "、");
  return t(locale, "drilldown.done", { sheet, list });
}
