/** 转入案件 page (clerk): cases transferred to the own unit; 签收 appends them to the ledger once, then signs for them. */
import type { IncomingCase } from "../../../../ledger/api/routing.ts";
import { SheetChangedError } from "../../../hosts/routing-workbook.ts";
import { NoLedgerError, Receiver, unmappedText } from "../../logic/incoming.ts";
import type { App, Page } from "../app.ts";
import { h, message } from "../dom.ts";

/**
 * One receiver per pane session and token, so a second click waits for the first instead of appending beside it;
 * connecting with another token (another unit) gets its own.
 */
const receivers = new WeakMap<App, { token: string | null; receiver: Receiver }>();

function receiverFor(app: App): Receiver {
  const kept = receivers.get(app);
  if (kept && kept.token === app.token) return kept.receiver;
  const receiver = new Receiver({ workbook: app.routing!, client: app.client()! });
  receivers.set(app, { token: app.token, receiver });
  return receiver;
}

function when(iso: string): string {
  return iso.replace("T", " ").slice(0, 16);
}

export const incomingPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const list = h("div", {});
  let cases: IncomingCase[] = [];
  const receiveButton = h("fluent-button", { appearance: "primary", disabled: true }, app.t("incoming.receive"));
  const refreshButton = h("fluent-button", {}, app.t("incoming.refresh"));

  const render = () => {
    const pending = cases.filter((c) => c.receivedAt === null).length;
    if (pending > 0) receiveButton.removeAttribute("disabled");
    else receiveButton.setAttribute("disabled", "");
    if (cases.length === 0) return void list.replaceChildren(message("info", app.t("incoming.none")));
    const head = ["caseNo", "from", "assist", "at", "reason", "status"] as const;
    list.replaceChildren(
      h("p", {}, app.t("incoming.count", { total: cases.length, pending })),
      h("table", { class: "incoming" },
        h("thead", {}, h("tr", {}, ...head.map((k) => h("th", {}, app.t(`incoming.${k}`))))),
        h("tbody", {}, ...cases.map((c) => h("tr", { class: c.receivedAt ? "received" : "pending" },
          h("td", {}, c.caseNo), h("td", {}, c.from), h("td", {}, c.assist ?? "—"), h("td", {}, when(c.transferredAt)),
          h("td", { class: "reason" }, c.reason ?? "—"),
          h("td", {}, c.receivedAt ? app.t("incoming.received", { at: when(c.receivedAt) }) : app.t("incoming.pending")))))),
    );
  };

  const load = async () => {
    try {
      cases = (await app.client()!.incoming()).cases;
      render();
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  const receive = async () => {
    if (receiveButton.hasAttribute("disabled")) return;
    receiveButton.setAttribute("disabled", "");
    status.replaceChildren(message("info", app.t("incoming.working")));
    try {
      const { plan, appendedRows, receipt } = await receiverFor(app).receive(cases);
      const notes: HTMLElement[] = [];
      if (appendedRows) {
        notes.push(message("success", app.t("incoming.appended", { count: plan.append.length, sheet: plan.sheetName, first: appendedRows[0], last: appendedRows[1] })));
      }
      const sep = app.locale === "en" ? ", " : "、";
      if (plan.already.length) notes.push(message("info", app.t("incoming.already", { count: plan.already.length, caseNos: plan.already.join(sep) })));
      if (!appendedRows && !plan.already.length) notes.push(message("info", app.t("incoming.nothingPending")));
      if (plan.unmapped.length) notes.push(message("warning", app.t("incoming.unmapped", unmappedText(plan, app.locale))));
      if (receipt?.notFound.length) notes.push(message("warning", app.t("incoming.notFound", { caseNos: receipt.notFound.join(sep) })));
      const taken = receipt?.cases.filter((c) => c.outcome === "refused").map((c) => c.caseNo) ?? [];
      if (taken.length) notes.push(message("warning", app.t("incoming.refusedTaken", { caseNos: taken.join(sep) })));
      status.replaceChildren(...notes);
    } catch (e) {
      const text = e instanceof NoLedgerError
        ? app.t(e.reason === "header" ? "incoming.noHeader" : "incoming.noCaseNo")
        : e instanceof SheetChangedError ? app.t("incoming.sheetChanged", { row: e.expected }) : app.errorText(e);
      status.replaceChildren(message(e instanceof NoLedgerError ? "warning" : "error", text));
    }
    await load();
  };

  receiveButton.addEventListener("click", () => void receive());
  refreshButton.addEventListener("click", () => void load());
  void load();
  return h("section", {}, h("p", {}, app.t("incoming.intro")), h("div", { class: "actions" }, receiveButton, refreshButton), status, list);
};
