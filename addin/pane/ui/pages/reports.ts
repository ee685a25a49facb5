import { todayInChina } from "../../../../ledger/clock.ts";
import { flagsReport, periodOptions, rankingsReport } from "../../logic/report-sheets.ts";
import { codeOptions, describeFlagFilters, flagsQueryFrom, NO_FILTER, severityOptions, type FlagFilterChoice } from "../../logic/flag-filters.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { subsidyReport } from "../../logic/subsidy-sheet.ts";
import { weightsEditor } from "./weights-editor.ts";
import { trendRanges, trendReport } from "../../logic/trend-sheet.ts";
import { mediatorReport } from "../../logic/mediator-sheet.ts";
import { competitionReport } from "../../logic/competition-sheet.ts";
import { drilldownSummary, drilldownUnits } from "../../logic/drilldown-sheet.ts";
import { drilldownLayout } from "../../../../ledger/reports/drilldown-layout.ts";
import { reviewDimensionsLayout } from "../../../../ledger/reports/review-dimensions-layout.ts";
import { digestControl } from "../digest-control.ts";

/** What the filters held when the page was last left, so switching tabs does not reset them. */
let lastChoice: FlagFilterChoice = { ...NO_FILTER };

export const coordinatorPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const choice = lastChoice;
  const select = (id: string, key: keyof FlagFilterChoice, options: { value: string; label: string }[]) =>
    h("select", { id, onchange: (e: Event) => (choice[key] = (e.target as HTMLSelectElement).value) },
      ...options.map((o) => h("option", { value: o.value, selected: choice[key] === o.value }, o.label)));
  const field = (id: string, label: string, control: Node) => h("div", { class: "field" }, h("label", { for: id }, label), control);
  // A clerk's flags are their own unit's: the server decides, and the pane offers no unit to pick.
  const unitField = app.me?.role === "coordinator"
    ? field("flag-unit", app.t("coordinator.unit"), select("flag-unit", "unit", [
      { value: "", label: app.t("coordinator.allUnits") }, ...(app.units ?? []).map((u) => ({ value: u, label: u }))]))
    : null;
  const days = h("fluent-text-input", { id: "flag-due", inputmode: "numeric", value: choice.dueWithinDays || undefined, placeholder: "7" }, app.t("coordinator.dueWithin")) as HTMLElement & { value?: string };
  const pull = async () => {
    choice.dueWithinDays = days.value ?? "";
    const q = flagsQueryFrom(choice, app.me?.role ?? null, app.locale);
    if (!q.ok) {
      status.replaceChildren(message("error", q.message));
      return;
    }
    try {
      const { flags } = await app.client()!.flags(q.query);
      await app.workbook!.writeReportSheet(flagsReport(flags, app.locale));
      const filters = describeFlagFilters(q.query, app.locale);
      status.replaceChildren(message("success", filters
        ? app.t("coordinator.doneFiltered", { count: flags.length, filters })
        : app.t("coordinator.done", { count: flags.length })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  return h("section", {},
    h("div", { class: "filters" },
      unitField,
      field("flag-code", app.t("coordinator.code"), select("flag-code", "code", codeOptions(app.locale))),
      field("flag-severity", app.t("coordinator.severity"), select("flag-severity", "severity", severityOptions(app.locale))),
      h("div", { class: "field" }, days),
      h("p", { class: "hint" }, app.t("coordinator.dueHint"))),
    h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: pull }, app.t("coordinator.run"))),
    status);
};

