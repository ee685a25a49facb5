import { runPush, type PushOutcome, type PushPlan, type PushSummary } from "../../../../ledger/api/push-engine.ts";
import { missingPercent } from "../../../../ledger/api/push.ts";
import { planLedgerPush } from "../../logic/push-rows.ts";
import { pushDoneNote, pushStoppedNotes, type Note } from "../../logic/push-messages.ts";
import { buildWriteBack } from "../../logic/write-back.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { firstSight } from "../first-sight.ts";
import { readActiveSheet, validateActiveSheet } from "../read-and-validate.ts";
import { isReviewSheet, pushReviewSheetGrid } from "../../logic/review-sheet-push.ts";
import { todayInChina } from "../../../../ledger/clock.ts";

export const pushPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const progress = h("fluent-progress-bar", { max: 100, value: 0, hidden: true });
  const cancelButton = h("fluent-button", { hidden: true }, app.t("push.cancel"));
  // After a stop: sends the chunks without a receipt, under their same keys (the other button starts over).
  const resumeButton = h("fluent-button", { appearance: "primary", hidden: true }, app.t("push.resume"));
  const runButton = h("fluent-button", { appearance: "primary" }, app.t(app.me?.role === "assessor" ? "push.runReviews" : "push.run"));
  const intro = firstSight(app, "push.first");
  // One primary button at a time: after a stop, resuming is the next step, starting over the other choice.
  const offerResume = (offer: boolean) => {
    resumeButton.hidden = !offer;
    if (offer) runButton.removeAttribute("appearance");
    else runButton.setAttribute("appearance", "primary");
  };
  const bar = (n: Note) => message(n.intent, n.text);
  let controller: AbortController | null = null;
  let plan: PushPlan | null = null;
  let last: PushOutcome | null = null;

  const send = async (resume: boolean) => {
    const client = app.client();
    if (!client || !plan) return;
    controller = new AbortController();
    cancelButton.hidden = false;
    offerResume(false);
    progress.hidden = false;
    const outcome = await runPush(client, plan, {
      signal: controller.signal,
      receipts: resume && last ? last.receipts : [],
      onProgress: (p) => {
        progress.setAttribute("value", String(Math.round((100 * p.rowsDone) / Math.max(1, p.rows))));
        status.replaceChildren(
          message("info", app.t("push.progress", { done: p.rowsDone, total: p.rows })),
          ...(p.retrying ? [message("warning", `${app.t("push.retrying")} ${app.errorText(p.retrying)}`)] : []),
        );
      },
    });
    last = outcome;
    cancelButton.hidden = true;
    if (outcome.status !== "done") {
      // The bar keeps the share that landed; the notes say how many rows and which button resumes.
      offerResume(true);
      status.replaceChildren(...pushStoppedNotes(plan, outcome, app.locale, app.errorText).map(bar));
      return;
    }
    const s = outcome.summary;
    let written: Note;
    try {
      await app.workbook!.writeBack(buildWriteBack(app.grid!.sheetName, app.grid!.values, app.run!, app.locale, s));
      written = { intent: "info", text: app.t("push.writeBack") };
    } catch (e) {
      written = { intent: "error", text: app.errorText(e) };
    }
    status.replaceChildren(bar(pushDoneNote(s, app.locale, { wroteBack: written.intent === "info" })), ...markingNotes(s), bar(written));
  };

  /** What became of the stored cases the ledger lacks, in words; before marking more than a fifth, a question. */
  const markingNotes = (s: PushSummary): HTMLElement[] => {
    const notes: HTMLElement[] = [];
    const m = s.marking;
    if (m?.outcome === "marked" && m.marked > 0) notes.push(message("info", app.t("push.notInLedger", { count: m.marked })));
    else if (m?.outcome === "rows_rejected") notes.push(message("warning", app.t("push.markingRowsRejected", { missing: m.missing })));
    else if (m?.outcome === "no_stored_case") notes.push(message("warning", app.t("push.markingNoStoredCase", { live: m.liveCases })));
    else if (m?.outcome === "needs_confirmation") {
      const list = m.examples.join(app.locale === "en" ? ", " : "、");
      const examples = m.examples.length === 0 ? "" : app.t(m.examples.length < m.missing ? "push.markingExamplesMore" : "push.markingExamples", { list });
      notes.push(
        message("warning", app.t("push.markingConfirm", { missing: m.missing, examples, live: m.liveCases, percent: missingPercent(m) })),
        h("div", { class: "actions" },
          h("fluent-button", { appearance: "primary", onclick: () => void confirmMarking(m.missing) }, app.t("push.markingConfirmButton", { missing: m.missing }))),
      );
    }
    if (s.restored > 0) notes.push(message("info", app.t("push.restored", { count: s.restored })));
    return notes;
  };

  /** The same ledger again, with the clerk's confirmation: its rows are stored now, so only the marks are written. */
  const confirmMarking = async (missing: number) => {
    try {
      const planned = planLedgerPush(app.grid!.values, app.run!, {
        role: app.me?.role, locale: app.locale, pushId: crypto.randomUUID(), rowsPerChunk: app.me?.pushRowsPerChunk, confirmMissing: missing,
      });
      if (!planned) return;
      plan = planned;
      last = null;
      await send(false);
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  const pushReviews = async () => {
    const grid = app.grid!;
    status.replaceChildren(message("info", app.t("push.reviewsSending")));
    const pushed = (await pushReviewSheetGrid(app.client()!, grid.values, { locale: app.locale, today: todayInChina() }))!;
    const c = pushed.receipt.counts;
    // Marks replace the earlier ones, so a fixed sheet pushed again comes back clean.
    await app.workbook!.markIssues(grid.sheetName, pushed.marks);
    const notes = [message(c.rejected > 0 ? "warning" : "success", app.t("push.reviewsDone", { rows: pushed.rows, ...c }))];
    if (pushed.receipt.issues.length > 0) {
      notes.push(message("info", app.t("mentors.marked")));
      const shown = pushed.receipt.issues.slice(0, 100).map((i) =>
        h("li", { class: `issue ${i.severity}` }, app.t("mentors.issue", { row: i.row, column: i.column ?? "—", message: i.message })));
      notes.push(h("ul", {}, ...shown));
    }
    status.replaceChildren(...notes);
  };

  const start = async () => {
    try {
      await readActiveSheet(app, (el) => status.replaceChildren(el));
      // A 案件质量评查表 names 案件编号 and 承办单位 as a ledger does: it is recognised first and goes to the reviews.
      if (isReviewSheet(app.grid!.values)) {
        await pushReviews();
        return;
      }
      if (app.me?.role === "assessor") {
        status.replaceChildren(message("warning", app.t("push.assessorReviewsOnly")));
        return;
      }
      if (!(await validateActiveSheet(app))) {
        status.replaceChildren(message("warning", app.t("columns.noHeader")));
        return;
      }
      const planned = planLedgerPush(app.grid!.values, app.run!, {
        role: app.me?.role, locale: app.locale, pushId: crypto.randomUUID(), rowsPerChunk: app.me?.pushRowsPerChunk,
      });
      if (!planned) {
        status.replaceChildren(message("warning", app.t("push.noUnit")));
        return;
      }
      plan = planned;
      last = null;
      await send(false);
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
    intro.refresh();
  };

  runButton.addEventListener("click", () => void start());
  cancelButton.addEventListener("click", () => controller?.abort());
  resumeButton.addEventListener("click", () => void send(true));
  return h("section", {},
    // The assessment office's button names the one sheet it pushes; the line is for a ledger's push.
    app.me?.role === "assessor" ? null : intro.element,
    h("div", { class: "actions" }, runButton, cancelButton, resumeButton),
    progress, status);
};
