/**
 * 导师 tab (coordinator): push the active sheet when it is a 调解员名册 or a 巡回指导记录, and compute a period's
 * mentor assignments into a sheet of their own.
 */
import { todayInChina } from "../../../../ledger/clock.ts";
import { marksFor, mentorSheetKind, mentorsReport, rosterPush, visitPush } from "../../logic/mentor-sheets.ts";
import { periodOptions } from "../../logic/report-sheets.ts";
import type { App, Page } from "../app.ts";
import { h, message } from "../dom.ts";

/** The first issues are listed in the pane; the marks in the sheet show all of them. */
const SHOW = 100;

type Issue = { row: number; column: string | null; severity: "error" | "warning"; message: string };

function issueList(app: App, issues: readonly Issue[]): HTMLElement {
  const items = issues.slice(0, SHOW).map((i) =>
    h("li", { class: `issue ${i.severity}` }, app.t("mentors.issue", { row: i.row, column: i.column ?? "—", message: i.message })));
  if (issues.length > SHOW) items.push(h("li", {}, app.t("validate.more", { count: issues.length - SHOW })));
  return h("ul", {}, ...items);
}

export const mentorsPage: Page = (app) => {
  const pushStatus = h("div", { "aria-live": "polite" });
  const issues = h("div", { class: "issues" });
  const status = h("div", { "aria-live": "polite" });
  const today = todayInChina();

  const pushSheet = async () => {
    issues.replaceChildren();
    try {
      const wb = app.workbook!;
      const client = app.client()!;
      pushStatus.replaceChildren(message("info", app.t("mentors.reading")));
      const grid = await wb.readSheet();
      const kind = mentorSheetKind(grid.values);
      if (kind === null) {
        pushStatus.replaceChildren(message("warning", app.t("mentors.notRecognised")));
        return;
      }
      let notes: HTMLElement[];
      let found: Issue[];
      if (kind === "roster") {
        const plan = rosterPush(grid.values, app.locale)!;
        const r = await client.putRoster({ wholeRoster: true, locale: app.locale, columns: plan.columns, rows: plan.rows });
        const c = r.counts;
        notes = [message(c.rejected > 0 ? "warning" : "success", app.t("mentors.rosterDone", { rows: plan.rows.length, ...c }))];
        if (r.deactivated.length > 0) notes.push(message("info", app.t("mentors.deactivated", { names: r.deactivated.map((m) => `${m.name}（${m.unit}）`).join("、") })));
        found = r.issues;
      } else {
        // The local reading knows the gold mentors and the towns when the server can say them; the server checks again.
        const [roster, units] = await Promise.all([client.roster().catch(() => null), client.units().catch(() => null)]);
        const plan = visitPush(grid.values, {
          locale: app.locale, today,
          mentors: roster?.mediators.filter((m) => m.active && m.tier === "金牌调解员").map((m) => m.name),
          towns: units?.filter((u) => u.kind === "town").map((u) => u.name),
        })!;
        const r = await client.putVisits({ locale: app.locale, columns: plan.columns, rows: plan.rows });
        notes = [message(r.counts.rejected > 0 ? "warning" : "success", app.t("mentors.visitsDone", { rows: plan.rows.length, ...r.counts }))];
        found = r.issues;
      }
      // Marks replace the earlier ones, so a fixed sheet pushed again comes back clean.
      await wb.markIssues(grid.sheetName, marksFor(found));
      if (found.length > 0) {
        notes.push(message("info", app.t("mentors.marked")));
        issues.replaceChildren(issueList(app, found));
      }
      pushStatus.replaceChildren(...notes);
    } catch (e) {
      pushStatus.replaceChildren(message("error", app.errorText(e)));
    }
  };

  const options = periodOptions(today);
  const thisMonth = today.slice(0, 7);
  const select = h("select", { id: "mentor-period" }, ...options.map((p) => h("option", { value: p, selected: p === thisMonth }, p)));
  const compute = async () => {
    try {
      status.replaceChildren(message("info", app.t("mentors.computing", { period: select.value })));
      const result = await app.client()!.mentorAssignments(select.value, { compute: true });
      const sheet = await app.workbook!.writeGridSheet(mentorsReport(result, app.locale, await app.letterhead()));
      const counts = { sheet, assigned: result.assignments.length, unassigned: result.unassigned.length };
      status.replaceChildren(message("success", app.t(counts.unassigned > 0 ? "mentors.computed" : "mentors.computedAll", counts)));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  return h("section", {},
    h("p", {}, app.t("mentors.pushIntro")),
    h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: pushSheet }, app.t("mentors.push"))),
    pushStatus, issues,
    h("hr", {}),
    h("label", { for: "mentor-period" }, app.t("mentors.period"), " "), select,
    h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: compute }, app.t("mentors.compute"))),
    status);
};
