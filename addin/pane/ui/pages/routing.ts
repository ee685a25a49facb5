/** 分流 page (coordinator): suggestions right of the intake sheet, then confirm all or the selected rows. */
import type { TransferReceipt } from "../../../../ledger/api/routing.ts";
import { columnLetter } from "../../../../ledger/columns.ts";
import { COLUMN_SETTINGS_KEY, readColumnSettings } from "../../logic/columns.ts";
import {
  ConfirmKeys, NoSuggestionsError, mergeReceipts, sendConfirm, planConfirm, planOutcomes, planSuggestions, readIntake, type ConfirmPlan, type ConfirmScope, type IntakeSheet,
} from "../../logic/routing-columns.ts";
import type { App, Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { marksFor } from "../../logic/mentor-sheets.ts";
import { pushRuleSheetGrid } from "../../logic/rule-sheet-push.ts";

/** Kept across re-renders of the page: a retry after a lost answer must reuse the confirm's Idempotency-Key. */
const keys = new ConfirmKeys();

/** A confirm that stopped half-way: Retry sends the remaining requests again (the same bodies, the same keys). */
interface Unfinished {
  sheetName: string;
  grid: unknown[][];
  intake: IntakeSheet;
  plan: ConfirmPlan;
  receipts: TransferReceipt[];
}
let unfinished: Unfinished | null = null;

function rowRanges(ranges: readonly [number, number][], locale: App["locale"]): string {
  return ranges.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(locale === "en" ? ", " : "、") || "—";
}

export const routingPage: Page = (app) => {
  const wb = app.routing!;
  const status = h("div", { "aria-live": "polite" });
  const details = h("div", { class: "issues" });
  const retryButton = h("fluent-button", { hidden: true }, app.t("routing.retry"));
  const buttons: HTMLElement[] = [];
  const busy = (on: boolean) => buttons.forEach((b) => (on ? b.setAttribute("disabled", "") : b.removeAttribute("disabled")));

  const read = async () => {
    const client = app.client()!;
    const [rules, sheet] = await Promise.all([client.routingRules(), wb.readActive(COLUMN_SETTINGS_KEY)]);
    const intake = readIntake(sheet.values, readColumnSettings(sheet.setting), rules.centres);
    return { rules, sheet, intake };
  };

  const suggest = async () => {
    busy(true);
    details.replaceChildren();
    try {
      const { rules, sheet, intake } = await read();
      if (!intake) return void status.replaceChildren(message("warning", app.t("columns.noHeader")));
      const rulesNote = message("info", app.t("routing.rules", {
        domains: Object.keys(rules.domains.map).length,
        source: rules.domains.source === "sheet" ? app.t("routing.rules.sheet", { version: rules.domains.version ?? "" }) : app.t("routing.rules.default"),
        villages: rules.places.villages.length,
      }));
      if (intake.intake.length === 0) return void status.replaceChildren(rulesNote, message("warning", app.t("routing.noIntake", { routed: intake.routed })));
      const plan = planSuggestions(sheet.sheetName, intake, rules, app.locale);
      await wb.writeColumns(plan.write);
      const first = plan.write.columns[0].column;
      status.replaceChildren(rulesNote, message(plan.counts.unrouted ? "warning" : "success", app.t("routing.done", {
        total: plan.suggestions.length, ...plan.counts, columns: `${columnLetter(first)}–${columnLetter(first + 2)}`,
      })));
      if (plan.unroutedRows.length) {
        details.replaceChildren(message("warning", app.t("routing.unroutedRows", { rows: plan.unroutedRows.join(app.locale === "en" ? ", " : "、") })));
      }
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    } finally {
      busy(false);
    }
  };

  const send = async (job: Unfinished) => {
    const client = app.client()!;
    const total = job.plan.requests.reduce((n, r) => n + r.cases.length, 0);
    status.replaceChildren(message("info", app.t("routing.confirming", { count: total })));
    const receipt = await sendConfirm(client, job.plan.requests, keys, job.receipts, {
      onRetry: () => status.replaceChildren(message("warning", app.t("routing.retrying"))),
    });
    unfinished = null;
    retryButton.hidden = true;
    const notes = [message(receipt.counts.refused || job.plan.noLead.length ? "warning" : "success", app.t("routing.receipt", receipt.counts))];
    try {
      await wb.writeColumns(planOutcomes(job.sheetName, job.grid, job.intake, job.plan, receipt, app.locale));
    } catch (e) {
      notes.push(message("error", app.errorText(e)));
    }
    status.replaceChildren(...notes);
    const refused = receipt.cases.filter((c) => c.outcome === "refused");
    details.replaceChildren(...(refused.length || job.plan.noLead.length
      ? [h("ul", { class: "receipt" },
        ...refused.map((c) => h("li", { class: "issue error" }, app.t("routing.refusedItem", { row: c.row ?? "", caseNo: c.caseNo ?? "", message: c.message ?? c.code ?? "" }))),
        ...job.plan.noLead.map((n) => h("li", { class: "issue warning" }, app.t("routing.noLeadItem", { row: n.row, caseNo: n.caseNo ?? "" }))))]
      : []));
  };

  const confirm = async (selected: boolean) => {
    busy(true);
    details.replaceChildren();
    unfinished = null;
    retryButton.hidden = true;
    try {
      const { rules, sheet, intake } = await read();
      if (!intake) return void status.replaceChildren(message("warning", app.t("columns.noHeader")));
      const scope: ConfirmScope = selected ? { kind: "selected", rows: sheet.selectedRows } : { kind: "all" };
      const plan = planConfirm(sheet.values, intake, rules, scope, app.locale);
      if (plan.rows.length === 0) {
        return void status.replaceChildren(message("warning", selected
          ? app.t("routing.noneSelected", { rows: rowRanges(sheet.selectedRows, app.locale) })
          : app.t("routing.noIntake", { routed: intake.routed })));
      }
      if (plan.requests.length === 0) {
        await wb.writeColumns(planOutcomes(sheet.sheetName, sheet.values, intake, plan, mergeReceipts([]), app.locale));
        return void status.replaceChildren(message("warning", app.t("routing.nothingToSend", { count: plan.noLead.length })));
      }
      unfinished = { sheetName: sheet.sheetName, grid: sheet.values, intake, plan, receipts: [] };
      await send(unfinished);
    } catch (e) {
      if (e instanceof NoSuggestionsError) status.replaceChildren(message("warning", app.t("routing.needSuggest")));
      else {
        status.replaceChildren(message("error", unfinished ? app.t("routing.failed", { reason: app.errorText(e) }) : app.errorText(e)));
        retryButton.hidden = unfinished === null;
      }
    } finally {
      busy(false);
    }
  };

  const retry = async () => {
    if (!unfinished) return;
    busy(true);
    try {
      await send(unfinished);
    } catch (e) {
      status.replaceChildren(message("error", app.t("routing.failed", { reason: app.errorText(e) })));
    } finally {
      busy(false);
    }
  };

  const rulesStatus = h("div", { "aria-live": "polite" });
  const rulesIssues = h("div", { class: "issues" });
  const pushRules = async () => {
    rulesIssues.replaceChildren();
    try {
      const grid = await app.workbook!.readSheet();
      const pushed = await pushRuleSheetGrid(app.client()!, grid.values, app.locale);
      if (!pushed) return void rulesStatus.replaceChildren(message("warning", app.t("routing.rulesNotRecognised")));
      const r = pushed.receipt;
      const params = { kind: app.t(`routing.rulesKind.${pushed.kind}`), version: r.version ?? "—", rows: pushed.rows, rules: r.rules };
      const errors = r.issues.filter((i) => i.severity === "error").length;
      // Marks replace the earlier ones, so a fixed sheet pushed again comes back clean.
      await app.workbook!.markIssues(grid.sheetName, marksFor(r.issues));
      rulesStatus.replaceChildren(!r.stored
        ? message("error", app.t("routing.rulesRefused", { ...params, errors }))
        : message("success", app.t(r.changed ? "routing.rulesStored" : "routing.rulesUnchanged", params)));
      if (r.issues.length > 0) {
        rulesIssues.replaceChildren(h("ul", {}, ...r.issues.slice(0, 100).map((i) =>
          h("li", { class: `issue ${i.severity}` }, app.t("mentors.issue", { row: i.row, column: i.column ?? "—", message: i.message })))));
      }
    } catch (e) {
      rulesStatus.replaceChildren(message("error", app.errorText(e)));
    }
  };

  retryButton.addEventListener("click", () => void retry());
  retryButton.hidden = unfinished === null;
  buttons.push(
    h("fluent-button", { appearance: "primary", onclick: suggest }, app.t("routing.run")),
    h("fluent-button", { onclick: () => confirm(false) }, app.t("routing.confirmAll")),
    h("fluent-button", { onclick: () => confirm(true) }, app.t("routing.confirmSelected")),
    retryButton,
  );
  return h("section", {},
    h("p", {}, app.t("routing.intro")), h("div", { class: "actions" }, ...buttons), status, details,
    h("div", { class: "validate-all" },
      h("p", { class: "hint" }, app.t("routing.rulesIntro")),
      h("div", { class: "actions" }, h("fluent-button", { onclick: pushRules }, app.t("routing.rulesPush"))),
      rulesStatus, rulesIssues));
};