export const rankingsPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const today = todayInChina();
  const options = periodOptions(today);
  const select = h("select", { id: "period" }, ...options.map((p, i) => h("option", { value: p, selected: i === 1 }, p)));
  const make = async () => {
    try {
      const rankings = await app.client()!.rankings(select.value);
      const sheets = await app.workbook!.writeGridSheets(rankingsReport(rankings, app.locale));
      status.replaceChildren(message("success", app.t("rankings.done", { count: sheets.length, sheets: sheets.map((n) => `“${n}”`).join(app.locale === "en" ? ", " : "、") })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const makeSubsidies = async () => {
    try {
      const s = await app.client()!.subsidies(select.value);
      const [sheet] = await app.workbook!.writeGridSheets(subsidyReport(s, app.locale, await app.letterhead()));
      const notes = [message("success", app.t("subsidies.done", { sheet, mediators: s.mediators.length, total: s.total.toFixed(2) }))];
      if (s.unpriced.length > 0) notes.push(message("warning", app.t("subsidies.unpriced", { cases: s.unpriced.map((u) => `${u.unit} ${u.caseNo}`).join("、") })));
      status.replaceChildren(...notes);
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const makeMediators = async () => {
    try {
      const r = await app.client()!.mediatorResults(select.value);
      const sheet = await app.workbook!.writeGridSheet(mediatorReport(r, app.locale, await app.letterhead()));
      const count = (s: string) => r.mediators.filter((m) => m.standing === s).length;
      const notes = [message("success", app.t("mediators.done", { sheet, mediators: r.mediators.length, gold: count("gold"), behind: count("behind") }))];
      if (count("gold") + count("behind") > 0) notes.push(message("info", app.t("mediators.why")));
      status.replaceChildren(...notes);
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const makeReviews = async () => {
    try {
      const r = await app.client()!.reviewDimensions(select.value);
      const sheet = await app.workbook!.writeGridSheet(reviewDimensionsLayout(r, app.locale));
      status.replaceChildren(r.units.length === 0
        ? message("warning", app.t("reviews.none", { period: r.period }))
        : message("success", app.t("reviews.done", { sheet, units: r.units.length })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const makeCompetition = async () => {
    try {
      const c = await app.client()!.competition(select.value);
      const sheet = await app.workbook!.writeGridSheet(competitionReport(c, app.locale, await app.letterhead()));
      const notes = [message("success", app.t("competition.done", { sheet, zones: c.zones.length }))];
      if (c.zones.length === 0) notes.push(message("warning", app.t("competition.noZones")));
      status.replaceChildren(...notes);
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const ranges = trendRanges(today);
  const rangeSelect = h("select", { id: "trend-range" }, ...ranges.map((r, i) => h("option", { value: String(i), selected: i === 0 }, app.locale === "en" ? r.en : r.zh)));
  const makeTrend = async () => {
    const range = ranges[Number(rangeSelect.value)];
    try {
      const t = await app.client()!.trend({ from: range.from, to: range.to, by: range.by });
      const sheets = await app.workbook!.writeGridSheets(trendReport(t, app.locale, await app.letterhead()));
      status.replaceChildren(message("success", app.t("trend.done", { sheets: sheets.map((s) => `“${s}”`).join(app.locale === "en" ? ", " : "、"), units: t.units.length, periods: t.periods.length })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  // The drill-down: a clerk's own unit, or the unit the assessment office or a coordinator picks.
  const unitSelect = h("select", { id: "drill-unit" }) as HTMLSelectElement;
  const fillUnits = (units: ReturnType<typeof drilldownUnits>) => {
    if ("fixed" in units) return;
    unitSelect.replaceChildren(h("option", { value: "" }, "—"), ...units.options.map((u) => h("option", { value: u }, u)));
  };
  const first = drilldownUnits(app.me, undefined);
  if (!("fixed" in first)) {
    void app.client()!.units().then((us) => fillUnits(drilldownUnits(app.me, us)), () => fillUnits(drilldownUnits(app.me, [])));
  }
  const makeDrilldown = async () => {
    const unit = "fixed" in first ? first.fixed : unitSelect.value;
    if (!unit) {
      status.replaceChildren(message("error", app.t("drilldown.pickUnit")));
      return;
    }
    try {
      // A clerk names no unit: the server answers with their own.
      const d = await app.client()!.drilldown({ unit: "fixed" in first ? undefined : unit, period: select.value });
      const sheet = await app.workbook!.writeGridSheet(drilldownLayout(d, app.locale));
      status.replaceChildren(message("success", drilldownSummary(d, sheet, app.locale)));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const drill = h("div", { class: "drilldown" },
    "fixed" in first ? null : h("div", { class: "field" }, h("label", { for: "drill-unit" }, app.t("drilldown.unit")), unitSelect),
    h("p", { class: "hint" }, app.t("drilldown.hint")),
    h("div", { class: "actions" }, h("fluent-button", { onclick: makeDrilldown }, app.t("drilldown.run"))));

  if (app.me?.role === "clerk") {
    return h("section", {}, h("label", { for: "period" }, app.t("rankings.period"), " "), select, drill, status);
  }
  const weights = weightsEditor(app, () => select.value);
  select.addEventListener("change", () => void weights.load());
  void weights.load();
  return h("section", {},
    h("label", { for: "period" }, app.t("rankings.period"), " "), select,
    h("div", { class: "actions" },
      h("fluent-button", { appearance: "primary", onclick: make }, app.t("rankings.run")),
      h("fluent-button", { onclick: makeSubsidies }, app.t("subsidies.run")),
      h("fluent-button", { onclick: makeMediators }, app.t("mediators.run")),
      h("fluent-button", { onclick: makeCompetition }, app.t("competition.run")),
      h("fluent-button", { onclick: makeReviews }, app.t("reviews.run"))),
    h("div", { class: "field" }, h("label", { for: "trend-range" }, app.t("trend.range"), " "), rangeSelect),
    h("div", { class: "actions" }, h("fluent-button", { onclick: makeTrend }, app.t("trend.run"))),
    drill,
    digestControl(app, status, () => select.value),
    status,
    weights.element);
};
