import type { Issue } from "../../../../ledger/schema.ts";
import { columnName } from "../../../../ledger/columns.ts";
import { skippedRowsMessage } from "../../../../ledger/messages.ts";
import { codeName, groupByCode, groupByRow, issueCell, marksFromIssues } from "../../logic/validate.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { firstSight } from "../first-sight.ts";
import { readAndValidate } from "../read-and-validate.ts";
import { validateAllPart } from "./validate-all.ts";

/** Lists get long on a bad ledger; the pane shows the first ones and says how many more there are. */
const SHOW = 200;

export const validatePage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const list = h("div", { class: "issues" });
  const intro = firstSight(app, "validate.first");
  let view: "row" | "code" = "row";

  const goTo = (issue: Issue) => {
    const { row, column } = issueCell(issue);
    app.workbook!.selectCell(app.grid!.sheetName, row, column).catch((e) => status.replaceChildren(message("error", app.errorText(e))));
  };
  const item = (issue: Issue, label: string) =>
    h("li", { class: `issue ${issue.severity}` }, h("button", { type: "button", class: "link", onclick: () => goTo(issue) }, `${label} `, issue.message));

  const renderList = () => {
    const run = app.run;
    if (!run) return list.replaceChildren();
    const issues = run.result.issues;
    let shown = 0;
    const cell = (i: Issue) => `${i.column ?? ""}${i.row}`;
    // Elements only for the groups on screen; a large ledger has tens of thousands of groups.
    const byRow = view === "row" ? groupByRow(issues) : [];
    const byCode = view === "code" ? groupByCode(issues) : [];
    const total = byRow.length + byCode.length;
    const groups = [
      ...byRow.slice(0, SHOW).map((g) => h("details", { open: shown < 20 },
        h("summary", { class: g.severity }, app.t("validate.row", { row: g.row }), ` (${g.issues.length})`),
        h("ul", {}, ...g.issues.slice(0, Math.max(0, SHOW - shown)).map((i) => (shown++, item(i, cell(i))))))),
      ...byCode.slice(0, SHOW).map((g) => h("details", {},
        h("summary", { class: g.severity }, `${codeName(g.code, app.locale)} · ${g.keys.map((k) => columnName(k, app.locale)).join("、")} (${g.issues.length})`),
        h("ul", {}, ...g.issues.slice(0, 50).map((i) => item(i, cell(i)))))),
    ];
    list.replaceChildren(
      h("div", { class: "actions" },
        h("fluent-button", { appearance: view === "row" ? "primary" : undefined, onclick: () => ((view = "row"), renderList()) }, app.t("validate.byRow")),
        h("fluent-button", { appearance: view === "code" ? "primary" : undefined, onclick: () => ((view = "code"), renderList()) }, app.t("validate.byCode"))),
      ...groups,
      ...(total > SHOW ? [h("p", {}, app.t("validate.more", { count: total - SHOW }))] : []),
    );
  };

  const summary = () => {
    const run = app.run!;
    return run.result.issues.length === 0
      ? message("success", app.t("validate.clean", { rows: run.result.dataRows }))
      : message(run.errors ? "error" : "warning", app.t("validate.summary", { rows: run.result.dataRows, errors: run.errors, warnings: run.warnings }));
  };

  /** The headings, 小计 rows and notes not read as cases, and rows left below the table's end (a warning: they may be cases). */
  const skippedNote = () => {
    const skipped = app.run!.result.skipped;
    const text = skippedRowsMessage(skipped, app.locale);
    return text === null ? null : message(skipped.below.length > 0 ? "warning" : "info", text);
  };

  // A coordinator says which unit's sheet this is; clerks never see the picker (their token names their unit).
  const coordinator = app.me?.role === "coordinator";
  const pickedNow = () => (app.sheetUnit?.source === "picked" ? app.sheetUnit.unit : "");
  const unitSelect = coordinator
    ? h("select", { id: "sheet-unit", onchange: (e: Event) => (app.unitPick = (e.target as HTMLSelectElement).value) },
      h("option", { value: "", selected: pickedNow() === "" }, app.t("validate.unitAuto")),
      ...(app.units ?? []).map((u) => h("option", { value: u, selected: pickedNow() === u }, u)))
    : null;
  const unitPicker = unitSelect ? h("div", { class: "field" }, h("label", { for: "sheet-unit" }, app.t("validate.unit"), " "), unitSelect) : null;
  const unitNote = () => {
    if (!coordinator || !app.run) return null;
    const used = app.sheetUnit;
    if (used) return used.source === "column" ? null : message("info", app.t(`validate.unitUsed.${used.source}`, { unit: used.unit }));
    const missing = app.run.result.issues.some((i) => i.key === "unit" && i.code === "required");
    return missing ? message("warning", app.t("validate.unitNone")) : null;
  };

  const validate = async () => {
    try {
      if (!(await readAndValidate(app, (el) => status.replaceChildren(el)))) {
        status.replaceChildren(message("warning", app.t("columns.noHeader")));
        return;
      }
      const marks = marksFromIssues(app.run!.result.issues);
      const marked = await app.workbook!.markIssues(app.grid!.sheetName, marks);
      // The picker shows the unit this sheet was validated as (each sheet remembers its own pick).
      if (unitSelect) unitSelect.value = pickedNow();
      status.replaceChildren(summary(), ...[skippedNote(), unitNote()].filter((x) => x !== null), message("info", app.t("validate.marked", { cells: marked.cells })));
      renderList();
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
    intro.refresh();
  };

  const clearMarks = async () => {
    try {
      const count = await app.workbook!.clearMarks(app.grid?.sheetName);
      status.replaceChildren(message("info", app.t("validate.cleared", { count })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  if (app.run) {
    status.replaceChildren(summary(), ...[unitNote()].filter((x) => x !== null));
    renderList();
  }
  return h("section", {},
    intro.element,
    unitPicker,
    h("div", { class: "actions" },
      h("fluent-button", { appearance: "primary", onclick: validate }, app.t("validate.run")),
      h("fluent-button", { onclick: clearMarks }, app.t("validate.clearMarks"))),
    status, list,
    coordinator ? validateAllPart(app) : null);
};
